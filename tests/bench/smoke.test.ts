/**
 * The benchmark's fast path in `npm test`: the smoke suite against the simulator's typical-8b profile, in-process
 * with concurrency 2 and the committed baseline's settings, then compared with that baseline. Every verdict must rest
 * on an executed verify command, and the fresh run must not be a significant regression.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffRuns } from "../../bench/harness/diff.js";
import { renderReportHtml } from "../../bench/harness/report-html.js";
import { readRunFile } from "../../bench/harness/run-file.js";
import { runBench, writeRunFile } from "../../bench/harness/runner.js";
import { summarize } from "../../bench/harness/summary.js";
import { loadTasks, packageRoot } from "../../bench/harness/tasks.js";
import type { RunFile } from "../../bench/harness/types.js";

const out = mkdtempSync(join(tmpdir(), "bench-smoke-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const baseline = readRunFile(join(packageRoot(), "bench", "baselines", "typical-8b-smoke.json"));

describe("smoke suite on the simulator (typical-8b)", () => {
  let run: RunFile;

  it("runs every task with its tests as the judge", { timeout: 90_000 }, async () => {
    if (typeof baseline === "string") throw new Error(baseline);
    const tasks = loadTasks(undefined, ["smoke"]).tasks;
    expect(tasks.map((t) => t.id).sort()).toEqual([...baseline.tasks].sort());
    run = await runBench({
      tasks,
      source: { kind: "sim", profile: "typical-8b" },
      repeat: baseline.repeat,
      concurrency: 2,
      seed: baseline.seed,
      disable: [],
    });
    expect(run.attempts).toHaveLength(tasks.length * baseline.repeat);
    for (const a of run.attempts) {
      expect(a.exit, `${a.task}#${a.attempt}: ${a.detail}`).not.toBe("harness_error");
      // The verdict comes from the verify command having run: pass ⇔ exit code 0.
      expect(a.verify.durationMs).toBeGreaterThan(0);
      expect(a.pass).toBe(a.verify.exitCode === 0);
      expect(a.turns).toBeGreaterThan(0);
      expect(a.tokensIn).toBeGreaterThan(0);
      expect(a.sim?.["replies"]).toBeGreaterThan(0);
    }
    expect(run.summary).toEqual(summarize(run.attempts, baseline.repeat, baseline.seed));
    expect(run).toMatchObject({ mode: "sim", profile: "typical-8b", model: "sim:typical-8b", disable: [] });
  });

  it("is not a significant regression against the committed baseline", () => {
    if (typeof baseline === "string") throw new Error(baseline);
    const d = diffRuns(baseline, run);
    expect(d.pairs).toBe(run.attempts.length);
    expect(d.verdict, `${d.losses} losses vs ${d.wins} wins`).not.toBe("regressed");
  });

  it("writes a results file that reads back, and a report with its charts", () => {
    const path = writeRunFile(run, out);
    const back = readRunFile(path);
    expect(back).toEqual(JSON.parse(readFileSync(path, "utf8")));
    const html = renderReportHtml(run);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    for (const id of run.tasks) expect(html).toContain(id);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
