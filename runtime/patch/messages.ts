/**
 * Refusal messages, written for the model: where the patcher looked (numbered lines it can copy from), why the text
 * did not match, and what to send next.
 */
import type { Doc } from "./document.js";
import { foldUnicode } from "./text-clean.js";
import { closestCandidates, looseKey } from "./similarity.js";

const CONTEXT = 2;
const MAX_SHOWN = 40;
const MAX_LINE = 200;

function clip(text: string): string {
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
}

/** Lines [from, to) of the file, numbered from 1, as a read tool shows them. */
export function numbered(doc: Doc, from: number, to: number): string {
  const lo = Math.max(0, from);
  const hi = Math.min(doc.lines.length, to);
  const width = String(hi).length;
  const out: string[] = [];
  for (let i = lo; i < hi; i++) {
    if (hi - lo > MAX_SHOWN && i === lo + MAX_SHOWN / 2) {
      out.push(`${" ".repeat(width)} | … (${hi - lo - MAX_SHOWN} lines not shown)`);
      i = hi - MAX_SHOWN / 2 - 1;
      continue;
    }
    out.push(`${String(i + 1).padStart(width)} | ${clip(doc.lines[i]?.text ?? "")}`);
  }
  return out.join("\n");
}

export function range(start: number, count: number): string {
  return count <= 1 ? `line ${start + 1}` : `lines ${start + 1}–${start + count}`;
}

function describeIndent(line: string): string {
  const ws = /^[ \t]*/.exec(line)?.[0] ?? "";
  if (ws === "") return "no indentation";
  const tabs = [...ws].filter((c) => c === "\t").length;
  const spaces = ws.length - tabs;
  return [tabs ? `${tabs} tab${tabs > 1 ? "s" : ""}` : "", spaces ? `${spaces} space${spaces > 1 ? "s" : ""}` : ""]
    .filter(Boolean)
    .join(" + ");
}

/** Why `sent` is not `actual`: whitespace, typography or content. */
export function whyDiffers(actual: string, sent: string): string {
  if (actual.trimEnd() === sent.trimEnd()) return "only trailing whitespace differs";
  if (actual.trim() === sent.trim()) {
    return `only indentation differs: the file has ${describeIndent(actual)}, you sent ${describeIndent(sent)}`;
  }
  if (foldUnicode(actual).trim() === foldUnicode(sent).trim()) return "quotes, dashes or special spaces differ";
  if (looseKey(actual) === looseKey(sent)) return "spacing inside the line differs";
  return "the content differs";
}

function firstDifference(doc: Doc, start: number, oldLines: readonly string[]): string {
  for (let i = 0; i < oldLines.length; i++) {
    const actual = doc.lines[start + i]?.text;
    const sent = oldLines[i] ?? "";
    if (actual === undefined) return `Your text runs past the end of the file (${doc.lines.length} lines).`;
    if (actual === sent) continue;
    return [
      `Line ${start + i + 1} differs (${whyDiffers(actual, sent)}). The file has:`,
      `  ${clip(actual)}`,
      `You sent:`,
      `  ${clip(sent)}`,
    ].join("\n");
  }
  return "The lines match here, but not as one block (check the lines before and after).";
}

function rereadAdvice(start: number, count: number): string {
  const from = start + 1;
  const to = start + Math.max(1, count);
  return (
    `Re-read lines ${from}–${to} (read_file with start_line ${from}, end_line ${to}), copy the lines you replace ` +
    `exactly as they are now, or make a smaller edit that quotes only the lines you change.`
  );
}

export function notFoundMessage(doc: Doc, oldLines: readonly string[], where: string): string {
  const head = `Edit not applied: oldText was not found in ${where}.`;
  const fileKeys = doc.lines.map((l) => looseKey(l.text));
  const oldKeys = oldLines.map(looseKey);
  const found = closestCandidates(fileKeys, oldKeys, NEAR);
  if (!found) {
    const inside = linesContaining(doc, oldLines.join("\n"));
    if (inside.length > 0) {
      return [
        `${head} It occurs only inside longer words, on ${inside.length === 1 ? "line" : "lines"} ` +
          `${inside.map((i) => i + 1).join(", ")}:`,
        ...inside.map((i) => numbered(doc, i, i + 1)),
        "Quote the whole line (or lines) you want to change, copied exactly.",
      ].join("\n");
    }
    return `${head} Nothing in the file resembles it. The file starts:\n${numbered(doc, 0, 10)}\nRead the file and quote lines exactly as they are.`;
  }
  const w = found.best;
  const m = oldLines.length;
  const shown: Array<[number, number]> = [[w.start - CONTEXT, w.start + m + CONTEXT]];
  const others = otherCandidates(found.close, m, shown);
  const placed = quotedLinesElsewhere(fileKeys, oldKeys, shown);
  return [
    `${head} The closest region is ${range(w.start, m)}:`,
    numbered(doc, w.start - CONTEXT, w.start + m + CONTEXT),
    firstDifference(doc, w.start, oldLines),
    ...(escapedBreaks(doc, oldLines) ? [ESCAPED_BREAKS] : []),
    ...(looksLikeDiff(doc, oldLines) ? [DIFF_MARKERS] : []),
    ...(others.length > 0 ? ["Almost as close:", ...others.map((s) => numbered(doc, s, s + Math.min(m, 8)))] : []),
    ...placed.map(
      ([i, f]) => `Line ${i + 1} of your oldText is line ${f + 1} of the file:\n${numbered(doc, f, f + 1)}`,
    ),
    rereadAdvice(w.start, m),
  ].join("\n");
}

