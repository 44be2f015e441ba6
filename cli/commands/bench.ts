/**
 * `smallcode bench`: run the benchmark suites against the simulator or a live endpoint, compare two result files
 * (`bench diff`), re-render a report (`bench report`) or list the tasks (`bench list`). See docs/bench.md.
 */
import { writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  diffRuns,
  LAYERS,
  loadSimulator,
  loadTasks,
  ProgressBar,
  readRunFile,
  renderDiff,
  renderReportHtml,
  renderSummaryTable,
  runBench,
  selectTasks,
  SUITES,
  VERDICT_EXIT,
  writeRunFile,
  type Layer,
  type ModelSource,
  type Suite,
  type TaskDef,
} from "../../bench/harness/index.js";
import { chooseModel, inspectServer } from "../../runtime/model/server-info.js";
import type { CommandIO } from "../command.js";

export const summary =
  "Benchmark: smallcode bench --suite smoke|polyglot|tool-use|all --sim PROFILE | --base-url URL; bench diff A B";

const HELP = `Usage:
  smallcode bench [--suite smoke|polyglot|tool-use|all] (--sim PROFILE | --base-url URL [--model NAME] | --replay)
                  [--repeat K] [--tasks id,…] [--concurrency N] [--seed N] [--out DIR]
                  [--naive | --disable parser|patch|guards|context …] [--report] [--keep] [--json]
  smallcode bench diff A.json B.json [--json] [--alpha 0.05]
  smallcode bench report RUN.json [--out FILE.html]
  smallcode bench list [--suite …]

Each task runs in a fresh temp copy of its repository; it passes only when its own tests pass in what the agent left
(protected test files are restored first). Results go to .smallcode/benchmarks/<run-id>.json (or --out DIR).

  --sim PROFILE     the small-model simulator: clean, typical-8b, messy-8b, typical-30b
  --base-url URL    a live OpenAI-compatible endpoint (Ollama: http://127.0.0.1:11434/v1); --model picks the model
  --replay          play each task's reference trajectory exactly (a self-check of tasks and harness)
  --repeat K        attempts per task (pass@1 and pass@K with 95% intervals; default 1)
  --naive           every compensation off (= --disable parser,patch,guards,context)
  --report          also write <run-id>.html beside the results

diff exit codes: 0 improved, 1 regressed, 2 noise (no significant difference), 3 usage or I/O error.`;

