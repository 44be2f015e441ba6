/**
 * The contract of the context budget engine: the budget a `budget` declaration in marrow/ compiles to, what the
 * engine reports, and the callback it uses to summarize old turns.
 */
import type { ChatMessage, OpenAITool } from "../model/types.js";
import type { ToolSpec } from "../tools/types.js";

/** Emitted by marrowc from a `budget { … }` declaration. Shares are 0..1, sizes are tokens unless named otherwise. */
export interface BudgetSpec {
  name: string;
  contextShare: number; // 0..1 share of the window the prompt may use (85% -> 0.85)
  outputReserve: number; // tokens kept free for the reply
  safetyMargin: number; // tokens
  toolResultChars: number; // cap per tool result shown to the model
  compactAt: number; // 0..1: compact older turns when the prompt reaches this share of the budget
  compactTo: number; // 0..1: compact down to this share
  keepRecentTurns: number; // never compact the last N turns
}

/** What the engine uses when no `budget` declaration overrides it. */
export const DEFAULT_BUDGET: BudgetSpec = {
  name: "default",
  contextShare: 0.85,
  outputReserve: 2048,
  safetyMargin: 256,
  toolResultChars: 4000,
  compactAt: 0.8,
  compactTo: 0.5,
  keepRecentTurns: 4,
};

/** Token counts of one assembled request by part, for `/budget`. All figures are calibrated estimates. */
export interface BudgetBreakdown {
  /** The model's context window in tokens. */
  window: number;
  /** window × contextShare − outputReserve − safetyMargin. */
  budget: number;
  system: number;
  tools: number;
  /** User and assistant messages, and the summary of compacted turns. */
  history: number;
  toolResults: number;
  /** The task, the TODO list, working memory and pinned files. */
  pinned: number;
  /** budget − everything above (never negative). */
  free: number;
}

/** Where a pinned section sorts in the rendered pinned block; lower ranks first, then by key. */
export type PinKind = "todo" | "memory" | "file" | "note";

export interface PinnedSection {
  /** Stable identity, e.g. "todo", "memory", "file:src/app.ts". Pinning the same key again replaces the content. */
  key: string;
  kind: PinKind;
  /** Heading shown to the model. */
  title: string;
  content: string;
}

/** What a summarizer returns. A summarizer may also throw or reject: the engine treats that as `ok: false`. */
export type SummaryResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Turns a transcript of old turns into a short summary. The agent passes the `summarize_history` prompt declared in
 * marrow/; when it fails, the engine falls back to a deterministic digest.
 */
export type Summarizer = (transcript: string, signal?: AbortSignal) => Promise<SummaryResult>;

/** What a tool result says about files and identity, so the engine can evict stale and superseded output. */
export interface ToolResultMeta {
  /** Tool name (defaults to the name on the tool message). */
  tool?: string;
  /** Canonical arguments; with the tool name it identifies identical calls. Defaults to the assistant's call. */
  callKey?: string;
  /** Files whose content this result shows (a read). */
  reads?: string[];
  /** Files this call changed (an edit, a write). */
  writes?: string[];
  /** false when the tool failed; the digest lists failures. */
  ok?: boolean;
  /** Cap in characters for this result (a tool's `resultCap`); defaults to BudgetSpec.toolResultChars. */
  cap?: number;
  /** How the model can see the omitted part, shown in the truncation note. */
  moreHint?: string;
}

/** Something the engine did to the history while assembling, for events and traces. */
export type ContextEvent =
  | { kind: "evicted"; stale: number; superseded: number; tokensFreed: number }
  | {
      kind: "compacted";
      turns: number;
      tokensBefore: number;
      tokensAfter: number;
      usedFallback: boolean;
      /** Why the summarizer was not used, when the digest stood in. */
      error?: string;
      /** Tool results in the kept turns (not the last) re-capped in the same step to reach compactTo. */
      squeezed?: number;
    }
  | { kind: "squeezed"; results: number; tokensFreed: number }
  | { kind: "pins_trimmed"; sections: string[]; tokensFreed: number };

export type AssembleResult =
  | {
      ok: true;
      messages: ChatMessage[];
      tools: OpenAITool[];
      /** Calibrated estimate of the request's prompt tokens (messages and tool schemas). Never above `budget`. */
      promptTokens: number;
      budget: number;
      /** Token limit for the reply that still fits the window. */
      maxOutputTokens: number;
      events: ContextEvent[];
    }
  | {
      ok: false;
      /** The fixed part alone (system prompt, tool schemas, task) does not fit: nothing can be evicted to help. */
      reason: "fixed_over_budget";
      message: string;
      breakdown: BudgetBreakdown;
    };

export interface AssembleOptions {
  /** Tools offered this step (native tool calling); their schemas count against the budget. */
  tools?: readonly ToolSpec[];
  /** Prompt-mode tool descriptions: appended to the system message and counted. */
  toolsInPrompt?: string;
  signal?: AbortSignal;
}

/**
 * The engine's state as plain JSON, for sessions that resume after a kill (`--resume`): the history with its
 * eviction marks and file facts, the summary, the pins and the file-change clock. Budget, window and callbacks are not
 * part of it; the resuming run supplies them.
 */
export interface ContextSnapshot {
  version: 1;
  task: string;
  summary: string;
  seq: number;
  entries: Array<{
    message: ChatMessage;
    seq: number;
    tool?: { name: string; callKey: string; reads: string[]; writes: string[]; ok: boolean };
    evicted?: "stale" | "superseded";
  }>;
  pins: PinnedSection[];
  changes: Array<[path: string, seq: number]>;
}
