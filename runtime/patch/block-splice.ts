/** Turns a located block plus the model's old/new lines into one splice, merging as merge.ts describes. */
import { replaceLinesSplice, type Doc, type Splice } from "./document.js";
import { shiftForNew } from "./indent.js";
import type { BlockMatch } from "./line-match.js";
import { mergeBlock } from "./merge.js";
import { conflictMessage } from "./messages.js";

export type BlockSpliceResult = { ok: true; splice: Splice } | { ok: false; message: string };

export function blockSplice(
  doc: Doc,
  match: BlockMatch,
  oldLines: readonly string[],
  newLines: readonly string[],
  misquoted: readonly boolean[],
): BlockSpliceResult {
  const m = match.length ?? oldLines.length;
  const fileBlock = doc.lines.slice(match.start, match.start + m).map((l) => l.text);
  const shift = match.shift ? shiftForNew(match.shift, oldLines, newLines, fileBlock) : null;
  const merged = mergeBlock(fileBlock, oldLines, newLines, shift, misquoted, match.align);
  if (!merged.ok) return { ok: false, message: conflictMessage(doc, match.start, oldLines, merged.conflictLine) };
  return { ok: true, splice: replaceLinesSplice(doc, match.start, m, merged.lines) };
}
