/** Turns a located block plus the model's old/new lines into one splice, merging as merge.ts describes. */
import { replaceLinesSplice, type Doc, type Splice } from "./document.js";
import { columns, leadingWs, reindent, shiftForNew, type Shift } from "./indent.js";
import type { BlockMatch } from "./line-match.js";
import { mergeBlock } from "./merge.js";
import { conflictMessage, numbered } from "./messages.js";
import { foldUnicode } from "./text-clean.js";

export type BlockSpliceResult =
  { ok: true; splice: Splice } | { ok: false; reason: "not_found" | "ambiguous"; message: string };

/**
 * One quoted non-blank line at the wrong depth says nothing about the frame of the lines the model adds: after a
 * dedented `def f():`, is a new line at 4 spaces its body or its sibling? Only lines at the quoted line's own depth
 * (the whole edit shifted alike) are clear.
 */
function addedFrameUnclear(
  oldLines: readonly string[],
  newLines: readonly string[],
  shift: Shift | null,
  evidence: number,
): boolean {
  const quoted = oldLines.filter((l) => l.trim() !== "");
  if (!shift || evidence > 1 || quoted.length !== 1 || (shift.delta === 0 && shift.scale === 1)) return false;
  const added = newLines.filter((l) => l.trim() !== "" && l.trimEnd() !== quoted[0]?.trimEnd());
  const own = leadingWs(quoted[0] ?? "");
  const rest = newLines.filter((l) => l.trim() !== "").slice(1);
  return added.length > 0 && rest.some((l) => leadingWs(l) !== own);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Re-indented new lines must land on the block's indentation grid (multiples of 4 in a 4-space file). A line that
 * lands between steps means the frame was guessed wrong, so the edit is refused rather than mis-indented.
 */
function offGrid(
  fileBlock: readonly string[],
  oldLines: readonly string[],
  newLines: readonly string[],
  shift: Shift | null,
): boolean {
  if (!shift || (shift.delta === 0 && shift.scale === 1 && !shift.convert)) return false;
  const t = shift.tabWidth;
  const grid = fileBlock.reduce((g, l) => (l.trim() === "" ? g : gcd(g, columns(leadingWs(l), t))), 0);
  if (grid <= 1) return false;
  const quoted = new Set(oldLines.map((l) => l.trimEnd()));
  return newLines
    .filter((l) => l.trim() !== "" && !quoted.has(l.trimEnd()))
    .some((l) => columns(leadingWs(reindent(l, shift)), t) % grid !== 0);
}

/** How the model's quoted indentation differs from the file's, in the direction it actually differs. */
function indentDifference(shift: Shift | null | undefined): string {
  if (shift && shift.scale === 1 && shift.delta < 0) return "oldText is indented deeper than the lines";
  if (shift && shift.scale === 1 && shift.delta > 0) return "oldText left out indentation";
  return "oldText's indentation does not match the indentation";
}

export function blockSplice(
  doc: Doc,
  match: BlockMatch,
  oldLinesIn: readonly string[],
  newLinesIn: readonly string[],
  misquoted: readonly boolean[],
  /** Quoted non-blank lines that agree on the shift (more than this block's, for the pieces of an elision). */
  evidence?: number,
): BlockSpliceResult {
  let oldLines = oldLinesIn;
  let newLines = newLinesIn;
  const m = match.length ?? oldLines.length;
  const fileBlock = doc.lines.slice(match.start, match.start + m).map((l) => l.text);
  // Typography the model put into oldText but the file never uses is an artefact of the model's rendering: the
  // same characters in newText are folded too, so they do not leak into the file.
  const folds = (ls: readonly string[]): boolean => ls.some((l) => foldUnicode(l) !== l);
  if (folds(oldLines) && !folds(fileBlock)) {
    oldLines = oldLines.map(foldUnicode);
    newLines = newLines.map(foldUnicode);
  }
  const shift = match.shift ? shiftForNew(match.shift, oldLines, newLines, fileBlock) : null;
  const quotedCount = evidence ?? oldLines.filter((l) => l.trim() !== "").length;
  if (
    addedFrameUnclear(oldLines, newLines, match.shift, quotedCount) ||
    offGrid(fileBlock, oldLines, newLines, shift)
  ) {
    return {
      ok: false,
      reason: "ambiguous",
      message:
        `Edit not applied at line ${match.start + 1}: the indentation of the lines you add is ambiguous, because ` +
        `${indentDifference(match.shift)} the file has there:\n${numbered(doc, match.start, match.start + m)}\n` +
        `Send oldText with every line's full indentation, copied exactly.`,
    };
  }
  const merged = mergeBlock(fileBlock, oldLines, newLines, shift, misquoted, match.align);
  if (!merged.ok) {
    return {
      ok: false,
      reason: "not_found",
      message: conflictMessage(doc, match.start, oldLines, merged.conflictLine),
    };
  }
  return { ok: true, splice: replaceLinesSplice(doc, match.start, m, merged.lines) };
}
