/**
 * The benchmark run: tasks × repeats scheduled over a small worker pool, one fresh repository per attempt, progress
 * reported as attempts finish, and the run file (metadata, every attempt, the summary) written at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runAttempt } from "./attempt.js";
import type { ModelSource } from "./endpoint.js";
import { liveInfo } from "./live-info.js";
import { summarize } from "./summary.js";
import { packageRoot } from "./tasks.js";
import type { AttemptResult, Layer, RunFile, RunMeta, TaskDef } from "./types.js";
import { verifyEnv } from "./verify.js";

export interface BenchOptions {
  tasks: readonly TaskDef[];
  source: ModelSource;
  repeat: number;
  concurrency: number;
  seed: number;
  disable: readonly Layer[];
  /** Called after each attempt with (done, total, the attempt). */
  onProgress?: (done: number, total: number, last: AttemptResult) => void;
  keep?: boolean;
  agent?: Parameters<typeof runAttempt>[1]["agent"];
  env?: Readonly<Record<string, string | undefined>>;
}

export function smallcodeVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** A stable per-attempt seed from the run seed, the task id and the repeat index (FNV-1a). */
export function attemptSeed(seed: number, task: string, attempt: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of `${task}#${attempt}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

function newRunId(o: BenchOptions): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const what = o.source.kind === "sim" ? profileName(o.source) : o.source.kind === "live" ? o.source.model : "replay";
  const tag = o.disable.length === 4 ? "-naive" : o.disable.map((d) => `-no${d}`).join("");
  return `${stamp}-${what.replace(/[^a-zA-Z0-9.-]+/g, "_")}${tag}-s${o.seed}`;
}

function profileName(source: Extract<ModelSource, { kind: "sim" }>): string {
  return typeof source.profile === "string" ? source.profile : source.profile.name;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}

async function runMeta(o: BenchOptions, started: Date): Promise<RunMeta> {
  const suites = [...new Set(o.tasks.map((t) => t.suite))];
  const meta: RunMeta = {
    schema: "smallcode-bench/1",
    runId: newRunId(o),
    startedAt: started.toISOString(),
    finishedAt: "",
    smallcodeVersion: smallcodeVersion(),
    mode: o.source.kind,
    suites,
    tasks: o.tasks.map((t) => t.id),
    repeat: o.repeat,
    concurrency: o.concurrency,
    seed: o.seed,
    disable: [...o.disable],
    model:
      o.source.kind === "live" ? o.source.model : o.source.kind === "sim" ? `sim:${profileName(o.source)}` : "replay",
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  if (o.source.kind === "sim") meta.profile = profileName(o.source);
  if (o.source.kind === "live") {
    meta.baseUrl = o.source.baseUrl;
    const info = await liveInfo(o.source.baseUrl, o.source.model);
    if (info.quantization) meta.quantization = info.quantization;
    if (info.contextWindow) meta.contextWindow = info.contextWindow;
  }
  return meta;
}

/** Runs the benchmark and returns the run file (not yet written; see writeRunFile). */
export async function runBench(o: BenchOptions): Promise<RunFile> {
  const started = new Date();
  // The agent's shell inherits the process environment: tasks name $SMALLCODE_TSX to run TypeScript.
  process.env["SMALLCODE_TSX"] ??= verifyEnv()["SMALLCODE_TSX"];
  const meta = await runMeta(o, started);
  const jobs = o.tasks.flatMap((task) => Array.from({ length: o.repeat }, (_, attempt) => ({ task, attempt })));
  const results: AttemptResult[] = [];
  let done = 0;
  await pool(jobs, o.concurrency, async ({ task, attempt }) => {
    const r = await runAttempt(task, {
      source: o.source,
      disable: o.disable,
      seed: attemptSeed(o.seed, task.id, attempt),
      attempt,
      ...(o.keep ? { keep: true } : {}),
      ...(o.agent ? { agent: o.agent } : {}),
      ...(o.env ? { env: o.env } : {}),
    });
    results.push(r);
    o.onProgress?.(++done, jobs.length, r);
  });
  const order = new Map(o.tasks.map((t, i) => [t.id, i]));
  results.sort((a, b) => (order.get(a.task) ?? 0) - (order.get(b.task) ?? 0) || a.attempt - b.attempt);
  return {
    ...meta,
    finishedAt: new Date().toISOString(),
    attempts: results,
    summary: summarize(results, o.repeat, o.seed),
  };
}

/** Writes `<dir>/<run-id>.json` and returns its path. */
export function writeRunFile(run: RunFile, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${run.runId}.json`);
  writeFileSync(path, `${JSON.stringify(run, null, 2)}\n`);
  return path;
}
