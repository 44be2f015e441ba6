/**
 * `npm run bench:regress [-- BASELINE.json]`: runs the benchmark exactly as the baseline was run (same tasks,
 * profile, repeats, seed and layers), writes the fresh results under .smallcode/benchmarks/, and compares them to the
 * baseline with `bench diff`'s test. Exits with diff's code: 0 improved, 1 regressed, 2 noise, 3 usage or I/O error.
 * Default baseline: bench/baselines/typical-8b-smoke.json.
 */
import { join, resolve } from "node:path";
import { diffRuns, renderDiff, VERDICT_EXIT } from "./diff.js";
import { ProgressBar } from "./progress.js";
import { readRunFile } from "./run-file.js";
import { runBench, writeRunFile } from "./runner.js";
import { loadTasks, packageRoot, selectTasks } from "./tasks.js";
import type { RunFile } from "./types.js";

export async function regress(baselinePath: string, cwd: string): Promise<{ code: number; text: string }> {
  const baseline = readRunFile(baselinePath);
  if (typeof baseline === "string") return { code: 3, text: baseline };
  if (baseline.mode !== "sim" || !baseline.profile)
    return {
      code: 3,
      text: `${baselinePath} is a ${baseline.mode} run; bench:regress replays simulator baselines only.`,
    };
  const loaded = loadTasks(undefined, baseline.suites);
  const picked = selectTasks(loaded.tasks, baseline.tasks);
  if (picked.unknown.length > 0)
    return {
      code: 3,
      text: `The baseline names tasks that no longer exist: ${picked.unknown.join(", ")}. Regenerate it.`,
    };
  const bar = new ProgressBar(process.stderr);
  const fresh: RunFile = await runBench({
    tasks: picked.tasks,
    source: { kind: "sim", profile: baseline.profile },
    repeat: baseline.repeat,
    concurrency: baseline.concurrency,
    seed: baseline.seed,
    disable: baseline.disable,
    onProgress: (d, t, r) => bar.update(d, t, r),
  });
  const path = writeRunFile(fresh, join(cwd, ".smallcode", "benchmarks"));
  const d = diffRuns(baseline, fresh);
  return { code: VERDICT_EXIT[d.verdict], text: `${renderDiff(d, baselinePath, path)}` };
}

const isMain =
  process.argv[1] !== undefined &&
  resolve(process.argv[1]).replace(/\.[jt]s$/, "") ===
    resolve(new URL(import.meta.url).pathname).replace(/\.[jt]s$/, "");
if (isMain) {
  const baseline = resolve(process.argv[2] ?? join(packageRoot(), "bench", "baselines", "typical-8b-smoke.json"));
  const r = await regress(baseline, process.cwd());
  process.stdout.write(`${r.text}\n`);
  process.exitCode = r.code;
}
