/**
 * The benchmark's shared shapes: a task as `bench/tasks/<suite>/<id>/task.yaml` declares it (the contract the
 * simulator also reads), one attempt's measured result, and the run file written to `.smallcode/benchmarks/`.
 */

export const SUITES = ["smoke", "polyglot", "tool-use"] as const;
export type Suite = (typeof SUITES)[number];

export const LANGUAGES = ["javascript", "typescript", "python", "bash", "rust", "java"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Layers the ablation can switch off (`--disable NAME`; `--naive` is all four). */
export const LAYERS = ["parser", "patch", "guards", "context"] as const;
export type Layer = (typeof LAYERS)[number];

/** One step of a reference trajectory: a tool call, or the final answer. */
export type ReferenceStep = { tool: string; args: Record<string, unknown> } | { say: string };

export interface TaskLimits {
  max_turns: number;
  timeout_s: number;
}

/** A loaded, validated task. Field names follow task.yaml; `dir` and `repoDir` are absolute. */
export interface TaskDef {
  id: string;
  suite: Suite;
  language: Language;
  tags: string[];
  prompt: string;
  limits: TaskLimits;
  /** Shell command run in the repository the agent left; exit 0 = pass. */
  verify: string;
  /** Globs (relative to the repo) restored from the original before verification. */
  protected: string[];
  reference: ReferenceStep[];
  /** The task's folder (holding task.yaml). */
  dir: string;
  /** The folder copied to a fresh temp repository per attempt. */
  repoDir: string;
}

/** Why an attempt ended, from the agent's `done` event, or the harness's own reasons. */
export type AttemptExit = "done" | "limits" | "format_error" | "aborted" | "error" | "timeout" | "harness_error";

export interface VerifyOutcome {
  /** Exit code of the verify command (null when it was killed). */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The last lines of its output, for the report. */
  tail: string;
}

/** What one attempt measured. Counts come from the agent's event stream. */
export interface AttemptResult {
  task: string;
  suite: Suite;
  language: Language;
  /** 0-based repeat index; attempts with the same index in two runs are paired by `bench diff`. */
  attempt: number;
  seed: number;
  pass: boolean;
  exit: AttemptExit;
  detail: string;
  turns: number;
  toolCalls: number;
  failedToolCalls: number;
  tokensIn: number;
  tokensOut: number;
  wallMs: number;
  /** Guard interventions by guard name (events of type "guard" plus results a guard answered). */
  guards: Record<string, number>;
  guardInterventions: number;
  /** Calls the forgiving parser repaired (renamed parameters, coerced values …) or read from a non-native format. */
  parseRepairs: number;
  /** Calls by the format they were read from. */
  formats: Record<string, number>;
  /** Successful edits by patch strategy ("exact", "whitespace" …). */
  patchStrategies: Record<string, number>;
  compactions: number;
  verify: VerifyOutcome;
  /** Protected files the agent changed or deleted, restored before verification. */
  protectedRestored: string[];
  /** What the simulator injected (counts per noise kind), for sim runs. */
  sim?: Record<string, number>;
}

export type RunMode = "live" | "sim" | "replay";

export interface RunMeta {
  schema: "smallcode-bench/1";
  runId: string;
  startedAt: string;
  finishedAt: string;
  smallcodeVersion: string;
  mode: RunMode;
  suites: Suite[];
  tasks: string[];
  repeat: number;
  concurrency: number;
  seed: number;
  disable: Layer[];
  model: string;
  baseUrl?: string;
  /** Live runs: what the server reports, when it does. */
  quantization?: string;
  contextWindow?: number;
  /** Sim runs: the noise profile. */
  profile?: string;
  node: string;
  platform: string;
}

export interface Interval {
  low: number;
  high: number;
}

export interface GroupSummary {
  tasks: number;
  attempts: number;
  passes: number;
  pass1: number;
  pass1Ci: Interval;
  passK: number;
  passKCi: Interval;
}

export interface RunSummary extends GroupSummary {
  k: number;
  bySuite: Record<string, GroupSummary>;
  byLanguage: Record<string, GroupSummary>;
  medianTokensIn: number;
  medianTokensOut: number;
  medianTurns: number;
  medianWallMs: number;
  guardInterventions: Record<string, number>;
}

export interface RunFile extends RunMeta {
  attempts: AttemptResult[];
  summary: RunSummary;
}
