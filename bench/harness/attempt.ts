/**
 * One attempt at one task: a fresh temp repository, a model endpoint, SmallCode run in-process (its events collected),
 * the time limit enforced by aborting the run, then the protected files restored and the task's tests run.
 */
import { SmallCode, type SmallCodeOptions } from "../../cli/api.js";
import { EventCollector, type EventMetrics } from "./collect.js";
import { openEndpoint, type AttemptEndpoint, type ModelSource } from "./endpoint.js";
import { killProcessesIn } from "./proc.js";
import type { AttemptExit, AttemptResult, Layer, TaskDef } from "./types.js";
import { verifyTask, type VerifyResult } from "./verify.js";
import { freshRepo, removeRepo } from "./workspace.js";

export interface AttemptOptions {
  source: ModelSource;
  disable: readonly Layer[];
  seed: number;
  attempt: number;
  /** Keep the temp repository (its path goes into `detail`). */
  keep?: boolean;
  /** Extra settings for the agent (tests use short client timeouts). */
  agent?: Partial<SmallCodeOptions>;
  /** Environment for SMALLCODE_* variables of live runs (API key); default none. */
  env?: Readonly<Record<string, string | undefined>>;
}

function emptyResult(task: TaskDef, o: AttemptOptions, exit: AttemptExit, detail: string): AttemptResult {
  return {
    task: task.id,
    suite: task.suite,
    language: task.language,
    attempt: o.attempt,
    seed: o.seed,
    pass: false,
    exit,
    detail,
    turns: 0,
    toolCalls: 0,
    failedToolCalls: 0,
    tokensIn: 0,
    tokensOut: 0,
    wallMs: 0,
    guards: {},
    guardInterventions: 0,
    parseRepairs: 0,
    formats: {},
    patchStrategies: {},
    compactions: 0,
    verify: { exitCode: null, timedOut: false, durationMs: 0, tail: "" },
    protectedRestored: [],
  };
}

/** Runs the agent with a hard wall-clock limit; `timedOut` is true when the limit ended it. */
async function runAgent(
  agent: SmallCode,
  task: TaskDef,
  controller: AbortController,
  repo: string,
): Promise<{ timedOut: boolean; error?: string }> {
  let timedOut = false;
  const limitMs = task.limits.timeout_s * 1000;
  let grace: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`time limit of ${task.limits.timeout_s}s`));
    // The loop stops between steps; whatever command its shell is running in the repository ends now.
    killProcessesIn(repo);
  }, limitMs);
  // If the loop does not honour the abort within 10 s, stop waiting for it.
  const stuck = new Promise<"stuck">((r) => {
    controller.signal.addEventListener("abort", () => {
      grace = setTimeout(() => r("stuck"), 10_000);
    });
  });
  try {
    const r = await Promise.race([agent.run(task.prompt), stuck]);
    if (r === "stuck") return { timedOut, error: "the agent did not stop within 10 s of the time limit" };
    return { timedOut };
  } finally {
    clearTimeout(timer);
    if (grace) clearTimeout(grace);
  }
}

function agentOptions(
  o: AttemptOptions,
  endpoint: AttemptEndpoint,
  repo: string,
  task: TaskDef,
  signal: AbortSignal,
): SmallCodeOptions {
  return {
    baseUrl: endpoint.baseUrl,
    model: endpoint.model,
    cwd: repo,
    yes: true,
    maxTurns: task.limits.max_turns,
    // Live models go through the probe (native tools or tools in the prompt); the simulator and replay serve native.
    ...(o.source.kind === "live" ? {} : { toolMode: "native" as const }),
    env: o.env ?? {},
    trace: false,
    signal,
    // The ablation switches (runtime/agent/ablation.ts): each named layer falls back to its naive form.
    ...(o.disable.length > 0 ? { disable: [...o.disable] } : {}),
    ...o.agent,
  };
}

function resultOf(
  task: TaskDef,
  o: AttemptOptions,
  m: EventMetrics,
  ran: { timedOut: boolean; error?: string },
  verify: VerifyResult,
  wallMs: number,
): AttemptResult {
  const exit: AttemptExit = ran.timedOut ? "timeout" : ran.error ? "harness_error" : (m.exit ?? "error");
  const { exitCode, timedOut, durationMs, tail } = verify;
  return {
    ...emptyResult(task, o, exit, ran.error ?? m.detail),
    pass: verify.pass,
    turns: m.turns,
    toolCalls: m.toolCalls,
    failedToolCalls: m.failedToolCalls,
    tokensIn: m.tokensIn,
    tokensOut: m.tokensOut,
    wallMs,
    guards: m.guards,
    guardInterventions: m.guardInterventions,
    parseRepairs: m.parseRepairs,
    formats: m.formats,
    patchStrategies: m.patchStrategies,
    compactions: m.compactions,
    verify: { exitCode, timedOut, durationMs, tail },
    protectedRestored: verify.protectedRestored,
  };
}

export async function runAttempt(task: TaskDef, o: AttemptOptions): Promise<AttemptResult> {
  const started = Date.now();
  let repo: string;
  try {
    repo = freshRepo(task.repoDir, task.id);
  } catch (err) {
    return emptyResult(task, o, "harness_error", `Could not copy the task repository: ${String(err)}`);
  }
  const endpoint = await openEndpoint(o.source, task, o.seed);
  if (typeof endpoint === "string") {
    if (!o.keep) removeRepo(repo);
    return emptyResult(task, o, "harness_error", endpoint);
  }
  const collector = new EventCollector();
  const controller = new AbortController();
  try {
    const agent = new SmallCode(agentOptions(o, endpoint, repo, task, controller.signal));
    agent.on("*", collector.handle);
    const ran = await runAgent(agent, task, controller, repo);
    // Nothing the agent started (a backgrounded server, a stuck command) may outlive its attempt or touch verify.
    killProcessesIn(repo);
    const verify = await verifyTask(task, repo);
    const result = resultOf(task, o, collector.metrics(), ran, verify, Date.now() - started);
    const sim = endpoint.stats();
    if (sim) result.sim = sim;
    if (o.keep) result.detail = `${result.detail} (kept at ${repo})`;
    return result;
  } finally {
    await endpoint.close().catch(() => undefined);
    if (!o.keep) removeRepo(repo);
  }
}
