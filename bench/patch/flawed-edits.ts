/**
 * Generated flawed edits: take a real block of a corpus file, change one line (the intent), then give the model's
 * oldText and newText the same habits small models have (dedent, tabs for spaces, line numbers, fences, trailing
 * spaces, CRLF, curly quotes, a dropped blank line, a misremembered context line, an elision). The expected file is
 * known exactly, so every outcome is one of: applied correctly, refused, or applied WRONG.
 */
import { applyEdit } from "../../runtime/patch/index.js";

export type Habit =
  | "dedent"
  | "spaces-to-tabs"
  | "tabs-to-spaces"
  | "line-numbers"
  | "fence"
  | "strip-trailing"
  | "crlf"
  | "curly-quotes"
  | "drop-blank-line"
  | "misremember-context"
  | "elide-middle";

export const HABITS: readonly Habit[] = [
  "dedent",
  "spaces-to-tabs",
  "tabs-to-spaces",
  "line-numbers",
  "fence",
  "strip-trailing",
  "crlf",
  "curly-quotes",
  "drop-blank-line",
  "misremember-context",
  "elide-middle",
];

export interface FlawedEdit {
  content: string;
  oldText: string;
  newText: string;
  expected: string;
  habits: Habit[];
}

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

function applyHabit(
  habit: Habit,
  old: string[],
  neu: string[],
  start: number,
  pick: () => number,
): [string[], string[]] | null {
  const both = (f: (l: string) => string): [string[], string[]] => [old.map(f), neu.map(f)];
  switch (habit) {
    case "dedent": {
      const min = Math.min(...old.filter((l) => l.trim() !== "").map((l) => lead(l).length));
      return min > 0 ? both((l) => l.slice(Math.min(min, lead(l).length))) : null;
    }
    case "spaces-to-tabs":
      return old.some((l) => lead(l).startsWith("    "))
        ? both((l) => l.replace(/^( {4})+/, (m) => "\t".repeat(m.length / 4)))
        : null;
    case "tabs-to-spaces":
      return old.some((l) => lead(l).includes("\t"))
        ? both((l) => l.replace(/^\t+/, (m) => "    ".repeat(m.length)))
        : null;
    case "line-numbers": {
      // Inserted lines in newText would have no number; here old and new have the same line count.
      return [old.map((l, i) => `${start + i + 1} | ${l}`), neu.map((l, i) => `${start + i + 1} | ${l}`)];
    }
    case "fence":
      return [
        ["```", ...old, "```"],
        ["```", ...neu, "```"],
      ];
    case "strip-trailing":
      return old.some((l) => l !== l.trimEnd()) ? both((l) => l.trimEnd()) : null;
    case "curly-quotes":
      return old.some((l) => /["']/.test(l)) ? both((l) => l.replace(/"/g, "\u201C").replace(/'/g, "\u2019")) : null;
    case "drop-blank-line": {
      const i = old.findIndex((l, k) => k > 0 && k < old.length - 1 && l.trim() === "");
      if (i < 0 || neu[i]?.trim() !== "") return null;
      return [old.filter((_, k) => k !== i), neu.filter((_, k) => k !== i)];
    }
    case "misremember-context": {
      const candidates = old
        .map((l, k) => k)
        .filter((k) => k > 0 && k < old.length - 1 && old[k] === neu[k] && /\w{3}/.test(old[k] ?? ""));
      if (candidates.length === 0) return null;
      const k = candidates[Math.floor(pick() * candidates.length)] ?? 0;
      const stale = (l: string): string => l.replace(/(\w)(\w*)$/, (_m, a: string, b: string) => `${a}${b}Old`);
      return [old.map((l, i) => (i === k ? stale(l) : l)), neu.map((l, i) => (i === k ? stale(l) : l))];
    }
    case "elide-middle": {
      const k = old.findIndex((l, i) => i > 0 && i < old.length - 1 && old[i] === neu[i] && l.trim() !== "");
      if (k < 0) return null;
      const marker = `${lead(old[k] ?? "")}...`;
      return [old.map((l, i) => (i === k ? marker : l)), neu.map((l, i) => (i === k ? marker : l))];
    }
    case "crlf":
      return null; // applied when joining
  }
}

/** One flawed edit from a file, or null when the draw does not fit the file. */
export function makeFlawedEdit(content: string, pick: () => number): FlawedEdit | null {
  const p = parse(content);
  if (p.lines.length < 3) return null;
  const len = 1 + Math.floor(pick() * 6);
  const start = Math.floor(pick() * Math.max(1, p.lines.length - len + 1));
  const block = p.lines.slice(start, start + len);
  const targets = block.map((l, i) => i).filter((i) => /\w\w/.test(block[i] ?? ""));
  if (targets.length === 0) return null;
  const j = targets[Math.floor(pick() * targets.length)] ?? 0;
  const changed = (block[j] ?? "").replace(/(\w+)(\W*)$/, "$1Edited$2");
  if (changed === block[j]) return null;
  const expectedLines = [...p.lines];
  expectedLines[start + j] = changed;
  let old = [...block];
  let neu = block.map((l, i) => (i === j ? changed : l));
  const habits: Habit[] = [];
  const count = 1 + Math.floor(pick() * 2);
  for (let n = 0; n < count; n++) {
    const habit = HABITS[Math.floor(pick() * HABITS.length)] ?? "dedent";
    if (habits.includes(habit)) continue;
    const r = applyHabit(habit, old, neu, start, pick);
    if (habit === "crlf") habits.push(habit);
    if (!r) continue;
    [old, neu] = r;
    habits.push(habit);
  }
  const join = habits.includes("crlf") ? "\r\n" : "\n";
  return { content, oldText: old.join(join), newText: neu.join(join), expected: render(p, expectedLines), habits };
}

export type EditFn = (content: string, oldText: string, newText: string) => ReturnType<typeof applyEdit>;

export function judge(edit: FlawedEdit, patch: EditFn = applyEdit): Outcome {
  const r = patch(edit.content, edit.oldText, edit.newText);
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
