/**
 * Generated flawed edits: take a real block of a corpus file, change one line (the intent), then give the model's
 * oldText and newText the same habits small models have (dedent, tabs for spaces, line numbers, fences, trailing
 * spaces, CRLF, curly quotes, a dropped blank line, a misremembered context line, an elision). The expected file is
 * known exactly, so every outcome is one of: applied correctly, refused, or applied WRONG.
 */
import { applyEdit } from "../../runtime/patch/index.js";

export type Habit =
  | "dedent"
  | "indent-unit-2"
  | "first-line-unindented"
  | "spaces-to-tabs"
  | "tabs-to-spaces"
  | "line-numbers"
  | "fence"
  | "strip-trailing"
  | "crlf"
  | "curly-quotes"
  | "drop-blank-line"
  | "misremember-context"
  | "stale-target"
  | "elide-middle";

export const HABITS: readonly Habit[] = [
  "dedent",
  "indent-unit-2",
  "first-line-unindented",
  "spaces-to-tabs",
  "tabs-to-spaces",
  "line-numbers",
  "fence",
  "strip-trailing",
  "crlf",
  "curly-quotes",
  "drop-blank-line",
  "misremember-context",
  "stale-target",
  "elide-middle",
];

export type Intent = "change" | "insert" | "delete";

export interface FlawedEdit {
  content: string;
  oldText: string;
  newText: string;
  /** The file the model meant, or null when the only right answer is to refuse (it changes a line it misquoted). */
  expected: string | null;
  intent: Intent;
  habits: Habit[];
}

/** correct: applied as meant, or refused when refusing is the only right answer. */
export type Outcome = "correct" | "refused" | "wrong";

/** Small deterministic PRNG (mulberry32), so a seed always gives the same edits. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Parsed {
  bom: string;
  lines: string[];
  eol: string;
  finalNewline: boolean;
}

function parse(content: string): Parsed {
  const bom = content.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = content.slice(bom.length);
  const eol = body.includes("\r\n") ? "\r\n" : "\n";
  const finalNewline = body.endsWith("\n");
  const lines = (finalNewline ? body.replace(/\r?\n$/, "") : body).split(/\r?\n/);
  return { bom, lines, eol, finalNewline };
}

function render(p: Parsed, lines: readonly string[]): string {
  return p.bom + lines.join(p.eol) + (p.finalNewline ? p.eol : "");
}

const lead = (l: string): string => /^[ \t]*/.exec(l)?.[0] ?? "";

/** The model's two texts; `origin[i]` is the old line a new line came from, or -1 for an added line. */
interface Draft {
  old: string[];
  neu: string[];
  origin: number[];
  /** Index (in old) of the line the intent changes, or -1. */
  target: number;
  mustRefuse: boolean;
}

function mapBoth(d: Draft, f: (l: string, isFirst: boolean) => string): Draft {
  return { ...d, old: d.old.map((l, i) => f(l, i === 0)), neu: d.neu.map((l, i) => f(l, d.origin[i] === 0)) };
}

/** An old line (not the target, not at an edge) that newText keeps as it is. */
function keptLine(d: Draft, pick: () => number, test: (l: string) => boolean): number {
  const ks = d.old
    .map((_, k) => k)
    .filter((k) => k > 0 && k < d.old.length - 1 && k !== d.target && test(d.old[k] ?? ""))
    .filter((k) => d.neu[d.origin.indexOf(k)] === d.old[k]);
  return ks.length === 0 ? -1 : (ks[Math.floor(pick() * ks.length)] ?? -1);
}

function replaceAt(d: Draft, k: number, text: string): Draft {
  return {
    ...d,
    old: d.old.map((l, i) => (i === k ? text : l)),
    neu: d.neu.map((l, i) => (d.origin[i] === k ? text : l)),
  };
}

