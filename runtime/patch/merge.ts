/**
 * Applies the model's change (oldText → newText) onto the block the file actually holds, three-way style.
 * Lines the model did not change keep the file's exact text (its indentation, trailing spaces, quotes); changed and
 * added lines come from newText, re-indented to the block. A change that touches a line the model misquoted (it
 * differs from the file beyond whitespace) is a conflict: we cannot know what the model meant to do with it.
 */
import { diffArrays } from "diff";
import { reindent, type Shift } from "./indent.js";

export type MergeResult = { ok: true; lines: string[] } | { ok: false; conflictLine: number };

export function mergeBlock(
  fileBlock: readonly string[],
  oldLines: readonly string[],
  newLines: readonly string[],
  shift: Shift | null,
  /** Per old line: true when it does not match its file line (fuzzy matches only). */
  misquoted: readonly boolean[] = [],
): MergeResult {
  const changes = diffArrays([...oldLines], [...newLines], { comparator: (a, b) => a.trimEnd() === b.trimEnd() });
  const out: string[] = [];
  let oi = 0;
  for (const change of changes) {
    const n = change.value.length;
    if (change.added) {
      for (const l of change.value) out.push(reindent(l, shift));
      continue;
    }
    if (change.removed) {
      for (let k = 0; k < n; k++) if (misquoted[oi + k]) return { ok: false, conflictLine: oi + k };
      oi += n;
      continue;
    }
    for (let k = 0; k < n; k++) out.push(fileBlock[oi + k] ?? "");
    oi += n;
  }
  return { ok: true, lines: out };
}
