/** Turns a located block plus the model's old/new lines into one splice, merging as merge.ts describes. */
import { replaceLinesSplice, type Doc, type Splice } from "./document.js";
import { shiftForNew } from "./indent.js";
import type { BlockMatch } from "./line-match.js";
import { mergeBlock } from "./merge.js";
import { conflictMessage } from "./messages.js";
import { foldUnicode } from "./text-clean.js";

export type BlockSpliceResult = { ok: true; splice: Splice } | { ok: false; message: string };

export function blockSplice(
  doc: Doc,
  match: BlockMatch,
  oldLinesIn: readonly string[],
  newLinesIn: readonly string[],
  misquoted: readonly boolean[],
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
  const merged = mergeBlock(fileBlock, oldLines, newLines, shift, misquoted, match.align);
  if (!merged.ok) return { ok: false, message: conflictMessage(doc, match.start, oldLines, merged.conflictLine) };
  return { ok: true, splice: replaceLinesSplice(doc, match.start, m, merged.lines) };
}