function indentHabit(habit: Habit, d: Draft): Draft | null | undefined {
  switch (habit) {
    case "dedent": {
      const min = Math.min(...d.old.filter((l) => l.trim() !== "").map((l) => lead(l).length));
      return min > 0 && min !== Infinity ? mapBoth(d, (l) => l.slice(Math.min(min, lead(l).length))) : null;
    }
    case "indent-unit-2":
      // A model that indents by 2 in a 4-space file: only where the file's depths are all steps of 4.
      return d.old.some((l) => lead(l).startsWith("    ")) &&
        [...d.old, ...d.neu].every((l) => l.trim() === "" || /^( {4})*\S/.test(l))
        ? mapBoth(d, (l) => l.replace(/^( {4})+/, (m) => "  ".repeat(m.length / 4)))
        : null;
    case "first-line-unindented":
      return lead(d.old[0] ?? "") !== "" ? mapBoth(d, (l, first) => (first ? l.trimStart() : l)) : null;
    case "spaces-to-tabs":
      return d.old.some((l) => lead(l).startsWith("    "))
        ? mapBoth(d, (l) => l.replace(/^( {4})+/, (m) => "\t".repeat(m.length / 4)))
        : null;
    case "tabs-to-spaces":
      return d.old.some((l) => lead(l).includes("\t"))
        ? mapBoth(d, (l) => l.replace(/^\t+/, (m) => "    ".repeat(m.length)))
        : null;
    default:
      return undefined;
  }
}

