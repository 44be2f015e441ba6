/**
 * The contract of tool routing: which tool schemas a step offers. Plain data, emitted by marrowc from a `routing`
 * declaration in marrow/, so a team can change categories and signals without touching code.
 */
import type { ToolSpec } from "../tools/types.js";

/** One category of tools (ToolSpec.category) and the signals that select it. */
export interface RoutingCategory {
  name: string;
  /**
   * Words or phrases in the task or a new user message that select this category: case-insensitive whole words,
   * allowing common endings ("test" matches "tests" and "testing", not "latest" or "contest").
   */
  keywords: string[];
  /**
   * Select this category when the previous step called a tool of one of these categories (e.g. write after read). A
   * category whose tool was called is always selected on the next step.
   */
  after: string[];
}

export interface RoutingSpec {
  categories: RoutingCategory[];
  /** Categories offered on every step (e.g. plan, finish). */
  always: string[];
  /** Categories offered when no keyword and no previous call selects anything (the first step of a vague task). */
  fallback: string[];
  /** A last user message that is one of these (ignoring case and punctuation) keeps the previous step's set. */
  continuePhrases: string[];
  /**
   * Steps a selected category stays offered after the signal that selected it is gone. Holding keeps the tool list,
   * which chat templates render at the very start of the prompt, stable for KV-cache reuse.
   */
  holdSteps: number;
}

/** What the loop knows when it asks for this step's tools. */
export interface RoutingState {
  /** Every tool the agent knows (the declared tools), in a stable order. */
  tools: readonly ToolSpec[];
  task: string;
  /** The latest user message, when it is not the task itself (a follow-up such as "continue" or "now add tests"). */
  lastUserMessage?: string;
  /** Categories of the tools the previous step called (real tools, offered or not). */
  previousCallCategories: string[];
  /** The previous decision, or undefined on the first step. */
  previous?: RoutingDecision;
}

export type RoutingReason = "always" | "keyword" | "after" | "held" | "continue" | "fallback" | "all";

export interface RoutingDecision {
  /** The tools to offer, in the order of the full tool list (a stable order keeps the prompt prefix stable). */
  tools: ToolSpec[];
  /** The selected categories, sorted. */
  categories: string[];
  /** Why each category was selected (the first signal that chose it). */
  reasons: Record<string, RoutingReason>;
  /** Step number, counted from 0. */
  step: number;
  /** For each category, the last step on which a live signal selected it (drives `holdSteps`). */
  lastSelected: Record<string, number>;
  /** The user message whose keywords were last applied (keywords count once, when a message is new). */
  userMessage: string;
}
