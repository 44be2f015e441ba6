/**
 * `smallcode bench diff` on constructed result files: the verdict follows the exact McNemar test on paired attempts,
 * and the exit codes are 0 improved, 1 regressed, 2 noise, 3 usage or I/O error.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { run as bench } from "../../cli/commands/bench.js";
import { diffRuns } from "../../bench/harness/diff.js";
import { summarize } from "../../bench/harness/summary.js";
import type { AttemptResult, RunFile } from "../../bench/harness/types.js";

const dir = mkdtempSync(join(tmpdir(), "bench-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function attempt(task: string, i: number, pass: boolean, tokens = 1000): AttemptResult {
  return {
    task,
    suite: "polyglot",
    language: "python",
    attempt: i,
    seed: i,
    pass,
    exit: "done",
    detail: "",
    turns: 5,
    toolCalls: 4,
    failedToolCalls: 0,
    tokensIn: tokens,
    tokensOut: 100,
    wallMs: 1000,
    guards: {},
    guardInterventions: 0,
    parseRepairs: 0,
    formats: {},
    patchStrategies: {},
    compactions: 0,
    verify: { exitCode: pass ? 0 : 1, timedOut: false, durationMs: 10, tail: "" },
    protectedRestored: [],
  };
}

/** A run of `tasks` tasks × 3 attempts; `passes(t, i)` says which attempts pass. */
function runOf(name: string, tasks: number, passes: (t: number, i: number) => boolean): RunFile {
  const attempts: AttemptResult[] = [];
  for (let t = 0; t < tasks; t++) for (let i = 0; i < 3; i++) attempts.push(attempt(`task-${t}`, i, passes(t, i)));
  return {
    schema: "smallcode-bench/1",
    runId: name,
    startedAt: "2026-01-01T00:00:00Z",
    finishedAt: "2026-01-01T00:10:00Z",
    smallcodeVersion: "0.1.0",
    mode: "sim",
    suites: ["polyglot"],
    tasks: attempts.map((a) => a.task),
    repeat: 3,
    concurrency: 2,
    seed: 1,
    disable: [],
    model: "sim:typical-8b",
    profile: "typical-8b",
    node: "v20",
    platform: "linux-x64",
    attempts,
    summary: summarize(attempts, 3),
  };
}

function save(run: RunFile): string {
  const path = join(dir, `${run.runId}.json`);
  writeFileSync(path, JSON.stringify(run));
  return path;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await bench(args, { stdin: new PassThrough(), stdout, stderr, cwd: dir, env: {} });
  return { code, out, err };
}

// 20 tasks × 3: A passes 2 of 3 everywhere.
const base = runOf("base", 20, (_t, i) => i < 2);
// B loses the second attempt on 12 tasks: 12 discordant pairs, all losses (p = 2^-11 ≈ 0.0005).
const worse = runOf("worse", 20, (t, i) => i < (t < 12 ? 1 : 2));
// B gains the third attempt on 10 tasks.
const better = runOf("better", 20, (t, i) => i < 2 || t < 10);
// B swaps which attempts pass on 6 tasks: 6 wins and 6 losses.
const shuffled = runOf("shuffled", 20, (t, i) => (t < 6 ? i > 0 : i < 2));

describe("diffRuns", () => {
  it("calls a one-sided run of losses a regression, with the exact McNemar p", () => {
    const d = diffRuns(base, worse);
    expect(d).toMatchObject({ verdict: "regressed", pairs: 60, wins: 0, losses: 12 });
    expect(d.pValue).toBeCloseTo(2 / 4096, 10);
    expect(d.tasks.filter((t) => t.move === "down")).toHaveLength(12);
    expect(d.deltaCi.high).toBeLessThan(0);
  });
  it("calls gains an improvement", () => {
    expect(diffRuns(base, better)).toMatchObject({ verdict: "improved", wins: 10, losses: 0 });
  });
  it("calls balanced flips noise, and a run against itself noise", () => {
    expect(diffRuns(base, shuffled)).toMatchObject({ verdict: "noise", wins: 6, losses: 6, pValue: 1 });
    expect(diffRuns(base, base)).toMatchObject({ verdict: "noise", wins: 0, losses: 0 });
  });
  it("does not call a few flips a regression (a fixed threshold would)", () => {
    const slightly = runOf("slightly", 20, (t, i) => i < (t < 3 ? 1 : 2)); // −5 points, 3 losses: p = 0.25
    expect(diffRuns(base, slightly).verdict).toBe("noise");
  });
  it("leaves out pairs where the harness failed", () => {
    const broken = runOf("broken", 20, (t, i) => i < (t < 12 ? 1 : 2));
    for (const x of broken.attempts) if (!x.pass) x.exit = "harness_error";
    const d = diffRuns(base, broken);
    expect(d).toMatchObject({ verdict: "noise", losses: 0, pairs: 60 - 32 });
    expect(d.notes).toContain("32 attempt(s) ended in a harness error; their pairs are left out of the test.");
  });

  it("pairs only common tasks and notes the rest and differing settings", () => {
    const other = { ...runOf("other", 22, (_t, i) => i < 2), disable: ["guards" as const] };
    const d = diffRuns(base, other);
    expect(d.onlyInB).toEqual(["task-20", "task-21"]);
    expect(d.notes).toContain("Different layers off: A [], B [guards].");
  });
});

describe("smallcode bench diff", () => {
  it("exits 1 on a regression, 0 on an improvement, 2 on noise", async () => {
    const [a, w, b, s] = [base, worse, better, shuffled].map(save) as [string, string, string, string];
    const regressed = await cli(["diff", a, w]);
    expect(regressed.code).toBe(1);
    expect(regressed.out).toContain("verdict: REGRESSED");
    expect(regressed.out).toContain("▼ task-0");
    expect((await cli(["diff", a, b])).code).toBe(0);
    const noise = await cli(["diff", a, s, "--json"]);
    expect(noise.code).toBe(2);
    expect(JSON.parse(noise.out)).toMatchObject({ verdict: "noise", wins: 6, losses: 6 });
  });

  it("exits 3 with a clear message on usage and I/O errors", async () => {
    const a = save(base);
    const garbage = join(dir, "garbage.json");
    writeFileSync(garbage, '{"hello": 1}');
    const notJson = join(dir, "broken.json");
    writeFileSync(notJson, "{");
    expect(await cli(["diff", a])).toMatchObject({ code: 3 });
    expect((await cli(["diff", a, join(dir, "missing.json")])).err).toContain("missing.json: no such file.");
    expect((await cli(["diff", a, garbage])).err).toContain("not a SmallCode benchmark result");
    expect((await cli(["diff", a, notJson])).err).toContain("not JSON");
    expect((await cli(["diff", a, a, "--alpha", "2"])).code).toBe(3);
    const unrelated = save({ ...runOf("unrelated", 2, () => true), attempts: [attempt("zzz", 0, true)] });
    expect((await cli(["diff", a, unrelated])).err).toContain("share no task attempts");
    expect((await cli(["--suite", "nope", "--sim", "clean"])).code).toBe(3);
    expect((await cli(["--sim", "clean", "--disable", "brains"])).err).toContain("Unknown layer brains");
  });
});
