/**
 * The contract between the agent loop and the guard detectors.
 *
 * A guard is declared in marrow/ (thresholds, steering text, escalation) and emitted as a GuardSpec. Its behaviour
 * is a GuardDetector registered under `GuardSpec.detector`. The loop owns the run's state and exposes it read-only as
 * a RunView; detectors are pure functions of (spec, view, event) → verdict, so each can be unit-tested without a
 * model, and a team can declare a second guard on the same detector with other thresholds.
 */
import type { ToolOutcome } from "../tools/types.js";
import type { GuardAction, GuardSpec } from "./spec.js";

/** One tool call as the loop saw it. */
export interface CallRecord {
  /** The turn (model reply) it came from, counted from 1. */
  turn: number;
  /** The resolved tool name; for an unknown tool, the name the model wrote (possibly ""). */
  name: string;
  arguments: Readonly<Record<string, unknown>>;
  /** True when `name` is a declared tool. */
  known: boolean;
  /** Canonical `name + sorted JSON arguments`, for repeat and dedup detection. */
  key: string;
  /** The project-relative path the call reads or writes, when it has one. */
  path?: string;
  /** Set once the call ran (or was answered by a guard). */
  outcome?: ToolOutcome;
  /** The guard that refused or answered the call, if any. */
  handledBy?: string;
  /**
   * True when the tool itself failed (bad arguments, file not found, an edit that did not apply). A shell command that
   * ran and exited non-zero is NOT a tool failure.
   */
  toolFailure: boolean;
}

/** One model reply and what came of it. */
export interface TurnRecord {
  turn: number;
  /** The assistant's prose, with reasoning and tool markup removed. */
  text: string;
  calls: CallRecord[];
  /** Parser diagnostics: things that looked like calls but could not be used. */
  parseDiagnostics: string[];
  /** Which stage the turn belongs to. */
  stage: string;
}

/** The run, read-only, as detectors see it. */
export interface RunView {
  readonly task: string;
  /** The current turn number (the turn being judged), counted from 1. */
  readonly turn: number;
  /** Completed turns, oldest first (the current turn is passed separately to the hook). */
  readonly turns: readonly TurnRecord[];
  /** Paths (project-relative) the model has read in full or in part during this run, and not written since. */
  readonly filesRead: ReadonlySet<string>;
  /** Whether a project-relative path exists now. */
  fileExists(path: string): boolean;
  /** The declared tool names, and the subset still available (after trust decay). */
  readonly toolNames: readonly string[];
  readonly availableTools: readonly string[];
  /** Prompt + completion tokens used so far in the run. */
  readonly tokensUsed: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  /** How often the named guard has fired in this run. */
  triggers(guard: string): number;
  /** Steering messages injected in a row, with no healthy turn in between. */
  readonly consecutiveSteers: number;
}

/** A detector's verdict: what to do, plus detail appended to the declared message (e.g. the closest tool names). */
export interface GuardHit {
  action: GuardAction;
  detail?: string;
}

/** A pre-call verdict may also answer the call without running it (deduplication of identical read-only calls). */
export type BeforeCallVerdict = GuardHit | { answer: ToolOutcome; detail?: string };

export interface GuardDetector {
  /** After the model replied and its calls were parsed, before any of them runs. */
  onReply?(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined;
  /** Before one call runs: reject it, or answer it from an earlier result. */
  beforeCall?(spec: GuardSpec, view: RunView, call: CallRecord): BeforeCallVerdict | undefined;
  /** After one call ran. */
  afterCall?(spec: GuardSpec, view: RunView, call: CallRecord): GuardHit | undefined;
  /** Before each model request: any limit that should end the run now. */
  beforeTurn?(spec: GuardSpec, view: RunView): GuardHit | undefined;
  /** Tools to demote (offered last, with a warning) or drop (not offered, calls refused), recomputed each turn. */
  toolAvailability?(spec: GuardSpec, view: RunView): { demote: string[]; drop: string[] };
}

/** Detectors by `GuardSpec.detector` name. */
export type GuardRegistry = Readonly<Record<string, GuardDetector>>;

export function isAnswer(v: BeforeCallVerdict): v is { answer: ToolOutcome; detail?: string } {
  return "answer" in v;
}
