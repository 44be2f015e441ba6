/**
 * The declarations `marrowc` emits for `guard`, `stage` and `agent` (see generated/guards.ts and generated/agent.ts).
 * These are plain data: the agent-loop issue implements guards, stages and transitions generically from them, so a
 * team can retune a threshold, reword a steering message or reorder stages in MarrowScript without touching TypeScript.
 *
 * Units are normalised by the compiler: durations in milliseconds, sizes in characters or tokens (plain numbers),
 * percentages as shares in 0..1.
 */

/** A threshold value as declared: a number (after unit normalisation), a flag, a word or a list of words. */
export type GuardThreshold = number | boolean | string | readonly string[];

/** What a guard does when its detector fires. */
export type GuardAction =
  /** Inject a steering message (as a user/system note) into the next request and carry on. */
  | { kind: "steer"; message: string }
  /** Refuse the offending tool call; the message goes back to the model as the tool result. */
  | { kind: "reject"; message: string }
  /** Re-ask the same turn (at another temperature), optionally with a message. */
  | { kind: "retry"; message?: string }
  /** Compact the history, then carry on. */
  | { kind: "compact" }
  /** End the run with a reason (the loop reports `limits`). */
  | { kind: "stop"; reason: string };

export interface GuardSpec {
  /** The declared name, e.g. "patch_spiral". */
  name: string;
  /** Which detector implements it; defaults to the name (a team can declare a second guard on the same detector). */
  detector: string;
  description?: string;
  enabled: boolean;
  /** Every other declared field, keyed by its camelCase name (`failures_per_file` → `failuresPerFile`). */
  thresholds: Readonly<Record<string, GuardThreshold>>;
  /** What to do the first times the detector fires. */
  then: GuardAction;
  /** What to do when it keeps firing: after `afterTriggers` triggers in one run, `then` is replaced by `action`. */
  escalate?: { afterTriggers: number; action: GuardAction };
}

/** A command a stage runs: one the project configures (test/lint/build command) or a literal shell command. */
export type CommandRef = { kind: "project"; key: string } | { kind: "shell"; command: string };

/** What a stage does each time it is entered. */
export type StageAction =
  /** The model-tool loop, until the model says it is done (or `until` names another condition). */
  | { kind: "loop"; until: string }
  /** Run a command; success takes `next`, failure takes `onFail`. */
  | { kind: "run"; command: CommandRef }
  /** Call a declared prompt once (e.g. a planner) and hand its result to the next stage. */
  | { kind: "prompt"; prompt: string };

/**
 * Where to go when a stage fails (its command fails, a limit is hit). MarrowScript: a stage, `retry(stage, n[, otherwise])`,
 * `goto(stage)`, `rollback`, `stop` (or `abort`) and `done`.
 */
export type StageFailure =
  /** Go back to `stage`, at most `times` times in one run; after that, `otherwise` (default: stop). */
  | { kind: "retry"; stage: string; times: number; otherwise?: StageFailure }
  | { kind: "goto"; stage: string }
  /** End the run as finished despite the failure. */
  | { kind: "done" }
  /** Restore the snapshot taken when the run started, then end as failed. */
  | { kind: "rollback" }
  /** End the run as failed. */
  | { kind: "stop" };

/** The terminal pseudo-stages a `next:` can name: the run ends finished (`done`) or failed (`stop`, `abort`). */
export const DONE_STAGE = "done";
export const STOP_STAGES: readonly string[] = ["stop", "abort"];

export interface StageSpec {
  name: string;
  action: StageAction;
  /** Limit on model turns within one visit of the stage. */
  maxTurns?: number;
  /** Wall-clock limit for one visit, in milliseconds. */
  timeoutMs?: number;
  /** Next stage when the stage ends; `done`, `stop`, `rollback` end the run. A stage without `next:` ends with done. */
  next: string;
  /** For `run` stages: where to go when the command succeeds (default: `next`). */
  onPass?: string;
  /** Where to go when the command fails or a limit is hit (default: stop). */
  onFail?: StageFailure;
  description?: string;
  /** Tools offered in this stage (names); undefined means the agent's tools. */
  tools?: readonly string[];
  /** Extra guards active in this stage, on top of the agent's. */
  guards?: readonly string[];
  /** A command whose success validates the stage's result before `next` is taken. */
  validate?: CommandRef;
  /** When the stage is entered: `files_changed` skips it (as passed) when the run has changed no file. */
  when?: "always" | "files_changed";
}

