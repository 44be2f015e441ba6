/**
 * `bench diff` on real simulator runs: a deliberately weakened build (the compensations switched off) is reported as
 * regressed, and two runs of the same build with different seeds are reported as noise.
 * Uses the tool-use tasks that need neither cargo nor javac, on the messy-8b profile, two attempts each.
 */
import { describe, expect, it } from "vitest";
import { diffRuns } from "../../bench/harness/diff.js";
import { runBench, type BenchOptions } from "../../bench/harness/runner.js";
import { loadTasks } from "../../bench/harness/tasks.js";
import type { Layer, RunFile } from "../../bench/harness/types.js";

const tasks = loadTasks(undefined, ["tool-use"]).tasks.filter((t) => t.language !== "rust" && t.language !== "java");
const base: Omit<BenchOptions, "disable" | "seed"> = {
  tasks,
  source: { kind: "sim", profile: "messy-8b" },
  repeat: 2,
  concurrency: 2,
};
const bench = (seed: number, disable: Layer[]): Promise<RunFile> => runBench({ ...base, seed, disable });

describe("bench diff on simulator runs", () => {
  let full: RunFile;

  it("reports the naive loop (every layer off) as regressed", { timeout: 180_000 }, async () => {
    expect(tasks.length).toBeGreaterThanOrEqual(10);
    full = await bench(1, []);
    const naive = await bench(1, ["parser", "patch", "guards", "context"]);
    const d = diffRuns(full, naive);
    expect(d.verdict, `wins ${d.wins}, losses ${d.losses}, p ${d.pValue}`).toBe("regressed");
    expect(d.losses).toBeGreaterThan(d.wins);
    expect(d.pValue).toBeLessThan(0.05);
  });

  it("reports two runs of the same build (different seeds) as noise", { timeout: 180_000 }, async () => {
    const again = await bench(2, []);
    const d = diffRuns(full, again);
    expect(d.verdict, `wins ${d.wins}, losses ${d.losses}, p ${d.pValue}`).toBe("noise");
    // The seeds did change what the simulator played: this is a real second sample, not a replay.
    expect(again.attempts.map((a) => a.seed)).not.toEqual(full.attempts.map((a) => a.seed));
  });
});
