/**
 * Scores the patcher on the held-out set (`tests/fixtures/patches-heldout/`), written blind from real small-model
 * habits before the patcher was read. Shared by `heldout.test.ts` and `bench/patch/run.ts`.
 *
 * A case is one of:
 * - correct apply: the result is byte-for-byte the expected file;
 * - miss: an edit whose intent is clear was refused;
 * - correct refusal: a must-refuse edit was refused (`sameReason` says whether the reason matched the fixture's);
 * - WRONG apply: the file changed into anything but what was meant (or changed at all where refusing was right).
 *
 * A refusal "shows the closest lines" when its message quotes real lines of the file in the `  12 | text` gutter
 * and, when the case names them (`mentions:`), quotes the named line with its real number.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { applyEdit } from "../../runtime/patch/index.js";
import { loadCorpus, type PatchCase } from "./corpus.js";

export const HELDOUT_DIR = new URL("../fixtures/patches-heldout/", import.meta.url);

export type Verdict = "correct-apply" | "miss" | "correct-refusal" | "wrong-apply";

export interface CaseScore {
  id: string;
  verdict: Verdict;
  /** For refusals: whether the reason matches the fixture's expectation (misses: false). */
  sameReason: boolean;
  /** For refusals of an existing, non-empty file: whether the message shows the closest lines. Null if not judged. */
  showsClosest: boolean | null;
  detail: string;
}

export interface HeldoutScore {
  total: number;
  applies: number;
  refusals: number;
  correctApplies: number;
  misses: number;
  correctRefusals: number;
  sameReason: number;
  wrongApplies: number;
  refusalsJudged: number;
  refusalsShowingClosest: number;
  cases: CaseScore[];
}

export function loadHeldout(): PatchCase[] {
  return loadCorpus(HELDOUT_DIR);
}

/** Every `@@@ case` block of the held-out files, with whether it names its habit (`# habit: …`). */
export function habitsNamed(): Array<{ id: string; named: boolean }> {
  const out: Array<{ id: string; named: boolean }> = [];
  for (const name of readdirSync(HELDOUT_DIR).filter((f) => f.endsWith(".cases"))) {
    const blocks = readFileSync(join(HELDOUT_DIR.pathname, name), "utf8").split(/^@@@ /m);
    for (const b of blocks) {
      const m = /^case (\S+)/.exec(b);
      if (m) out.push({ id: `${name.replace(/\.cases$/, "")}/${m[1]}`, named: /^# habit: \S/m.test(b) });
    }
  }
  return out;
}

/** The numbered lines a message quotes (`  12 | text`) that really are those lines of the file. */
export function realNumberedLines(message: string, content: string): Array<{ n: number; text: string }> {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const out: Array<{ n: number; text: string }> = [];
  for (const m of message.matchAll(/^[ >*]*(\d+) \| (.*)$/gm)) {
    const n = Number(m[1]);
    const text = m[2] ?? "";
    if (lines[n - 1] === text) out.push({ n, text });
  }
  return out;
}

function showsClosest(c: PatchCase, message: string): boolean {
  const real = realNumberedLines(message, c.content);
  if (real.length === 0) return false;
  return c.mentions.every((want) => real.some((l) => l.text.includes(want)));
}

export function scoreCase(c: PatchCase): CaseScore {
  const r = applyEdit(c.content, c.oldText, c.newText, { replaceAll: c.replaceAll, fileExists: c.fileExists });
  const judgeable = c.fileExists && c.content.trim() !== "" && !r.ok && r.reason !== "invalid";
  const closest = judgeable && !r.ok ? showsClosest(c, r.message) : null;
  if (c.expect.kind === "apply") {
    if (r.ok && r.content === c.expect.content)
      return { id: c.id, verdict: "correct-apply", sameReason: true, showsClosest: null, detail: r.strategy };
    if (r.ok)
      return {
        id: c.id,
        verdict: "wrong-apply",
        sameReason: false,
        showsClosest: null,
        detail: `applied (${r.strategy}, line ${r.startLine}) into:\n${r.content}`,
      };
    return { id: c.id, verdict: "miss", sameReason: false, showsClosest: closest, detail: `${r.reason}: ${r.message}` };
  }
  if (r.ok)
    return {
      id: c.id,
      verdict: "wrong-apply",
      sameReason: false,
      showsClosest: null,
      detail: `applied (${r.strategy}, line ${r.startLine}) where refusing was right:\n${r.content}`,
    };
  return {
    id: c.id,
    verdict: "correct-refusal",
    sameReason: r.reason === c.expect.reason,
    showsClosest: closest,
    detail: `${r.reason}: ${r.message}`,
  };
}

export function scoreHeldout(cases: readonly PatchCase[] = loadHeldout()): HeldoutScore {
  const scored = cases.map(scoreCase);
  const count = (v: Verdict): number => scored.filter((s) => s.verdict === v).length;
  const refusedJudged = scored.filter((s) => s.showsClosest !== null && s.verdict === "correct-refusal");
  return {
    total: cases.length,
    applies: cases.filter((c) => c.expect.kind === "apply").length,
    refusals: cases.filter((c) => c.expect.kind === "refuse").length,
    correctApplies: count("correct-apply"),
    misses: count("miss"),
    correctRefusals: count("correct-refusal"),
    sameReason: scored.filter((s) => s.verdict === "correct-refusal" && s.sameReason).length,
    wrongApplies: count("wrong-apply"),
    refusalsJudged: refusedJudged.length,
    refusalsShowingClosest: refusedJudged.filter((s) => s.showsClosest === true).length,
    cases: scored,
  };
}

/** One-paragraph summary for logs and HELDOUT.md. */
export function summarize(s: HeldoutScore): string {
  const pct = (a: number, b: number): string => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`);
  return [
    `cases ${s.total} (${s.applies} apply, ${s.refusals} must-refuse = ${pct(s.refusals, s.total)})`,
    `correct applies ${s.correctApplies}/${s.applies} (${pct(s.correctApplies, s.applies)}), misses ${s.misses}`,
    `correct refusals ${s.correctRefusals}/${s.refusals} (same reason ${s.sameReason})`,
    `WRONG applies ${s.wrongApplies}`,
    `refusals showing the closest lines ${s.refusalsShowingClosest}/${s.refusalsJudged}`,
  ].join("\n");
}
