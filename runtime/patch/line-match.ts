/**
 * Whole-line block matching under one loosening at a time. Each level compares a per-line key and, where the level
 * tolerates indentation differences, demands one uniform shift across the block so relative indentation still has
 * to agree. Every position where the block matches is returned, so callers can refuse ambiguity.
 */
import { foldUnicode } from "./text-clean.js";
import { looseKey } from "./similarity.js";
import { columns, leadingWs, linearShift, usesTabs, type Shift } from "./indent.js";
import type { EditStrategy } from "./types.js";

export interface BlockMatch {
  /** 0-based index of the first file line of the block. */
  start: number;
  shift: Shift | null;
  /** File lines the block spans, when it differs from the model's line count (blank lines dropped or added). */
  length?: number;
  /** For each model line, its index inside the block, or -1 (see mergeBlock). */
  align?: number[];
}

export interface LineLevel {
  strategy: EditStrategy;
  key(line: string): string;
  /** false: no match at this level; null: matched with no shift; a Shift: matched with that shift. */
  check(fileLines: readonly string[], oldLines: readonly string[]): Shift | null | false;
}

export function nonBlankPairs(fileLines: readonly string[], oldLines: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  oldLines.forEach((o, i) => {
    const f = fileLines[i] ?? "";
    if (o.trim() !== "" || f.trim() !== "") pairs.push([leadingWs(f), leadingWs(o)]);
  });
  return pairs;
}

/** The file's indentation equals the model's plus (or minus) one fixed whitespace prefix. */
function prefixShift(fileLines: readonly string[], oldLines: readonly string[]): Shift | null | false {
  const pairs = nonBlankPairs(fileLines, oldLines);
  const first = pairs[0];
  if (!first) return null;
  const [f0, o0] = first;
  let add: string | null = null;
  let remove: string | null = null;
  if (f0.length >= o0.length && f0.endsWith(o0)) add = f0.slice(0, f0.length - o0.length);
  else if (o0.endsWith(f0)) remove = o0.slice(0, o0.length - f0.length);
  else return false;
  for (const [f, o] of pairs) {
    if (add !== null && f !== add + o) return false;
    if (remove !== null && o !== remove + f) return false;
  }
  const x = add ?? remove ?? "";
  const tabs = usesTabs(fileLines);
  return { delta: columns(x, 4) * (add !== null ? 1 : -1), scale: 1, tabWidth: 4, useTabs: tabs, convert: false };
}

/** Indentation agrees as columns (tabs counted at a usual width), up to one shift and one indent-width ratio. */
export function columnShift(fileLines: readonly string[], oldLines: readonly string[]): Shift | null | false {
  const pairs = nonBlankPairs(fileLines, oldLines);
  const fileTabs = usesTabs(fileLines);
  const convert = fileTabs !== usesTabs(oldLines) || pairs.some(([f, o]) => f.includes("\t") !== o.includes("\t"));
  return linearShift(pairs, fileTabs, convert);
}

function hasTabs(lines: readonly string[]): boolean {
  return lines.some((l) => leadingWs(l).includes("\t"));
}

export const LINE_LEVELS: LineLevel[] = [
  { strategy: "line-endings", key: (l) => l, check: () => null },
  { strategy: "trailing-whitespace", key: (l) => l.trimEnd(), check: () => null },
  {
    strategy: "indentation",
    key: (l) => l.trim(),
    check: (f, o) => {
      const prefix = prefixShift(f, o);
      return prefix === false && !hasTabs(f) && !hasTabs(o) ? columnShift(f, o) : prefix;
    },
  },
  { strategy: "tabs", key: (l) => l.trim(), check: (f, o) => (hasTabs(f) || hasTabs(o) ? columnShift(f, o) : false) },
];

export const UNICODE_LEVEL: LineLevel = {
  strategy: "unicode",
  key: (l) => foldUnicode(l).trim(),
  check: (f, o) => columnShift(f.map(foldUnicode), o.map(foldUnicode)),
};

