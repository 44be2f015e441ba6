/**
 * Elision: the model wrote `...` or `// ... existing code ...` for lines it skipped. The quoted pieces between the
 * markers are anchors; each must be found, once, in order, and the skipped lines between them stay untouched. The
 * model's newText must skip the same places (same number of markers), so nothing it never saw is deleted.
 */
import type { Doc, Splice } from "./document.js";
import {
  columnShift,
  findBlocks,
  informative,
  LINE_LEVELS,
  UNICODE_LEVEL,
  type BlockMatch,
  type LineLevel,
} from "./line-match.js";
import { foldUnicode, isElisionLine } from "./text-clean.js";
import { ambiguousMessage, notFoundMessage, numbered, range } from "./messages.js";
import { blockSplice } from "./block-splice.js";
import type { EditRefused } from "./types.js";
import { columns, leadingWs } from "./indent.js";

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

/** The pieces already placed: their file lines and the model's, which fix one indentation mapping for the edit. */
interface Anchor {
  file: string[];
  old: string[];
}

/** Any block equal up to whitespace and typography; the caller filters by indentation. */
const ANY_INDENT: LineLevel = { strategy: "elision", key: (l) => foldUnicode(l).trim(), check: () => null };

function locateSegment(fileTexts: readonly string[], seg: readonly string[], anchor: Anchor | null): BlockMatch[] {
  if (!anchor) {
    // The first piece places the whole edit: a content-less piece (`}`) may only match exactly.
    for (const level of [...LINE_LEVELS, UNICODE_LEVEL]) {
      if (!informative(seg) && level.strategy !== "line-endings" && level.strategy !== "trailing-whitespace") continue;
      const found = findBlocks(fileTexts, seg, level);
      if (found.length > 0) return found;
    }
    return [];
  }
  // Later pieces must keep the indentation mapping of the pieces before them: a dedented `end` after a dedented
  // `def` means the `end` at that depth, not a column-0 `end` that happens to match exactly.
  const out: BlockMatch[] = [];
  for (const f of findBlocks(fileTexts, seg, ANY_INDENT)) {
    const block = fileTexts.slice(f.start, f.start + seg.length);
    const shift = columnShift([...anchor.file, ...block].map(foldUnicode), [...anchor.old, ...seg].map(foldUnicode));
    if (shift !== false) out.push({ start: f.start, shift });
  }
  return out;
}

/**
 * Checks that newText skips the same places as oldText, and drops blank-only edge pieces; a refusal when the shape
 * would let skipped lines change unseen, or null when the pieces can be placed.
 */
