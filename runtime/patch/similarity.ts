/**
 * Line similarity and window scoring, shared by the fuzzy strategy and by the "closest region" shown in refusals.
 * Cost stays near-linear in file size: only windows that share at least one exact (normalised) line with the
 * model's block are scored, and lines that repeat very often (braces, blank-ish lines) do not vote.
 */
import { foldUnicode } from "./text-clean.js";

/** Comparison key: typography folded, surrounding whitespace dropped, inner runs of whitespace collapsed. */
export function looseKey(line: string): string {
  return foldUnicode(line).trim().replace(/\s+/g, " ");
}

function bigrams(text: string): Int32Array {
  const out = new Int32Array(Math.max(0, text.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
  return out.sort();
}

/** Dice coefficient over character bigrams (a multiset intersection of sorted codes), in [0, 1]. */
export function lineSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    const xi = x[i] ?? 0;
    const yj = y[j] ?? 0;
    if (xi === yj) {
      common++;
      i++;
      j++;
    } else if (xi < yj) i++;
    else j++;
  }
  return (2 * common) / (x.length + y.length);
}

export interface WindowScore {
  start: number;
  /** Mean per-line similarity, in [0, 1]. */
  score: number;
  /** Per model line: similarity to the file line at the same position. */
  sims: number[];
  /** The file's keys at those positions. */
  fileKeys: string[];
}

const MAX_VOTES_PER_KEY = 50;

export function scoreWindow(fileKeys: readonly string[], oldKeys: readonly string[], start: number): WindowScore {
  const sims = oldKeys.map((k, i) => lineSimilarity(k, fileKeys[start + i] ?? ""));
  const score = sims.reduce((a, b) => a + b, 0) / Math.max(1, sims.length);
  return { start, score, sims, fileKeys: fileKeys.slice(start, start + oldKeys.length) };
}

/** Scores every window of the model's block length that shares a line with it; best first. */
export function scoreWindows(fileKeys: readonly string[], oldKeys: readonly string[]): WindowScore[] {
  const m = oldKeys.length;
  const n = fileKeys.length;
  if (m === 0 || m > n) return [];
  const where = new Map<string, number[]>();
  fileKeys.forEach((k, p) => {
    if (k === "") return;
    const list = where.get(k);
    if (list) list.push(p);
    else where.set(k, [p]);
  });
  const starts = new Set<number>();
  oldKeys.forEach((k, i) => {
    const list = where.get(k);
    if (!list || list.length > MAX_VOTES_PER_KEY) return;
    for (const p of list) if (p - i >= 0 && p - i + m <= n) starts.add(p - i);
  });
  return [...starts]
    .map((s) => scoreWindow(fileKeys, oldKeys, s))
    .sort((a, b) => b.score - a.score || a.start - b.start);
}

/**
 * The window most like the model's block, falling back to the line most like its first non-blank line, plus the
 * starts of other places at most `near` less similar (and at least half similar): one pass over the file.
 */
export function closestCandidates(
  fileKeys: readonly string[],
  oldKeys: readonly string[],
  near: number,
): { best: WindowScore; close: number[] } | null {
  const windows = scoreWindows(fileKeys, oldKeys);
  const top = windows[0];
  if (top) {
    const floor = Math.max(0.5, top.score - near);
    return { best: top, close: windows.slice(1).flatMap((w) => (w.score >= floor ? [w.start] : [])) };
  }
  const anchor = Math.max(
    0,
    oldKeys.findIndex((k) => k !== ""),
  );
  const anchorKey = oldKeys[anchor] ?? "";
  const sims = fileKeys.map((k) => lineSimilarity(anchorKey, k));
  let bestLine = -1;
  let bestSim = 0;
  sims.forEach((sim, p) => {
    if (sim > bestSim) {
      bestSim = sim;
      bestLine = p;
    }
  });
  if (bestLine < 0) return null;
  const clamp = (p: number): number => Math.max(0, Math.min(p - anchor, fileKeys.length - oldKeys.length));
  const floor = Math.max(0.5, bestSim - near);
  const close = sims.flatMap((sim, p) => (p !== bestLine && sim >= floor ? [clamp(p)] : []));
  return { best: scoreWindow(fileKeys, oldKeys, clamp(bestLine)), close };
}
