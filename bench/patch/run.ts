/**
 * Patcher benchmark: on the corpus, correct applies, correct refusals and WRONG applies for SmallCode's patcher and
 * two baselines, plus the patcher's speed on large files. Prints a markdown table and writes bench/patch/RESULTS.md.
 *
 *   npx tsx bench/patch/run.ts
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { format } from "prettier";
import { performance } from "node:perf_hooks";
import { applyEdit, type EditStrategy } from "../../runtime/patch/index.js";
import { loadCorpus, type PatchCase } from "../../tests/patch/corpus.js";
import { loadHeldout, scoreHeldout } from "../../tests/patch/heldout-score.js";
import { exactUnique, firstMatchWhitespace, type Patcher } from "./baselines.js";
import { runFlawedEdits, type EditFn } from "./flawed-edits.js";

interface Tally {
  name: string;
  correctApplies: number;
  missedApplies: number;
  correctRefusals: number;
  sameReason: number;
  wrongApplies: number;
  wrongIds: string[];
  strategies: Map<EditStrategy, number>;
}

const smallcode: Patcher = (content, oldText, newText, fileExists) =>
  applyEdit(content, oldText, newText, { fileExists });

function score(name: string, patch: Patcher, cases: readonly PatchCase[]): Tally {
  const t: Tally = {
    name,
    correctApplies: 0,
    missedApplies: 0,
    correctRefusals: 0,
    sameReason: 0,
    wrongApplies: 0,
    wrongIds: [],
    strategies: new Map(),
  };
  for (const c of cases) {
    const r = c.replaceAll
      ? applyEdit(c.content, c.oldText, c.newText, { replaceAll: true, fileExists: c.fileExists })
      : patch(c.content, c.oldText, c.newText, c.fileExists);
    const changed = r.ok && r.content !== c.content;
    if (c.expect.kind === "apply") {
      if (r.ok && r.content === c.expect.content) {
        t.correctApplies++;
        t.strategies.set(r.strategy, (t.strategies.get(r.strategy) ?? 0) + 1);
      } else if (r.ok) {
        t.wrongApplies++;
        t.wrongIds.push(c.id);
      } else t.missedApplies++;
      continue;
    }
    if (!changed) {
      t.correctRefusals++;
      if (!r.ok && r.reason === c.expect.reason) t.sameReason++;
    } else {
      t.wrongApplies++;
      t.wrongIds.push(c.id);
    }
  }
  return t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timeIt(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A synthetic source file of n lines made of many similar small functions. */
function bigFile(n: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    out.push(
      `export function handler${i}(req: Request): Response {`,
      `  const id = req.params.id ?? "${i}";`,
      `  log("handler ${i}", id);`,
      `  return respond(${i}, id);`,
      `}`,
      ``,
    );
  }
  return out.slice(0, n).join("\n") + "\n";
}

function speed(): string[] {
  const rows = [
    "| file lines | exact hit (ms) | indentation shift (ms) | fuzzy hit (ms) | not found (ms) |",
    "|---:|---:|---:|---:|---:|",
  ];
  for (const n of [1_000, 10_000, 50_000]) {
    const f = bigFile(n);
    const k = Math.floor(n / 12);
    const exactOld = `  log("handler ${k}", id);`;
    const shifted = `log("handler ${k}", id);\nreturn respond(${k}, id);`;
    const fuzzyOld = `export function handler${k}(req: Request): Response {\n  const id = req.params.id ?? "${k}";\n  log("handler ${k}", id);\n  return respond(${k}, ident);`;
    const fuzzyNew = fuzzyOld.replace(`log("handler ${k}", id);`, `log("handler ${k}!", id);`);
    const runs = n >= 50_000 ? 5 : 15;
    const cells = [
      timeIt(() => applyEdit(f, exactOld, `  log("h ${k}", id);`), runs),
      timeIt(() => applyEdit(f, shifted, `log("h ${k}", id);\nreturn respond(${k}, id);`), runs),
      timeIt(() => applyEdit(f, fuzzyOld, fuzzyNew), runs),
      timeIt(() => applyEdit(f, "  const nothing = missing();\n  return nothing;", "x"), runs),
    ];
    rows.push(`| ${n.toLocaleString("en")} | ${cells.map((c) => c.toFixed(2)).join(" | ")} |`);
  }
  return rows;
}

