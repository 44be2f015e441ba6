/**
 * Benchmark of `marrowc build` of the built-in agent: cold (a fresh process per build, so module loading and JIT
 * warm-up count) and warm (repeated builds in one process). Prints the median of each phase, in milliseconds.
 *
 *   node dist/bench/compiler/run.js [--runs N]    (after npm run build; default 7 cold, 20 warm)
 *   npx tsx bench/compiler/run.ts [--runs N]      (from source: cold load time includes tsx's transpiling)
 */
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../../compiler/build-sources.js";
import { measureBuild, PHASES, type Timings } from "./measure.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = packageRoot(here);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function medians(runs: readonly Timings[]): Timings {
  const out = {} as Timings;
  for (const phase of PHASES) out[phase] = median(runs.map((r) => r[phase]));
  return out;
}

function row(label: string, t: Timings): string {
  return label.padEnd(6) + PHASES.map((p) => t[p].toFixed(1).padStart(10)).join("");
}

const runsArg = process.argv.indexOf("--runs");
const runs = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : 0;
const coldRuns = runs || 7;
const warmRuns = runs || 20;

const cold: Timings[] = [];
for (let i = 0; i < coldRuns; i++) {
  // From dist/ (node dist/bench/compiler/run.js) the child is plain node; from source it runs through tsx, whose
  // on-the-fly transpiling then counts as load time.
  const fromSource = import.meta.url.endsWith(".ts");
  const command = fromSource ? join(root, "node_modules", ".bin", "tsx") : process.execPath;
  const out = execFileSync(command, [join(here, fromSource ? "cold.ts" : "cold.js"), root], { encoding: "utf8" });
  cold.push(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Timings);
}
await measureBuild(root); // warm-up
const warm: Timings[] = [];
for (let i = 0; i < warmRuns; i++) warm.push(await measureBuild(root));

process.stdout.write(`marrowc build of marrow/ (${coldRuns} cold, ${warmRuns} warm runs), median ms\n`);
process.stdout.write("      " + PHASES.map((p) => p.padStart(10)).join("") + "\n");
process.stdout.write(row("cold", medians(cold)) + "\n");
process.stdout.write(row("warm", medians(warm)) + "\n");
