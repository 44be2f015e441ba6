/**
 * The slash-command contract. Each command is one file in cli/slash/ that exports `command: SlashCommand` (or
 * `commands: SlashCommand[]`); the registry (cli/slash/registry.ts) loads every file there, so adding a command never
 * edits a shared file. The fullscreen TUI and classic mode run the same implementations against a SlashContext: they
 * only differ in how they render `ctx.out` and answer `ctx.ask`.
 */
import type { AgentEvent } from "../../runtime/agent/events.js";
import type { BudgetBreakdown } from "../../runtime/context/types.js";
import type { RollbackReport } from "../../runtime/session/snapshots.js";

/** How a line of output is shown. Both modes map these to colours (TUI) or leave them plain (piped, NO_COLOR). */
export type OutputStyle =
  | "plain"
  | "heading"
  | "dim"
  | "success"
  | "warning"
  | "error"
  | "code"
  /** Diff lines: added, deleted, hunk header. */
  | "add"
  | "del"
  | "hunk"
  /** Emphasis (the budget bar, a card's title). */
  | "accent"
  /** A guard intervention. */
  | "guard";

/** Where commands write. Text may hold several lines; nothing here may contain ANSI escapes. */
export interface SlashOutput {
  print(text: string, style?: OutputStyle): void;
  /** A titled group of lines (a table, a diff, a list) rendered as one block. */
  block(title: string, lines: readonly string[], style?: OutputStyle): void;
}

export interface AskOptions {
  /** Hide the typed text (API keys); the answer never reaches the output, logs or traces. */
  mask?: boolean;
  /** When given, the answer must be one of these (the TUI shows a picker, classic mode a numbered list). */
  choices?: readonly string[];
  /** Returned for an empty answer. */
  default?: string;
}

/** One user prompt of the interactive session and how its run ended. */
export interface HistoryEntry {
  prompt: string;
  /** Session id of the run, set once it has started. */
  sessionId?: string;
  startedAt: number;
  /** Present once the run ended. */
  done?: Extract<AgentEvent, { type: "done" }>;
  /** Snapshot turns this prompt's run created (what /undo rolls back). */
  snapshotTurns: number[];
  /** True once /undo rolled it back. */
  undone?: boolean;
}

export interface SessionUsage {
  promptTokens: number;
  completionTokens: number;
  /** Model calls whose usage came from the server (the rest are estimates). */
  measuredCalls: number;
  estimatedCalls: number;
  toolCalls: number;
  failedToolCalls: number;
  guardInterventions: number;
  /** Wall time spent in runs, ms. */
  busyMs: number;
  /** Since the interactive session began, ms. */
  elapsedMs: number;
}

export interface EndpointInfo {
  baseUrl?: string;
  model?: string;
  /** Masked; never the key itself. */
  apiKeyMasked?: string;
  toolMode?: "native" | "prompt";
  contextWindow?: number;
  /** Where the endpoint came from ("flags", "env", "discovered", "settings", "/model", "/provider"). */
  source?: string;
}

export interface UndoResult {
  ok: boolean;
  /** The prompt whose edits were rolled back. */
  prompt?: string;
  reports: RollbackReport[];
  /** Why nothing was undone, when ok is false. */
  message?: string;
}

export interface FileChange {
  path: string;
  /** Content before the session first wrote it; null when the session created it. */
  before: string | null;
  /** Content now; null when it no longer exists. */
  after: string | null;
}

/** The live interactive session, as slash commands see it. */
export interface SlashSession {
  /** The agent session id (undefined before the first prompt or after /clear). */
  readonly id: string | undefined;
  readonly cwd: string;
  /** Every agent event of this interactive session, in order (streaming deltas excluded). */
  readonly events: readonly AgentEvent[];
  readonly history: readonly HistoryEntry[];
  readonly busy: boolean;
  usage(): SessionUsage;
  /** The context budget by part as of the last model request; undefined before the first one. */
  budget(): BudgetBreakdown | undefined;
  endpoint(): EndpointInfo;
  /** Subscribes to agent events; returns the unsubscribe function. */
  on(listener: (event: AgentEvent) => void): () => void;
  /** Use this endpoint for the next prompts (undefined fields keep their value). Keys are passed, never printed. */
  setEndpoint(change: { baseUrl?: string; model?: string; apiKey?: string; source?: string }): void;
  /** Re-reads configuration (after /provider or /config wrote a file). */
  reloadSettings(): Promise<void>;
  /** Starts a fresh agent session (the next prompt is a new task). */
  clear(): void;
  /** Continue a logged session (an id or "latest"); a message saying what was wrong when it cannot. */
  resume(sessionId: string): Promise<{ ok: true; task: string } | { ok: false; message: string }>;
  /** Rolls back the edits of the most recent prompt not yet undone. */
  undo(): Promise<UndoResult>;
  /** Project-relative paths this interactive session changed (through the file tools). */
  changedFiles(): string[];
  /** Net change of every file the session wrote, from the snapshots (what /diff shows). */
  fileChanges(): Promise<FileChange[]>;
}

export interface SlashContext {
  readonly mode: "tui" | "classic";
  readonly session: SlashSession;
  readonly out: SlashOutput;
  /** Asks the user; undefined when they cancel (Esc, Ctrl-C, end of input). */
  ask(question: string, options?: AskOptions): Promise<string | undefined>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Every loaded command, for /help and suggestions. */
  readonly commands: readonly SlashCommand[];
  /** Ends the interactive session once the command returns. */
  quit(): void;
  /** Clears the visible transcript (the TUI's scrollback, classic mode's screen when a TTY). */
  clearScreen(): void;
}

export type SlashResult =
  | { ok: true }
  /** A user mistake or a failure, already explained in `message` (what was wrong, what to do). */
  | { ok: false; message: string };

export interface SlashCommand {
  /** Without the slash, lower case: "help". */
  name: string;
  aliases?: readonly string[];
  /** One line for /help. */
  summary: string;
  /** e.g. "/model [name]". */
  usage?: string;
  /** `args` is the text after the command name, trimmed. Never throws on user mistakes. */
  run(args: string, ctx: SlashContext): Promise<SlashResult>;
}

/** What a command file exports. */
export interface SlashModule {
  command?: SlashCommand;
  commands?: readonly SlashCommand[];
}

export const OK: SlashResult = { ok: true };
export const fail = (message: string): SlashResult => ({ ok: false, message });