/** Generated flawed edits (bench/patch/flawed-edits.ts): 5 seeds × 2,000 edits, the same edits for every patcher. */
function flawed(cases: readonly PatchCase[]): string[] {
  const files = [...new Set(cases.map((c) => c.content))].filter((c) => c.split("\n").length > 3);
  const patchers: Array<[string, EditFn]> = [
    ["SmallCode patcher", (c, o, n) => applyEdit(c, o, n)],
    ["exact-unique only", (c, o, n) => exactUnique(c, o, n, true)],
    ["first-match whitespace-tolerant (Aider-like)", (c, o, n) => firstMatchWhitespace(c, o, n, true)],
  ];
  const rows = ["| patcher | correct | refused (missed) | WRONG applies |", "|---|---:|---:|---:|"];
  for (const [name, fn] of patchers) {
    const total = { correct: 0, refused: 0, wrong: 0 };
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = runFlawedEdits(files, seed, 2000, fn);
      total.correct += t.correct;
      total.refused += t.refused;
      total.wrong += t.wrong;
    }
    const n = total.correct + total.refused + total.wrong;
    const pc = (x: number): string => `${((100 * x) / n).toFixed(1)}%`;
    rows.push(
      `| ${name} | ${total.correct} (${pc(total.correct)}) | ${total.refused} (${pc(total.refused)}) | **${total.wrong}** (${pc(total.wrong)}) |`,
    );
  }
  return rows;
}

const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;

function scoreTable(cases: readonly PatchCase[]): { rows: string[]; tallies: Tally[] } {
  const applyCases = cases.filter((c) => c.expect.kind === "apply").length;
  const refuseCases = cases.length - applyCases;
  const tallies = [
    score("SmallCode patcher", smallcode, cases),
    score("exact-unique only", exactUnique, cases),
    score("first-match whitespace-tolerant (Aider-like)", firstMatchWhitespace, cases),
  ];
  const rows = [
    "| patcher | correct applies | correct refusals | WRONG applies | missed applies | refusal reason as expected |",
    "|---|---:|---:|---:|---:|---:|",
    ...tallies.map(
      (t) =>
        `| ${t.name} | ${t.correctApplies}/${applyCases} (${pct(t.correctApplies, applyCases)}) | ${t.correctRefusals}/${refuseCases} (${pct(t.correctRefusals, refuseCases)}) | **${t.wrongApplies}** | ${t.missedApplies} | ${t.sameReason}/${refuseCases} |`,
    ),
  ];
  return { rows, tallies };
}

/** The held-out set, written blind from real small-model habits (bench/patch/HELDOUT.md). */
function heldout(): string[] {
  const cases = loadHeldout();
  const { rows, tallies } = scoreTable(cases);
  const s = scoreHeldout(cases);
  return [
    `Held-out set: ${cases.length} cases in tests/fixtures/patches-heldout, written blind from real small-model habits before the patcher was read (${s.refusals} must-refuse); first-run figures and judging rules in HELDOUT.md.`,
    "",
    ...rows,
    "",
    `SmallCode patcher refusals that show the closest lines of the file with their numbers: ${s.refusalsShowingClosest}/${s.refusalsJudged}.`,
    "",
    ...tallies.map((t) => `- wrong applies, ${t.name}: ${t.wrongIds.length ? t.wrongIds.join(", ") : "none"}`),
  ];
}

async function main(): Promise<void> {
  const cases = loadCorpus();
  const applyCases = cases.filter((c) => c.expect.kind === "apply").length;
  const refuseCases = cases.length - applyCases;
  const { rows, tallies } = scoreTable(cases);
  const lines = [
    "# Patcher benchmark",
    "",
    `Corpus: ${cases.length} cases in tests/fixtures/patches (${applyCases} where the edit should apply, ${refuseCases} where the right answer is to refuse). Reproduce with \`npx tsx bench/patch/run.ts\`.`,
    "",
    ...rows,
    "",
    "replaceAll cases use the SmallCode patcher for every column (the baselines have no such option).",
    "A wrong apply is any change that differs from the expected file, or any change where the right answer was to refuse.",
    "",
    "Strategies behind the SmallCode patcher's correct applies:",
    "",
    "| strategy | cases |",
    "|---|---:|",
    ...[...(tallies[0]?.strategies ?? new Map<EditStrategy, number>())]
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `| ${s} | ${n} |`),
    "",
    "Wrong applies by case:",
    "",
    ...tallies.map((t) => `- ${t.name}: ${t.wrongIds.length ? t.wrongIds.join(", ") : "none"}`),
    "",
    ...heldout(),
    "",
    "Generated flawed edits (bench/patch/flawed-edits.ts): a real block of a corpus file and an intent (change, insert or delete one line), then one or two small-model habits applied to oldText and newText alike: dedent, 2-space indent unit, first line without indentation, tabs/spaces, line numbers, fences, trailing spaces, CRLF, curly quotes, a dropped blank line, a misremembered context line, a misremembered target line (then the only right answer is to refuse), an elided line. 10,000 edits, the same for every patcher. Correct = the file as meant, or a refusal where refusing is the only right answer:",
    "",
    ...flawed(cases),
    "",
    `Speed of one \`applyEdit\` on a synthetic file of many similar functions (median, milliseconds; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores during this run, so compare runs made under similar load):`,
    "",
    ...speed(),
    "",
  ];
  // Formatted as the repository's prettier check expects, so the committed file stays clean.
  const text = await format(lines.join("\n"), { parser: "markdown", printWidth: 120 });
  process.stdout.write(text);
  writeFileSync(new URL("./RESULTS.md", import.meta.url), text);
}

await main();
