/**
 * The ablation: pass rates on the simulator with everything on, `--naive` (all four layers off) and each layer off
 * alone, per noise profile, through the harness's runner (bench/harness/runner.ts), in-process. Writes the table to
 * bench/sim/ABLATION.md (and the paired pass/fail outcomes beside it as ABLATION.json).
 *
 *   npx tsx bench/sim/ablation.ts [--profiles typical-8b,messy-8b,typical-30b] [--repeat 3] [--suite all]
 *                                 [--concurrency 2] [--seed 1] [--configs full,naive,parser,patch,guards,context]
 *                                 [--window TOKENS] [--out FILE]
 *
 * Attempts are paired across configurations (same task, repeat index and seed, so the same noise draws until the
 * runs diverge); each row is compared with "full" by the exact McNemar test on those pairs.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runBench } from "../harness/runner.js";
import { mcnemarExact, wilson } from "../harness/stats.js";
import { loadTasks, packageRoot } from "../harness/tasks.js";
import { LAYERS, SUITES, type AttemptResult, type Layer, type Suite } from "../harness/types.js";

const CONFIGS: Record<string, readonly Layer[]> = {
  full: [],
  naive: LAYERS,
  parser: ["parser"],
  patch: ["patch"],
  guards: ["guards"],
  context: ["context"],
};

interface Cell {
  profile: string;
  config: string;
  passes: number;
  n: number;
  /** "task#attempt" → pass. */
  outcomes: Record<string, boolean>;
}

function arg(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

function pValue(full: Cell | undefined, cell: Cell): string {
  if (!full || cell.config === "full") return "";
  let b = 0;
  let c = 0;
  for (const [key, pass] of Object.entries(full.outcomes)) {
    const other = cell.outcomes[key];
    if (other === undefined) continue;
    if (pass && !other) b++;
    if (!pass && other) c++;
  }
  const p = mcnemarExact(b, c);
  return `${b}/${c}, ${p < 0.001 ? "p<0.001" : `p=${p.toFixed(3)}`}`;
}

function table(cells: Cell[], profiles: string[], configs: string[]): string {
  const head = `| layers off | ${profiles.map((p) => `${p}: pass [95% CI] · lost/won vs full, McNemar p`).join(" | ")} |`;
  const rule = `|---|${profiles.map(() => "---").join("|")}|`;
  const rows = configs.map((config) => {
    const label =
      config === "full" ? "none (full stack)" : config === "naive" ? "all four (`--naive`)" : `\`${config}\``;
    const cols = profiles.map((profile) => {
      const cell = cells.find((c) => c.profile === profile && c.config === config);
      if (!cell) return "—";
      const ci = wilson(cell.passes, cell.n);
      const full = cells.find((c) => c.profile === profile && c.config === "full");
      const p = pValue(full, cell);
      return `${pct(cell.passes / cell.n)} [${pct(ci.low)}–${pct(ci.high)}] (${cell.passes}/${cell.n})${p ? ` · ${p}` : ""}`;
    });
    return `| ${label} | ${cols.join(" | ")} |`;
  });
  return [head, rule, ...rows].join("\n");
}

function render(cells: Cell[], profiles: string[], configs: string[], command: string, meta: string): string {
  return `# Ablation on the small-model simulator

What each of SmallCode's compensation layers buys, measured on the simulator (bench/sim, docs/bench-sim.md): pass
rate of the same tasks with everything on, with all four layers off (\`--naive\`), and with one layer off at a time.
"lost/won vs full" counts paired attempts (same task, repeat and seed) that passed with the full stack but not in
this row, and the reverse; p is the exact two-sided McNemar test on those pairs.

These are simulator figures: they show robustness to the kinds and rates of noise the profiles inject
(bench/sim/profiles.ts), not how a real model performs. Real-model results come from runs against real endpoints
(\`smallcode bench --base-url … --model …\`).

${table(cells, profiles, configs)}

${meta}

Reproduce:

\`\`\`sh
${command}
\`\`\`
`;
}

function cellOf(profile: string, config: string, attempts: readonly AttemptResult[]): Cell {
  const outcomes: Record<string, boolean> = {};
  for (const a of attempts) outcomes[`${a.task}#${a.attempt}`] = a.pass;
  return { profile, config, passes: attempts.filter((a) => a.pass).length, n: attempts.length, outcomes };
}

async function main(argv: string[]): Promise<number> {
  const profiles = arg(argv, "profiles", "typical-8b,messy-8b,typical-30b").split(",");
  const configs = arg(argv, "configs", Object.keys(CONFIGS).join(",")).split(",");
  const repeat = Number(arg(argv, "repeat", "3"));
  const concurrency = Number(arg(argv, "concurrency", "2"));
  const seed = Number(arg(argv, "seed", "1"));
  const suite = arg(argv, "suite", "all");
  const out = arg(argv, "out", join(packageRoot(), "bench", "sim", "ABLATION.md"));
  // A smaller context window than the simulator advertises (32k), so that the context layer has work to do.
  const window = Number(arg(argv, "window", "0"));
  const bad = configs.filter((c) => !(c in CONFIGS));
  if (bad.length > 0) {
    process.stderr.write(`Unknown configuration ${bad.join(", ")}; use: ${Object.keys(CONFIGS).join(", ")}.\n`);
    return 2;
  }
  const suites: Suite[] = suite === "all" ? [...SUITES] : (suite.split(",") as Suite[]);
  const loaded = loadTasks(undefined, suites);
  const tasks = loaded.tasks;
  const command =
    `npx tsx bench/sim/ablation.ts --profiles ${profiles.join(",")} --configs ${configs.join(",")} ` +
    `--repeat ${repeat} --suite ${suite} --seed ${seed} --concurrency ${concurrency}` +
    (window > 0 ? ` --window ${window}` : "");
  const cells: Cell[] = [];
  const started = Date.now();
  for (const profile of profiles) {
    for (const config of configs) {
      const t0 = Date.now();
      const run = await runBench({
        tasks,
        source: { kind: "sim", profile },
        repeat,
        concurrency,
        seed,
        disable: CONFIGS[config] ?? [],
        ...(window > 0 ? { agent: { contextWindow: window } } : {}),
      });
      const cell = cellOf(profile, config, run.attempts);
      cells.push(cell);
      const secs = ((Date.now() - t0) / 1000).toFixed(0);
      process.stderr.write(`${profile} ${config}: ${cell.passes}/${cell.n} (${secs}s)\n`);
      const meta =
        `${tasks.length} tasks (${suites.join(", ")}) × ${repeat} repeats per cell, seed ${seed}; ` +
        `SmallCode in-process with native tool calling, as \`smallcode bench --sim\` runs it` +
        (window > 0 ? `, with a ${window}-token context window. ` : ". ") +
        `Wall time ${((Date.now() - started) / 60000).toFixed(0)} min on this machine.`;
      writeFileSync(out, render(cells, profiles, configs, command, meta));
      writeFileSync(out.replace(/\.md$/, ".json"), JSON.stringify({ command, seed, repeat, cells }, null, 1));
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
