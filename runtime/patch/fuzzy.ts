/**
 * The loosest strategy: a block of the same length whose lines mostly equal the model's, clearly better than any
 * other place. Thresholds are deliberately high; the merge step then refuses any change to a misquoted line, so a
 * fuzzy match can only touch lines the model quoted correctly.
 */
import { linearShift, usesTabs, type Shift } from "./indent.js";
import { nonBlankPairs } from "./line-match.js";
import { looseKey, scoreWindows, type WindowScore } from "./similarity.js";

export const FUZZY_MIN_SCORE = 0.85;
export const FUZZY_MIN_MARGIN = 0.1;
/** A misquoted line must still look like the file's line. */
export const FUZZY_MIN_LINE_SIM = 0.5;
/** The first and last lines name the block (a signature, a closing line): misquoting them is allowed only barely. */
export const FUZZY_MIN_EDGE_SIM = 0.85;
export const FUZZY_MIN_LINES = 3;

export type FuzzyOutcome =
  | { kind: "match"; best: WindowScore; misquoted: boolean[]; shift: Shift }
  | { kind: "ambiguous"; candidates: WindowScore[] }
  | { kind: "none" };

/** The part of a line that names it: `def cancel` of `def cancel(self, order):`. */
function head(line: string): string {
  return line.split(/[({=:[<]/)[0]?.trim() ?? "";
}

function sameHead(a: string, b: string): boolean {
  const h = head(a);
  return (h.match(/[\p{L}\p{N}_]/gu)?.length ?? 0) >= 2 && h === head(b);
}

function acceptable(w: WindowScore, oldKeys: readonly string[], maxMisquoted: number): boolean {
  const bad = w.sims.filter((s) => s < 1);
  const first = oldKeys.findIndex((k) => k !== "");
  const last = oldKeys.length - 1 - [...oldKeys].reverse().findIndex((k) => k !== "");
  const edgesOk = [first, last].every(
    (i) => (w.sims[i] ?? 0) >= FUZZY_MIN_EDGE_SIM || sameHead(oldKeys[i] ?? "", w.fileKeys[i] ?? ""),
  );
  return (
    w.score >= FUZZY_MIN_SCORE && edgesOk && bad.length <= maxMisquoted && bad.every((s) => s >= FUZZY_MIN_LINE_SIM)
  );
}

function exactCount(w: WindowScore): number {
  return w.sims.filter((x) => x === 1).length;
}

/**
 * A close runner-up is a rival, so the edit is ambiguous, when it could be accepted on its own, or when it holds as
 * many of the model's lines verbatim as the best. A window that fails the naming-line test and holds fewer exact
 * lines (a twin method whose signature and body differ) is not a place the model could have meant.
 */
function isRival(w: WindowScore, best: WindowScore, oldKeys: readonly string[], maxMisquoted: number): boolean {
  return acceptable(w, oldKeys, maxMisquoted) || exactCount(w) >= exactCount(best);
}

/**
 * A "misquoted" line that is verbatim another line of the file may be text glued in from another place. When the
 * window around that other line holds at least as many of the model's lines as the best window does, either place
 * could be meant, so the fuzzy match is dropped (the not-found message then shows where that line really is).
 */
function borrowedRival(fileKeys: readonly string[], oldKeys: readonly string[], best: WindowScore): boolean {
  const exactAt = (start: number): number => oldKeys.filter((k, t) => fileKeys[start + t] === k).length;
  const bestExact = exactAt(best.start);
  return oldKeys.some((k, i) => {
    if ((best.sims[i] ?? 0) >= 1 || (k.match(/[\p{L}\p{N}_]/gu)?.length ?? 0) < 3) return false;
    return fileKeys.some((f, p) => f === k && p - i !== best.start && exactAt(p - i) >= bestExact);
  });
}

export function fuzzyLocate(fileLines: readonly string[], oldLines: readonly string[]): FuzzyOutcome {
  const oldKeys = oldLines.map(looseKey);
  if (oldKeys.filter((k) => k !== "").length < FUZZY_MIN_LINES) return { kind: "none" };
  const fileKeys = fileLines.map(looseKey);
  const windows = scoreWindows(fileKeys, oldKeys);
  const best = windows[0];
  const maxMisquoted = Math.max(1, Math.floor(oldKeys.length * 0.2));
  if (!best || !acceptable(best, oldKeys, maxMisquoted)) return { kind: "none" };
  const rivals = windows
    .slice(1)
    .filter((w) => best.score - w.score < FUZZY_MIN_MARGIN && isRival(w, best, oldKeys, maxMisquoted));
  if (rivals.length > 0) return { kind: "ambiguous", candidates: [best, ...rivals] };
  const misquoted = best.sims.map((s) => s < 1);
  if (borrowedRival(fileKeys, oldKeys, best)) return { kind: "none" };
  // Indentation is read from every line, misquoted ones too (their text is stale, their depth is still evidence);
  // if the lines disagree on it, this is not the same block, or the frame of new lines is unclear.
  const block = fileLines.slice(best.start, best.start + oldLines.length);
  const convert = usesTabs(block) !== usesTabs(oldLines);
  const shift = linearShift(nonBlankPairs(block, oldLines), usesTabs(block), convert);
  if (shift === false) return { kind: "none" };
  return { kind: "match", best, misquoted, shift };
}
