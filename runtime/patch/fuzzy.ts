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
export const FUZZY_MIN_LINES = 3;

export type FuzzyOutcome =
  | { kind: "match"; best: WindowScore; misquoted: boolean[]; shift: Shift }
  | { kind: "ambiguous"; candidates: WindowScore[] }
  | { kind: "none" };

function acceptable(w: WindowScore, maxMisquoted: number): boolean {
  const bad = w.sims.filter((s) => s < 1);
  return w.score >= FUZZY_MIN_SCORE && bad.length <= maxMisquoted && bad.every((s) => s >= FUZZY_MIN_LINE_SIM);
}

export function fuzzyLocate(fileLines: readonly string[], oldLines: readonly string[]): FuzzyOutcome {
  const oldKeys = oldLines.map(looseKey);
  if (oldKeys.filter((k) => k !== "").length < FUZZY_MIN_LINES) return { kind: "none" };
  const windows = scoreWindows(fileLines.map(looseKey), oldKeys);
  const best = windows[0];
  const maxMisquoted = Math.max(1, Math.floor(oldKeys.length * 0.2));
  if (!best || !acceptable(best, maxMisquoted)) return { kind: "none" };
  const runnerUp = windows[1];
  if (runnerUp && best.score - runnerUp.score < FUZZY_MIN_MARGIN) {
    return { kind: "ambiguous", candidates: windows.filter((w) => best.score - w.score < FUZZY_MIN_MARGIN) };
  }
  const misquoted = best.sims.map((s) => s < 1);
  // Indentation is read from the lines quoted correctly; if they disagree on it, this is not the same block.
  const block = fileLines.slice(best.start, best.start + oldLines.length);
  const keepF = block.filter((_, i) => !misquoted[i]);
  const keepO = oldLines.filter((_, i) => !misquoted[i]);
  const convert = usesTabs(block) !== usesTabs(oldLines);
  const shift = linearShift(nonBlankPairs(keepF, keepO), usesTabs(block), convert);
  if (shift === false) return { kind: "none" };
  return { kind: "match", best, misquoted, shift };
}