function applyHabit(habit: Habit, d: Draft, start: number, pick: () => number): Draft | null {
  const indented = indentHabit(habit, d);
  if (indented !== undefined) return indented;
  switch (habit) {
    case "line-numbers":
      // What a read tool printed; lines the model adds carry no number.
      return {
        ...d,
        old: d.old.map((l, i) => `${start + i + 1} | ${l}`),
        neu: d.neu.map((l, i) => ((d.origin[i] ?? -1) < 0 ? l : `${start + (d.origin[i] ?? 0) + 1} | ${l}`)),
      };
    case "fence":
      return {
        ...d,
        old: ["```", ...d.old, "```"],
        neu: ["```", ...d.neu, "```"],
        origin: [-2, ...d.origin.map((o) => (o < 0 ? o : o + 1)), -2],
        target: d.target < 0 ? -1 : d.target + 1,
      };
    case "strip-trailing":
      return d.old.some((l) => l !== l.trimEnd()) ? mapBoth(d, (l) => l.trimEnd()) : null;
    case "curly-quotes":
      return d.old.some((l) => /["']/.test(l))
        ? mapBoth(d, (l) => l.replace(/"/g, "\u201C").replace(/'/g, "\u2019"))
        : null;
    case "drop-blank-line": {
      const k = keptLine(d, pick, (l) => l.trim() === "");
      if (k < 0) return null;
      const keep = d.neu.map((_, i) => d.origin[i] !== k);
      return {
        old: d.old.filter((_, i) => i !== k),
        neu: d.neu.filter((_, i) => keep[i]),
        origin: d.origin.filter((_, i) => keep[i]).map((o) => (o > k ? o - 1 : o)),
        target: d.target > k ? d.target - 1 : d.target,
        mustRefuse: d.mustRefuse,
      };
    }
    case "misremember-context": {
      const k = keptLine(d, pick, (l) => /\w{3}/.test(l));
      return k < 0 ? null : replaceAt(d, k, (d.old[k] ?? "").replace(/(\w)(\w*)(\W*)$/, "$1$2Old$3"));
    }
    case "stale-target": {
      const k = d.target;
      const i = d.origin.indexOf(k);
      if (k < 0 || i < 0) return null;
      const stale = (d.old[k] ?? "").replace(/(\w)(\w*)(\W*)$/, "$1$2Old$3");
      return {
        ...d,
        old: d.old.map((l, x) => (x === k ? stale : l)),
        neu: d.neu.map((l, x) => (x === i ? stale.replace(/(\w+)(\W*)$/, "$1Edited$2") : l)),
        mustRefuse: true,
      };
    }
    case "elide-middle": {
      const k = keptLine(d, pick, (l) => l.trim() !== "");
      return k < 0 ? null : replaceAt(d, k, `${lead(d.old[k] ?? "")}...`);
    }
    case "crlf":
      return null; // applied when joining
    default:
      return null;
  }
}

function draftIntent(
  p: Parsed,
  start: number,
  block: string[],
  pick: () => number,
): { d: Draft; expected: string[]; intent: Intent } | null {
  const targets = block.map((_, i) => i).filter((i) => /\w\w/.test(block[i] ?? ""));
  if (targets.length === 0) return null;
  const j = targets[Math.floor(pick() * targets.length)] ?? 0;
  const roll = pick();
  const same = block.map((_, i) => i);
  if (roll < 0.15) {
    const added = `${lead(block[j] ?? "")}inserted_call();`;
    const expected = [...p.lines];
    expected.splice(start + j + 1, 0, added);
    const neu = [...block.slice(0, j + 1), added, ...block.slice(j + 1)];
    const origin = [...same.slice(0, j + 1), -1, ...same.slice(j + 1)];
    return { d: { old: [...block], neu, origin, target: -1, mustRefuse: false }, expected, intent: "insert" };
  }
  if (roll < 0.3 && block.length >= 3 && j > 0 && j < block.length - 1) {
    const expected = p.lines.filter((_, i) => i !== start + j);
    const keep = same.filter((i) => i !== j);
    return {
      d: { old: [...block], neu: keep.map((i) => block[i] ?? ""), origin: keep, target: -1, mustRefuse: false },
      expected,
      intent: "delete",
    };
  }
  const changed = (block[j] ?? "").replace(/(\w+)(\W*)$/, "$1Edited$2");
  if (changed === block[j]) return null;
  const expected = [...p.lines];
  expected[start + j] = changed;
  const neu = block.map((l, i) => (i === j ? changed : l));
  return { d: { old: [...block], neu, origin: same, target: j, mustRefuse: false }, expected, intent: "change" };
}

/** One flawed edit from a file, or null when the draw does not fit the file. */
export function makeFlawedEdit(content: string, pick: () => number): FlawedEdit | null {
  const p = parse(content);
  if (p.lines.length < 3) return null;
  const len = 1 + Math.floor(pick() * 6);
  const start = Math.floor(pick() * Math.max(1, p.lines.length - len + 1));
  const drafted = draftIntent(p, start, p.lines.slice(start, start + len), pick);
  if (!drafted) return null;
  let d = drafted.d;
  const habits: Habit[] = [];
  const count = 1 + Math.floor(pick() * 2);
  for (let n = 0; n < count; n++) {
    const habit = HABITS[Math.floor(pick() * HABITS.length)] ?? "dedent";
    if (habits.includes(habit)) continue;
    // A dropped blank line next to an elided one leaves no way to tell which side the blank was on.
    if (
      (habit === "elide-middle" && habits.includes("drop-blank-line")) ||
      (habit === "drop-blank-line" && habits.includes("elide-middle"))
    )
      continue;
    if (habit === "crlf") {
      habits.push(habit);
      continue;
    }
    const next = applyHabit(habit, d, start, pick);
    if (!next) continue;
    d = next;
    habits.push(habit);
  }
  const join = habits.includes("crlf") ? "\r\n" : "\n";
  return {
    content,
    oldText: d.old.join(join),
    newText: d.neu.join(join),
    expected: d.mustRefuse ? null : render(p, drafted.expected),
    intent: drafted.intent,
    habits,
  };
}

export type EditFn = (content: string, oldText: string, newText: string) => ReturnType<typeof applyEdit>;

export function judge(edit: FlawedEdit, patch: EditFn = applyEdit): Outcome {
  const r = patch(edit.content, edit.oldText, edit.newText);
  if (edit.expected === null) return r.ok && r.content !== edit.content ? "wrong" : "correct";
  if (!r.ok) return "refused";
  return r.content === edit.expected ? "correct" : "wrong";
}

export interface FlawedTally {
  correct: number;
  refused: number;
  wrong: number;
  /** A few wrong applies, for inspection. */
  examples: FlawedEdit[];
}

/** Generates `count` flawed edits over `files` from `seed` and judges each with `patch`. */
export function runFlawedEdits(
  files: readonly string[],
  seed: number,
  count: number,
  patch: EditFn = applyEdit,
): FlawedTally {
  const pick = rng(seed);
  const t: FlawedTally = { correct: 0, refused: 0, wrong: 0, examples: [] };
  let made = 0;
  for (let guard = 0; made < count && guard < count * 20; guard++) {
    const file = files[Math.floor(pick() * files.length)];
    const edit = file === undefined ? null : makeFlawedEdit(file, pick);
    if (!edit) continue;
    made++;
    const outcome = judge(edit, patch);
    t[outcome]++;
    if (outcome === "wrong" && t.examples.length < 5) t.examples.push(edit);
  }
  return t;
}