/**
 * The loop's messages (`messages { … }` in an agent). Each is a template whose `{{variables}}` the loop fills in; the
 * compiler checks them against the names listed here.
 */
export interface AgentMessages {
  /** `{{problems}}`: the parser's diagnostics, one per line. */
  formatError: string;
  /** `{{command}}`, `{{exit_code}}`, `{{output}}`. */
  checkFailed: string;
  /** `{{tool}}`. */
  toolDropped: string;
  /** `{{command}}`, `{{reasons}}`. */
  approvalRefused: string;
  resumeFollowUp: string;
  editedFilesTitle: string;
  emptyReply: string;
  /** `{{stage}}`, `{{reason}}`. */
  stageSkipped: string;
  /** `{{tool}}`, `{{seconds}}`. */
  toolTimeout: string;
  /** `{{steps}}`, `{{command}}`, `{{exit_code}}`, `{{output}}`. */
  stepCheckFailed: string;
  /** `{{max_output}}`: the reply's token limit. */
  replyCutOff: string;
}

/** The loop's limits (`loop { … }` in an agent), in base units. */
export interface LoopLimits {
  maxFormatErrors: number;
  maxEmptyReplies: number;
  modelErrorRetries: number;
  guardRetries: number;
  retryTemperatureStep: number;
  checkOutputChars: number;
  /** For tools that declare no `timeout`. */
  toolTimeoutMs: number;
  /** Cap on the `{{project}}` summary in the system prompt, in characters. */
  projectSummaryChars: number;
}

export interface AgentSpec {
  name: string;
  /** A declared model or router. */
  model: { kind: "model" | "router"; name: string };
  /** A declared budget. */
  budget: string;
  tools: readonly string[];
  guards: readonly string[];
  /** In declaration order; the first is where the run starts. */
  stages: readonly StageSpec[];
  initialStage: string;
  /** Limit on model turns over the whole run. */
  maxTurns?: number;
  /** Limit on the whole run, in milliseconds. */
  timeoutMs?: number;
  /** The system prompt template, when declared (`{{cwd}}` filled by the loop). */
  system?: string;
  description?: string;
  /** A declared routing (the build's `routings`); without one the loop uses the runtime's fallback routing. */
  routing?: string;
  /** Prompt-mode tool instructions; `{{tools}}` is one compact line per offered tool. */
  toolsPrompt?: string;
  /** Declared messages; the rest come from the runtime's fallbacks (runtime/agent/defaults.ts). */
  messages?: Partial<AgentMessages>;
  /** Declared limits; the rest come from the runtime's fallbacks. */
  loop?: Partial<LoopLimits>;
  /** Run when the model marks TODO steps done; a failure reopens them. Without one, steps are not checked. */
  stepCheck?: CommandRef;
}

/** The outcome of one visit of a stage, as the loop reports it to `nextStage`. */
export type StageOutcome = "success" | "failure";

/**
 * The transition function of the stage machine. `visits` counts how often each stage was re-entered through a
 * `retry` failure in this run (the caller keeps it). Returns the next stage name, `done`, or a terminal failure.
 */
export function nextStage(
  agent: AgentSpec,
  current: string,
  outcome: StageOutcome,
  retries: ReadonlyMap<string, number>,
): { stage: string } | { stop: "rollback" | "failed" } {
  const stage = agent.stages.find((s) => s.name === current);
  if (!stage) return { stop: "failed" };
  if (outcome === "success") return { stage: stage.onPass ?? stage.next };
  return resolveFailure(stage.onFail, retries);
}

function resolveFailure(
  failure: StageFailure | undefined,
  retries: ReadonlyMap<string, number>,
): { stage: string } | { stop: "rollback" | "failed" } {
  if (!failure || failure.kind === "stop") return { stop: "failed" };
  if (failure.kind === "rollback") return { stop: "rollback" };
  if (failure.kind === "done") return { stage: DONE_STAGE };
  if (failure.kind === "goto") return { stage: failure.stage };
  const used = retries.get(failure.stage) ?? 0;
  if (used < failure.times) return { stage: failure.stage };
  return resolveFailure(failure.otherwise, retries);
}