function checkShape(oldSegs: string[][], newSegs: string[][], marker: string): ElisionOutcome | null {
  if (newSegs.length !== oldSegs.length) {
    return refuse(
      "invalid",
      `Edit not applied: oldText skips lines with "${marker}" ${oldSegs.length - 1} time(s), but newText does so ` +
        `${newSegs.length - 1} time(s). The skipped lines would be changed without being seen. Keep the same ` +
        `"${marker}" lines in newText where the skipped lines stay, or quote the whole block without "${marker}".`,
    );
  }
  // A piece of blank lines only anchors nothing: at an edge it is dropped from both texts (when newText has blank
  // lines only there too; otherwise the mirror check below refuses), between two markers it is refused.
  const blankOnly = (seg: readonly string[] | undefined): boolean => (seg ?? []).every((l) => l.trim() === "");
  for (const edge of [0, oldSegs.length - 1]) {
    if (blankOnly(oldSegs[edge])) {
      oldSegs[edge] = [];
      if (blankOnly(newSegs[edge])) newSegs[edge] = [];
    }
  }
  if (oldSegs.slice(1, -1).some((seg) => blankOnly(seg))) {
    return refuse(
      "invalid",
      `Edit not applied: between two "${marker}" lines there is nothing to anchor on. Quote at least one real line ` +
        `between skips, or quote the block whole.`,
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
  return null;
}

export function planElision(
  doc: Doc,
  oldLines: readonly string[],
  newLines: readonly string[],
  where: string,
): ElisionOutcome {
  const oldSegs = splitAtElisions(oldLines);
  if (oldSegs.length < 2) return { kind: "none" };
  if (oldSegs.every((seg) => seg.every((l) => l.trim() === ""))) {
    return refuse("invalid", "Edit not applied: oldText is only skip markers. Quote the lines you want to replace.");
  }
  const newSegs = splitAtElisions(newLines);
  const marker = oldLines.find(isElisionLine)?.trim() ?? "...";
  const bad = checkShape(oldSegs, newSegs, marker);
  if (bad) return bad;
  const fileTexts = doc.lines.map((l) => l.text);
  const evidence = oldSegs.flat().filter((l) => l.trim() !== "").length;
  const splices: Splice[] = [];
  let prevEnd = -1;
  let firstStart = -1;
  let anchor = null as Anchor | null;
  for (let k = 0; k < oldSegs.length; k++) {
    const seg = oldSegs[k] ?? [];
    if (seg.length === 0) continue;
    const label = k === 0 ? `the part before "${marker}"` : `the part after "${marker}" (piece ${k + 1})`;
    const picked = pickSegment(doc, fileTexts, seg, prevEnd, firstStart, anchor, label, where);
    if (!picked.ok) return { kind: "refused", refusal: picked.refusal };
    const splice = blockSplice(doc, picked.match, seg, newSegs[k] ?? [], [], evidence);
    if (!splice.ok) return refuse(splice.reason, splice.message);
    splices.push(splice.splice);
    prevEnd = picked.match.start + seg.length;
    anchor = {
      file: [...(anchor?.file ?? []), ...fileTexts.slice(picked.match.start, prevEnd)],
      old: [...(anchor?.old ?? []), ...seg],
    };
    if (firstStart < 0) firstStart = picked.match.start;
  }
  return { kind: "planned", splices, startLine: firstStart + 1 };
}

type Picked = { ok: true; match: BlockMatch } | { ok: false; refusal: EditRefused };

/**
 * The first piece must occur once in the whole file. A later piece may repeat elsewhere if exactly one occurrence
 * follows the previous piece AND the skipped lines before it stay inside the first piece's block (all indented
 * deeper than its first line), so the skipped region cannot run into a neighbouring function.
 */
function pickSegment(
  doc: Doc,
  fileTexts: readonly string[],
  seg: readonly string[],
  prevEnd: number,
  firstStart: number,
  anchor: Anchor | null,
  label: string,
  where: string,
): Picked {
  const no = (reason: EditRefused["reason"], message: string): Picked => ({
    ok: false,
    refusal: { ok: false, reason, message },
  });
  const found = locateSegment(fileTexts, seg, anchor);
  if (found.length === 0) return no("not_found", notFoundMessage(doc, seg, `${where} (${label})`));
  const starts = found.map((f) => f.start);
  if (prevEnd < 0) {
    return found.length === 1
      ? { ok: true, match: found[0] as BlockMatch }
      : no("ambiguous", ambiguousMessage(doc, starts, seg.length, label));
  }
  const after = found.filter((f) => f.start >= prevEnd);
  if (after.length === 0) {
    const at = found[0]?.start ?? 0;
    return no(
      "not_found",
      `Edit not applied: ${label} is at ${range(at, seg.length)}, before the piece quoted ahead of it. The pieces ` +
        `around a skip marker must appear in file order:\n${numbered(doc, at, at + seg.length)}\n` +
        `Re-read the file and quote the lines in order.`,
    );
  }
  const only = after[0] as BlockMatch;
  if (found.length === 1 || (after.length === 1 && gapInsideBlock(fileTexts, firstStart, prevEnd, only.start))) {
    return { ok: true, match: only };
  }
  return no(
    "ambiguous",
    ambiguousMessage(
      doc,
      after.map((f) => f.start),
      seg.length,
      label,
    ),
  );
}

function gapInsideBlock(fileTexts: readonly string[], blockStart: number, from: number, to: number): boolean {
  const base = columns(leadingWs(fileTexts[blockStart] ?? ""), 4);
  for (let i = from; i < to; i++) {
    const line = fileTexts[i] ?? "";
    if (line.trim() !== "" && columns(leadingWs(line), 4) <= base) return false;
  }
  return true;
}
