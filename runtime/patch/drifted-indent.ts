/**
 * The model's quote drifted in indentation line by line (`  a;` then `    b;` for two lines the file has at the same
 * depth): no single shift maps it onto the file, so the `indentation` level cannot place new lines. What stays
 * certain is an in-place edit: lines the model keeps, lines it deletes, and lines it rewrites without changing their
 * indentation. Each rewritten line takes the indentation of the file line it replaces. Anything else (an added line,
 * a rewritten line whose indentation the model changed) says something about depth that a drifted quote cannot be
 * trusted with, so it is left to the refusal, which names the indentation that differs.
 */
import { diffArrays } from "diff";
import { leadingWs } from "./indent.js";

/** The block's new lines, or null when the edit is not an in-place one. */
export function driftedInPlace(
  fileBlock: readonly string[],
  oldLines: readonly string[],
  newLines: readonly string[],
): string[] | null {
  if (fileBlock.length !== oldLines.length) return null;
  const changes = diffArrays([...oldLines], [...newLines], { comparator: (a, b) => a.trimEnd() === b.trimEnd() });
  const out: string[] = [];
  let oi = 0;
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c];
    if (!change) continue;
    if (change.added) return null; // an addition not paired with a removal
    if (!change.removed) {
      for (let k = 0; k < change.value.length; k++, oi++) out.push(fileBlock[oi] ?? "");
      continue;
    }
    const next = changes[c + 1];
    const added = next?.added ? next.value : [];
    if (added.length > 0 && added.length !== change.value.length) return null;
    for (let k = 0; k < change.value.length; k++, oi++) {
      const rewritten = added[k];
      if (rewritten === undefined) continue; // a deleted line
      const sent = oldLines[oi] ?? "";
      if (leadingWs(rewritten) !== leadingWs(sent) || rewritten.trim() === "") return null;
      out.push(leadingWs(fileBlock[oi] ?? "") + rewritten.trimStart());
    }
    if (added.length > 0) c++;
  }
  return out;
}
