/**
 * Tool-call parser benchmark: `npx tsx bench/toolcall/run.ts`.
 * On the corpus (tests/fixtures/toolcalls), exact-intent accuracy (names and argument values, in order) and false
 * calls on negatives, for the parser and for two baselines measured in the same run; per-group accuracy; throughput;
 * and the median parse time of 200 KB replies. Prints a markdown report and writes it to bench/toolcall/RESULTS.md.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { loadCorpus, type CorpusCase } from "../../tests/toolcall/corpus.js";
import { nativePlusFencedJson, nativeStrict, type BaselineCall } from "./baselines.js";
import { bigReplies } from "./big-replies.js";

type Reader = (c: CorpusCase) => BaselineCall[];

const readers: [string, Reader][] = [
  [
    "smallcode parseToolCalls",
    (c) => parseToolCalls(c.input, c.tools, c.options).calls.map(({ name, arguments: a }) => ({ name, arguments: a })),
  ],
  ["(a) native tool_calls + strict JSON.parse", (c) => nativeStrict(c.input)],
  ["(b) (a) + fenced JSON", (c) => nativePlusFencedJson(c.input)],
];

interface Score {
  exact: number;
  positives: number;
  positivesExact: number;
  negatives: number;
  falseCalls: number;
}

function score(corpus: CorpusCase[], read: Reader): Score {
  const s: Score = { exact: 0, positives: 0, positivesExact: 0, negatives: 0, falseCalls: 0 };
  for (const c of corpus) {
    const got = read(c);
    const ok = isDeepStrictEqual(got, c.expect);
    if (ok) s.exact++;
    if (c.expect.length === 0) {
      s.negatives++;
      if (got.length > 0) s.falseCalls++;
    } else {
      s.positives++;
      if (ok) s.positivesExact++;
    }
  }
  return s;
}

function pct(n: number, d: number): string {
  return d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timeMedian(fn: () => void, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const corpus = loadCorpus();
  const lines: string[] = ["# Tool-call parser benchmark", ""];
  const negatives = corpus.filter((c) => c.expect.length === 0).length;
  lines.push(
    `Corpus: ${corpus.length} cases (${corpus.length - negatives} with calls, ${negatives} negatives), tests/fixtures/toolcalls.`,
    "",
  );
  lines.push(
    "| reader | exact intent (all cases) | cases with calls read exactly | negatives with a false call |",
    "| --- | --- | --- | --- |",
  );
  for (const [name, read] of readers) {
    const s = score(corpus, read);
    lines.push(
      `| ${name} | ${pct(s.exact, corpus.length)} (${s.exact}/${corpus.length}) | ${pct(s.positivesExact, s.positives)} | ${s.falseCalls}/${s.negatives} |`,
    );
  }
  lines.push("", "Per group (parser):", "", "| group | cases | exact |", "| --- | --- | --- |");
  const parser = readers[0]?.[1] as Reader;
  for (const file of [...new Set(corpus.map((c) => c.file))]) {
    const group = corpus.filter((c) => c.file === file);
    const s = score(group, parser);
    lines.push(`| ${file.replace(/\.yaml$/, "")} | ${group.length} | ${pct(s.exact, group.length)} |`);
  }
  const bytes = corpus.reduce((n, c) => n + Buffer.byteLength(c.input.text), 0);
  const rounds = 20;
  const corpusMs = timeMedian(() => corpus.forEach((c) => parseToolCalls(c.input, c.tools, c.options)), rounds);
  lines.push("", "Cost:", "", "| measure | median |", "| --- | --- |");
  lines.push(
    `| whole corpus (${(bytes / 1024).toFixed(0)} KB, ${corpus.length} replies) | ${corpusMs.toFixed(1)} ms (${((corpus.length / corpusMs) * 1000).toFixed(0)} replies/s, ${(bytes / 1024 / 1024 / (corpusMs / 1000)).toFixed(1)} MB/s) |`,
  );
  const tools = corpus[0]?.tools ?? [];
  for (const [label, text] of bigReplies()) {
    const ms = timeMedian(() => parseToolCalls({ text }, tools), 15);
    lines.push(`| ${label} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB) | ${ms.toFixed(2)} ms |`);
  }
  lines.push(
    "",
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} ` +
      `during the run (timings scale with it). Reproduce: \`npx tsx bench/toolcall/run.ts\`.`,
  );
  // Formatted like every other file, so `prettier --check .` stays green after a bench run.
  const out = join(dirname(fileURLToPath(import.meta.url)), "RESULTS.md");
  const report = await format(lines.join("\n") + "\n", { ...(await resolveConfig(out)), parser: "markdown" });
  process.stdout.write(report);
  writeFileSync(out, report);
}

await main();
