/**
 * Applies the model's change (oldText → newText) onto the block the file actually holds, three-way style.
 * Lines the model did not change keep the file's exact text (its indentation, trailing spaces, quotes); changed and
 * added lines come from newText, re-indented to the block. A change that touches a line the model misquoted (it
 * differs from the file beyond whitespace) is a conflict: we cannot know what the model meant to do with it.
 */
import { diffArrays } from "diff";
import { leadingWs, reindent, type Shift } from "./indent.js";

export type MergeResult = { ok: true; lines: string[] } | { ok: false; conflictLine: number };

/**
 * `align[i]` is the index in `fileBlock` of the model's line i, or -1 for a line the file does not have (a blank line
 * the model added). File lines that no model line aligns to (blank lines the model dropped) stay where they are,
 * unless they sit inside a run of lines the model removes.
 */
export function mergeBlock(
  fileBlock: readonly string[],
  oldLines: readonly string[],
  newLines: readonly string[],
  shift: Shift | null,
  /** Per old line: true when it does not match its file line (fuzzy matches only). */
  misquoted: readonly boolean[] = [],
  align: readonly number[] = oldLines.map((_, i) => i),
): MergeResult {
  const changes = diffArrays([...oldLines], [...newLines], { comparator: (a, b) => a.trimEnd() === b.trimEnd() });
  const out: string[] = [];
  let oi = 0;
  let filePos = 0;
  let inRemoval = false;
  const flushTo = (f: number, drop: boolean): void => {
    for (; filePos < f; filePos++) if (!drop) out.push(fileBlock[filePos] ?? "");
  };
  // The lines just removed, with the file line each stood for: a changed line sent at the same indentation as the
  // line it replaces keeps that file line's own indentation characters, so a mixed tab/space block is not rewritten.
  let removed: Array<{ old: string; f: number }> = [];
  for (const change of changes) {
    if (change.added) {
      change.value.forEach((l, k) => {
        const r = removed[k];
        const same = r !== undefined && r.f >= 0 && l.trim() !== "" && leadingWs(l) === leadingWs(r.old);
        out.push(same ? leadingWs(fileBlock[r.f] ?? "") + l.slice(leadingWs(l).length) : reindent(l, shift));
      });
      removed = [];
      continue;
    }
    removed = change.removed ? change.value.map((l, k) => ({ old: l, f: align[oi + k] ?? -1 })) : [];
    for (let k = 0; k < change.value.length; k++, oi++) {
      const f = align[oi] ?? -1;
      if (change.removed && misquoted[oi]) return { ok: false, conflictLine: oi };
      if (f < 0) continue;
      flushTo(f, change.removed === true && inRemoval);
      if (!change.removed) out.push(fileBlock[f] ?? "");
      filePos = f + 1;
      inRemoval = change.removed === true;
    }
  }
  flushTo(fileBlock.length, false);
  return { ok: true, lines: out };
}
