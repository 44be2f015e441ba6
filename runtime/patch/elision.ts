/**
 * Elision: the model wrote `...` or `// ... existing code ...` for lines it skipped. The quoted pieces between the
 * markers are anchors; each must be found, once, in order, and the skipped lines between them stay untouched. The
 * model's newText must skip the same places (same number of markers), so nothing it never saw is deleted.
 */
import type { Doc, Splice } from "./document.js";
import { findBlocks, LINE_LEVELS, UNICODE_LEVEL, type BlockMatch } from "./line-match.js";
import { isElisionLine } from "./text-clean.js";
import { ambiguousMessage, notFoundMessage, numbered, range } from "./messages.js";
import { blockSplice } from "./block-splice.js";
import type { EditRefused } from "./types.js";

export type ElisionOutcome =
  | { kind: "none" }
  | { kind: "refused"; refusal: EditRefused }
  | { kind: "planned"; splices: Splice[]; startLine: number };

/** Splits lines at runs of elision markers; leading/trailing markers give empty edge segments. */
export function splitAtElisions(lines: readonly string[]): string[][] {
  const segs: string[][] = [[]];
  let inMarker = false;
  for (const l of lines) {
    if (isElisionLine(l)) {
      if (!inMarker) segs.push([]);
      inMarker = true;
      continue;
    }
    inMarker = false;
    segs[segs.length - 1]?.push(l);
  }
  return segs;
}

function refuse(reason: EditRefused["reason"], message: string): ElisionOutcome {
  return { kind: "refused", refusal: { ok: false, reason, message } };
}

function locateSegment(fileTexts: readonly string[], seg: readonly string[]): BlockMatch[] {
  for (const level of [...LINE_LEVELS, UNICODE_LEVEL]) {
    const found = findBlocks(fileTexts, seg, level);
    if (found.length > 0) return found;
  }
  return [];
}

export function planElision(
  doc: Doc,
  oldLines: readonly string[],
  newLines: readonly string[],
  where: string,
): ElisionOutcome {
  const oldSegs = splitAtElisions(oldLines);
  if (oldSegs.length < 2) return { kind: "none" };
  const newSegs = splitAtElisions(newLines);
  const marker = oldLines.find(isElisionLine)?.trim() ?? "...";
  if (newSegs.length !== oldSegs.length) {
    return refuse(
      "invalid",
      `Edit not applied: oldText skips lines with "${marker}" ${oldSegs.length - 1} time(s), but newText does so ` +
        `${newSegs.length - 1} time(s). The skipped lines would be changed without being seen. Keep the same ` +
        `"${marker}" lines in newText where the skipped lines stay, or quote the whole block without "${marker}".`,
    );
  }
  const edgesMirror =
    ((oldSegs[0]?.length ?? 0) > 0 || (newSegs[0]?.length ?? 0) === 0) &&
    ((oldSegs.at(-1)?.length ?? 0) > 0 || (newSegs.at(-1)?.length ?? 0) === 0);
  if (!edgesMirror) {
    return refuse(
      "invalid",
      `Edit not applied: newText adds lines beyond a leading or trailing "${marker}", where the place is unknown. ` +
        `Quote the lines around the place you change.`,
    );
  }
  const fileTexts = doc.lines.map((l) => l.text);
  const splices: Splice[] = [];
  let prevEnd = 0;
  let firstStart = -1;
  for (let k = 0; k < oldSegs.length; k++) {
    const seg = oldSegs[k] ?? [];
    if (seg.length === 0) continue;
    const found = locateSegment(fileTexts, seg);
    const label = k === 0 ? `the part before "${marker}"` : `the part after "${marker}" (piece ${k + 1})`;
    if (found.length === 0) return refuse("not_found", notFoundMessage(doc, seg, `${where} (${label})`));
    if (found.length > 1) {
      return refuse(
        "ambiguous",
        ambiguousMessage(
          doc,
          found.map((f) => f.start),
          seg.length,
          label,
        ),
      );
    }
    const match = found[0] as BlockMatch;
    if (match.start < prevEnd) {
      return refuse(
        "not_found",
        `Edit not applied: ${label} is at ${range(match.start, seg.length)}, before the piece quoted ahead of it. ` +
          `The pieces around "${marker}" must appear in file order:\n${numbered(doc, match.start, match.start + seg.length)}\n` +
          `Re-read the file and quote the lines in order.`,
      );
    }
    const splice = blockSplice(doc, match, seg, newSegs[k] ?? [], []);
    if (!splice.ok) return refuse("not_found", splice.message);
    splices.push(splice.splice);
    prevEnd = match.start + seg.length;
    if (firstStart < 0) firstStart = match.start;
  }
  return { kind: "planned", splices, startLine: firstStart + 1 };
}