/**
 * Spacing inside lines differs (`Addr string` for gofmt's `Addr    string`). Lines whose text differs beyond that
 * are misquoted (see `spacingMisquoted`): the merge keeps them as the file has them and refuses to change them.
 */
export const SPACING_LEVEL: LineLevel = {
  strategy: "spacing",
  key: looseKey,
  check: (f, o) => columnShift(f.map(foldUnicode), o.map(foldUnicode)),
};

/** Per model line of a spacing-level match at `start`: true when its text differs from the file's line. */
export function spacingMisquoted(fileLines: readonly string[], oldLines: readonly string[], start: number): boolean[] {
  return oldLines.map((l, i) => foldUnicode(l).trim() !== foldUnicode(fileLines[start + i] ?? "").trim());
}

/** Every start where `oldLines` matches `fileLines` at this level (overlapping starts included). */
export function findBlocks(fileLines: readonly string[], oldLines: readonly string[], level: LineLevel): BlockMatch[] {
  const m = oldLines.length;
  if (m === 0 || oldLines.every((l) => l.trim() === "")) return [];
  const oldKeys = oldLines.map((l) => level.key(l));
  const anchor = Math.max(
    0,
    oldKeys.findIndex((k) => k !== ""),
  );
  const anchorKey = oldKeys[anchor] ?? "";
  const matches: BlockMatch[] = [];
  for (let p = anchor; p < fileLines.length; p++) {
    if (level.key(fileLines[p] ?? "") !== anchorKey) continue;
    const s = p - anchor;
    if (s + m > fileLines.length) break;
    let all = true;
    for (let i = 0; i < m && all; i++) all = level.key(fileLines[s + i] ?? "") === oldKeys[i];
    if (!all) continue;
    const shift = level.check(fileLines.slice(s, s + m), oldLines);
    if (shift !== false) matches.push({ start: s, shift });
  }
  return matches;
}

/**
 * The model dropped or added blank lines inside the block: its non-blank lines must equal (trimmed) consecutive
 * non-blank lines of the file, with one consistent indentation mapping.
 */
export function findBlocksIgnoringBlankLines(fileLines: readonly string[], oldLines: readonly string[]): BlockMatch[] {
  const oldNB = oldLines.flatMap((l, i) => (l.trim() === "" ? [] : [i]));
  const fileNB = fileLines.flatMap((l, i) => (l.trim() === "" ? [] : [i]));
  const k = oldNB.length;
  if (k < 2) return [];
  const oldKeys = oldNB.map((i) => foldUnicode(oldLines[i] ?? "").trim());
  const matches: BlockMatch[] = [];
  for (let p = 0; p + k <= fileNB.length; p++) {
    if (!oldKeys.every((key, j) => foldUnicode(fileLines[fileNB[p + j] ?? -1] ?? "").trim() === key)) continue;
    const start = fileNB[p] ?? 0;
    const end = (fileNB[p + k - 1] ?? 0) + 1;
    const pairedFile = oldNB.map((_, j) => fileLines[fileNB[p + j] ?? -1] ?? "");
    const pairedOld = oldNB.map((i) => oldLines[i] ?? "");
    const shift = columnShift(pairedFile.map(foldUnicode), pairedOld.map(foldUnicode));
    if (shift === false) continue;
    const rank = new Map(oldNB.map((i, j) => [i, j]));
    const align = oldLines.map((_, i) => {
      const j = rank.get(i);
      return j === undefined ? -1 : (fileNB[p + j] ?? 0) - start;
    });
    matches.push({ start, shift, length: end - start, align });
  }
  return matches;
}

/** Lines such as `}` or `end` carry too little to be matched once whitespace stops counting. */
export function informative(oldLines: readonly string[]): boolean {
  const words = oldLines
    .filter((l) => !/^(end|else|begin|done|fi|esac)\b\W*$/.test(l.trim()))
    .reduce((n, l) => n + (l.match(/[\p{L}\p{N}_]/gu)?.length ?? 0), 0);
  return words >= 2;
}