/** Up to five lines whose text contains `fragment` (a one-line fragment only). */
function linesContaining(doc: Doc, fragment: string): number[] {
  if (fragment.trim() === "" || fragment.includes("\n")) return [];
  const out: number[] = [];
  doc.lines.forEach((l, i) => {
    if (out.length < 5 && l.text.includes(fragment)) out.push(i);
  });
  return out;
}

const ESCAPED_BREAKS =
  'Note: your oldText contains the two characters "\\n" where the file has line breaks (the text was escaped twice). ' +
  "Send real line breaks.";

/** One line of oldText with a literal `\n` that the file does not have: a doubly escaped tool-call argument. */
function escapedBreaks(doc: Doc, oldLines: readonly string[]): boolean {
  return oldLines.length === 1 && /\\n/.test(oldLines[0] ?? "") && !doc.body.includes("\\n");
}

const DIFF_MARKERS =
  "Note: your oldText looks like a unified diff (an @@ header, or lines starting with + and -). This tool takes no " +
  "diff: send in oldText the lines exactly as the file has them now, and in newText the same lines as they should be.";

/** oldText written as a diff hunk: an `@@ … @@` line, or both `-` and `+` prefixed lines the file does not have. */
function looksLikeDiff(doc: Doc, oldLines: readonly string[]): boolean {
  if (oldLines.some((l) => /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/.test(l))) return true;
  // Both kinds of line, as in a hunk: a Markdown list ("- a", "- b") has one kind only.
  const removed = oldLines.filter((l) => /^-(?!-)/.test(l));
  const added = oldLines.filter((l) => /^\+(?!\+)/.test(l));
  if (removed.length === 0 || added.length === 0) return false;
  return [...removed, ...added].every((l) => !doc.body.includes(l));
}

const NEAR = 0.1;
const MAX_OTHERS = 3;

function outside(shown: Array<[number, number]>, from: number, to: number): boolean {
  return shown.every(([a, b]) => to <= a || from >= b);
}

/** Other places nearly as close as the best one (a line that resembles several), so the model sees each. */
function otherCandidates(close: readonly number[], m: number, shown: Array<[number, number]>): number[] {
  const out: number[] = [];
  for (const start of close) {
    if (out.length >= MAX_OTHERS) break;
    if (!outside(shown, start, start + m)) continue;
    out.push(start);
    shown.push([start, start + m]);
  }
  return out;
}

/** Quoted lines that are verbatim (loosely) somewhere the message has not shown: the model may have glued places. */
function quotedLinesElsewhere(
  fileKeys: readonly string[],
  oldKeys: readonly string[],
  shown: Array<[number, number]>,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const wanted = new Set(oldKeys);
  const where = new Map<string, number[]>();
  fileKeys.forEach((f, p) => {
    if (wanted.has(f)) where.set(f, [...(where.get(f) ?? []), p].slice(0, 3));
  });
  oldKeys.forEach((k, i) => {
    if (out.length >= 4 || (k.match(/[\p{L}\p{N}_]/gu)?.length ?? 0) < 3) return;
    const at = where.get(k) ?? [];
    if (at.length === 0 || at.length > 2 || at.some((p) => !outside(shown, p, p + 1))) return;
    for (const p of at) {
      out.push([i, p]);
      shown.push([p, p + 1]);
    }
  });
  return out;
}

export function ambiguousMessage(doc: Doc, starts: readonly number[], count: number, what: string): string {
  const shown = starts.slice(0, 5);
  const parts = [
    `Edit not applied: ${what} matches ${starts.length} places in the file (${starts
      .map((s) => range(s, count))
      .join(", ")}), so it is not clear which one you mean.`,
  ];
  for (const s of shown) {
    parts.push(`At ${range(s, count)}:`, numbered(doc, s - 1, s + Math.min(count, 8) + 1));
  }
  parts.push(
    "Include more surrounding lines (for example the enclosing function's signature) so that oldText matches only " +
      "one place, or set replaceAll if every occurrence should change.",
  );
  return parts.join("\n");
}

export function noChangeMessage(doc: Doc, start: number, count: number, already: boolean): string {
  const why = already
    ? "the file already contains newText (the edit seems to be applied already)"
    : "newText is the same as the text it would replace";
  return [
    `No change: ${why}. The text is already as requested at ${range(start, count)}:`,
    numbered(doc, start, start + count),
    "Re-read the file if you expected a difference; otherwise move on.",
  ].join("\n");
}

export function conflictMessage(doc: Doc, start: number, oldLines: readonly string[], index: number): string {
  const actual = doc.lines[start + index]?.text ?? "";
  const sent = oldLines[index] ?? "";
  return [
    `Edit not applied: oldText nearly matches ${range(start, oldLines.length)}, but the line you change does not:`,
    numbered(doc, start - CONTEXT, start + oldLines.length + CONTEXT),
    `Line ${start + index + 1} differs (${whyDiffers(actual, sent)}). The file has:`,
    `  ${clip(actual)}`,
    "You sent:",
    `  ${clip(sent)}`,
    rereadAdvice(start, oldLines.length),
  ].join("\n");
}
