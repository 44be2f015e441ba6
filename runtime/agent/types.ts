/**
 * The agent loop's public shapes: what it is built from (an AgentBundle, usually emitted by marrowc into
 * generated/ or a team's .smallcode/generated/), how it is configured, and the closed union of ways a run ends.
 */
import type { BudgetSpec } from "../context/types.js";
import type { ModelClient } from "../model/types.js";
import type { PromptResult, PromptRuntime } from "../prompt/index.js";
import type { ModelSpec } from "../prompt/spec.js";
import type { RoutingSpec } from "../routing/types.js";
import type { Classification } from "../shell/classify.js";
import type { ToolImpl } from "../tools/impl/context.js";
import type { ToolSpec } from "../tools/types.js";
import type { GuardRegistry } from "./guard-api.js";
import type { AgentEventType } from "./events.js";
import type { AgentMessages, AgentSpec, GuardSpec } from "./spec.js";
import type { AblationLayer } from "./ablation.js";

/** How a run ends. `done`: the task finished; `limits`: a turn, time or guard limit; the rest say what broke. */
export type ExitReason = "done" | "limits" | "format_error" | "aborted" | "error";

export type SummarizeFn = (
  params: { transcript: string; focus?: string },
  runtime: PromptRuntime,
) => Promise<PromptResult<string>>;

/** What the loop is built from: the declarations of one agent and everything they name. */
export interface AgentBundle {
  agent: AgentSpec;
  /** Every declared tool (the agent offers those `agent.tools` names). */
  tools: readonly ToolSpec[];
  budgets: Readonly<Record<string, BudgetSpec>>;
  /** Every declared guard (the agent and its stages name the active ones). */
  guards: readonly GuardSpec[];
  models?: Readonly<Record<string, ModelSpec>>;
  /** The `summarize_history` prompt, used to compact old turns. */
  summarize?: SummarizeFn;
  /** Other declared prompts by name, for `prompt` stages. */
  prompts?: Readonly<Record<string, (params: never, runtime: PromptRuntime) => Promise<PromptResult<unknown>>>>;
  routing?: RoutingSpec;
  /** Where it came from, for messages ("built-in", ".smallcode/generated"). */
  source: string;
}

export type ApprovalDecision = "once" | "always" | "deny";
/** Asked for shell commands classified `needs_approval`. */
/**
 * Asks the user about a command that needs approval. `messages` are the agent's declared messages (a team's
 * `approval_refused` text among them), so a front end that cannot ask says what the team declared.
 */
export type Approver = (
  command: string,
  classification: Classification,
  messages: AgentMessages,
) => Promise<ApprovalDecision>;

export interface AgentOptions {
  bundle: AgentBundle;
  client: ModelClient;
  /** Native tool calling, or tools described in the system prompt (decided by the probe or configuration). */
  toolMode: "native" | "prompt";
  /** The project root. */
  cwd: string;
  /** The model's context window in tokens (discovery, the model declaration, or configuration). */
  contextWindow?: number;
  /** Overrides the agent's total turn limit. */
  maxTurns?: number;
  /** Approval callback; without one, commands needing approval are refused. */
  approve?: Approver;
  /** Detectors for the declared guards (default: an empty registry plus runtime/guards when present). */
  guardRegistry?: GuardRegistry;
  signal?: AbortSignal;
  /** Commands `run` stages name by key (test_command …); detected from the project when absent. */
  projectCommands?: Readonly<Record<string, string>>;
  /** Runtime for declared prompts (the summarizer); default: every prompt goes to `client`. */
  promptRuntime?: PromptRuntime;
  /** Session id and directory; default a new id under <cwd>/.smallcode/sessions. */
  sessionId?: string;
  sessionsDir?: string;
  /** Events not written to the session log (default: model_delta). */
  unloggedEvents?: readonly AgentEventType[];
  /** Compensation layers to run without, for the benchmark's ablation (see ablation.ts). */
  disable?: readonly AblationLayer[];
  /**
   * Record what shell commands change, so rollback and /undo restore it too (runtime/session/shell-checkpoint.ts).
   * Default true; it needs git on the PATH and is skipped, with one warning, where git is missing or too slow.
   */
  snapshotShellChanges?: boolean;
  /** The user's shell settings (`shell.containment`, `shell.timeout`); default: containment on, the shell's limit. */
  shell?: { containment?: boolean; timeoutMs?: number };
  /**
   * Secret values (the configured API keys) redacted from every tool result, message, session log line and event,
   * together with key-like environment variables and `.env` values found by runtime/security/collectSecrets.
   */
  secrets?: ReadonlyArray<string | undefined>;
  /** Implementations for declared tools the core does not implement (an embedder's own tools, tests), by name. */
  extraTools?: Readonly<Record<string, ToolImpl>>;
}

export interface CallSummary {
  turn: number;
  name: string;
  arguments: Record<string, unknown>;
  ok: boolean;
}

export interface RunResult {
  success: boolean;
  reason: ExitReason;
  /** One line saying why the run ended, for the user. */
  detail: string;
  /** The model's final answer (its last prose). */
  text: string;
  toolCalls: CallSummary[];
  /** Project-relative paths the run wrote. */
  filesChanged: string[];
  usage: { promptTokens: number; completionTokens: number };
  turns: number;
  durationMs: number;
  sessionId: string;
}