const OPTIONS = {
  suite: { type: "string" },
  sim: { type: "string" },
  "base-url": { type: "string" },
  model: { type: "string" },
  replay: { type: "boolean" },
  repeat: { type: "string" },
  tasks: { type: "string" },
  concurrency: { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
  naive: { type: "boolean" },
  disable: { type: "string", multiple: true },
  report: { type: "boolean" },
  keep: { type: "boolean" },
  json: { type: "boolean" },
  alpha: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function int(value: string | undefined, name: string, fallback: number, min = 1): number | string {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= min ? n : `--${name} must be a whole number ≥ ${min} (got "${value}").`;
}

function suitesOf(value: string | undefined): Suite[] | string {
  if (value === undefined || value === "all") return [...SUITES];
  const list = value.split(",").map((s) => s.trim());
  const bad = list.filter((s) => !SUITES.includes(s as Suite));
  return bad.length > 0 ? `Unknown suite ${bad.join(", ")}: use ${SUITES.join(", ")} or all.` : (list as Suite[]);
}

function layersOf(v: Parsed): Layer[] | string {
  if (v.naive) return [...LAYERS];
  const names = (v.disable ?? [])
    .flatMap((d) => d.split(","))
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !LAYERS.includes(n as Layer));
  if (bad.length > 0) return `Unknown layer ${bad.join(", ")} for --disable: use ${LAYERS.join(", ")}.`;
  return [...new Set(names)] as Layer[];
}

async function sourceOf(v: Parsed, env: NodeJS.ProcessEnv): Promise<ModelSource | string> {
  const chosen = [v.sim !== undefined, v["base-url"] !== undefined, v.replay === true].filter(Boolean).length;
  if (chosen > 1) return "Choose one of --sim, --base-url and --replay.";
  if (v.sim !== undefined) {
    const sim = await loadSimulator();
    if (typeof sim === "string") return sim;
    const names = sim.PROFILE_NAMES;
    if (names && !names.includes(v.sim)) return `Unknown simulator profile "${v.sim}": use ${names.join(", ")}.`;
    return { kind: "sim", profile: v.sim };
  }
  if (v.replay) return { kind: "replay" };
  const baseUrl = v["base-url"] ?? env["SMALLCODE_BASE_URL"];
  if (!baseUrl)
    return "Say what to benchmark: --sim typical-8b (the simulator) or --base-url http://127.0.0.1:11434/v1 --model qwen3:8b (a live model).";
  let model = v.model ?? env["SMALLCODE_MODEL"];
  if (!model) {
    const info = await inspectServer(baseUrl, { timeoutMs: 3000 });
    if (!info) return `No OpenAI-compatible server answered at ${baseUrl}/models. Is it running?`;
    model = chooseModel(info);
    if (!model) return `${baseUrl} serves no chat model; pass --model NAME.`;
  }
  return { kind: "live", baseUrl, model };
}

interface RunSettings {
  tasks: TaskDef[];
  repeat: number;
  concurrency: number;
  seed: number;
  disable: Layer[];
}

/** The run's settings from the flags, or what is wrong with them. */
function runSettings(v: Parsed): RunSettings | string {
  const suites = suitesOf(v.suite);
  if (typeof suites === "string") return suites;
  const repeat = int(v.repeat, "repeat", 1);
  const concurrency = int(v.concurrency, "concurrency", 2);
  const seed = int(v.seed, "seed", 1, 0);
  if (typeof repeat === "string") return repeat;
  if (typeof concurrency === "string") return concurrency;
  if (typeof seed === "string") return seed;
  const disable = layersOf(v);
  if (typeof disable === "string") return disable;
  const loaded = loadTasks(undefined, suites);
  if (loaded.diagnostics.length > 0)
    return `the task files have problems:\n${loaded.diagnostics.map((d) => `  ${d.file}: ${d.message}`).join("\n")}`;
  let tasks = loaded.tasks;
  if (v.tasks) {
    const ids = v.tasks
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const picked = selectTasks(tasks, ids);
    if (picked.unknown.length > 0)
      return `no task ${picked.unknown.join(", ")} in ${suites.join(", ")}; list them with: smallcode bench list`;
    tasks = picked.tasks;
  }
  if (tasks.length === 0) return "no tasks to run.";
  return { tasks, repeat, concurrency, seed, disable };
}

async function runCommand(v: Parsed, io: CommandIO): Promise<number> {
  const fail = (msg: string): number => {
    io.stderr.write(`smallcode bench: ${msg}\n`);
    return 3;
  };
  const settings = runSettings(v);
  if (typeof settings === "string") return fail(settings);
  const { tasks, repeat, concurrency, seed, disable } = settings;
  const source = await sourceOf(v, io.env);
  if (typeof source === "string") return fail(source);
  const bar = new ProgressBar(io.stderr);
  const env = source.kind === "live" ? { SMALLCODE_API_KEY: io.env["SMALLCODE_API_KEY"] } : {};
  const run = await runBench({
    tasks,
    source,
    repeat,
    concurrency,
    seed,
    disable,
    env,
    ...(v.keep ? { keep: true } : {}),
    onProgress: (d, t, r) => bar.update(d, t, r),
  });
  const outDir = v.out
    ? isAbsolute(v.out)
      ? v.out
      : resolve(io.cwd, v.out)
    : join(io.cwd, ".smallcode", "benchmarks");
  let path: string;
  try {
    path = writeRunFile(run, outDir);
    if (v.report) writeFileSync(path.replace(/\.json$/, ".html"), renderReportHtml(run));
  } catch (err) {
    return fail(`cannot write the results to ${outDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (v.json) io.stdout.write(`${JSON.stringify({ path, summary: run.summary })}\n`);
  else {
    io.stdout.write(`${renderSummaryTable(run.attempts, run.summary)}\n\nresults: ${path}\n`);
    if (v.report) io.stdout.write(`report:  ${path.replace(/\.json$/, ".html")}\n`);
  }
  const broken = run.attempts.filter((a) => a.exit === "harness_error");
  if (broken.length === run.attempts.length) {
    io.stderr.write(`smallcode bench: every attempt failed to start: ${broken[0]?.detail ?? ""}\n`);
    return 3;
  }
  return 0;
}

function diffCommand(args: string[], v: Parsed, io: CommandIO): number {
  if (args.length !== 2) {
    io.stderr.write("Usage: smallcode bench diff A.json B.json [--json] [--alpha 0.05]\n");
    return 3;
  }
  const alpha = v.alpha === undefined ? 0.05 : Number(v.alpha);
  if (!(alpha > 0 && alpha < 1)) {
    io.stderr.write(`smallcode bench diff: --alpha must be between 0 and 1 (got "${v.alpha}").\n`);
    return 3;
  }
  const [pa, pb] = args.map((p) => resolve(io.cwd, p)) as [string, string];
  const a = readRunFile(pa);
  const b = readRunFile(pb);
  for (const r of [a, b])
    if (typeof r === "string") {
      io.stderr.write(`smallcode bench diff: ${r}\n`);
      return 3;
    }
  const d = diffRuns(a as Exclude<typeof a, string>, b as Exclude<typeof b, string>, alpha);
  if (d.pairs === 0) {
    io.stderr.write("smallcode bench diff: the two runs share no task attempts; compare runs of the same suite.\n");
    return 3;
  }
  io.stdout.write(v.json ? `${JSON.stringify(d, null, 2)}\n` : `${renderDiff(d, args[0] ?? "", args[1] ?? "")}\n`);
  return VERDICT_EXIT[d.verdict];
}

function reportCommand(args: string[], v: Parsed, io: CommandIO): number {
  const file = args[0];
  if (!file || args.length > 1) {
    io.stderr.write("Usage: smallcode bench report RUN.json [--out FILE.html]\n");
    return 3;
  }
  const run = readRunFile(resolve(io.cwd, file));
  if (typeof run === "string") {
    io.stderr.write(`smallcode bench report: ${run}\n`);
    return 3;
  }
  const out = resolve(io.cwd, v.out ?? file.replace(/\.json$/, "") + ".html");
  writeFileSync(out, renderReportHtml(run));
  io.stdout.write(`report: ${out}\n`);
  return 0;
}

function listCommand(v: Parsed, io: CommandIO): number {
  const suites = suitesOf(v.suite);
  if (typeof suites === "string") {
    io.stderr.write(`smallcode bench: ${suites}\n`);
    return 3;
  }
  const loaded = loadTasks(undefined, suites);
  for (const t of loaded.tasks) io.stdout.write(`${t.suite.padEnd(9)} ${t.language.padEnd(11)} ${t.id}\n`);
  for (const d of loaded.diagnostics) io.stderr.write(`${d.file}: ${d.message}\n`);
  return loaded.diagnostics.length > 0 ? 3 : 0;
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.stderr.write(`smallcode bench: ${err instanceof Error ? err.message : String(err)}\n\n${HELP}\n`);
    return 3;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [sub, ...rest] = positionals;
  if (sub === "diff") return diffCommand(rest, v, io);
  if (sub === "report") return reportCommand(rest, v, io);
  if (sub === "list") return listCommand(v, io);
  if (sub !== undefined && sub !== "run") {
    io.stderr.write(`smallcode bench: unknown subcommand "${sub}" (run, diff, report, list).\n`);
    return 3;
  }
  return runCommand(v, io);
}
