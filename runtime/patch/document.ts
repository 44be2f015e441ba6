/**
 * The file as the patcher sees it: a BOM peeled off, its lines with their exact terminators and offsets, and its
 * dominant line ending. Every change is a splice on the BOM-less text, so whatever lies outside a splice stays
 * byte-for-byte.
 */

const BOM = "\uFEFF";

export interface DocLine {
  /** The line's text without its terminator (a lone trailing "\r" of a CRLF is part of the terminator). */
  text: string;
  /** "\n", "\r\n" or "" (only the last line can lack one). */
  eol: string;
  /** Offset of the line's first character in the BOM-less text. */
  start: number;
}

export interface Doc {
  bom: boolean;
  /** The text without the BOM. */
  body: string;
  lines: DocLine[];
  /** The ending new text should use: the file's dominant one, LF for a file without line breaks. */
  eol: "\n" | "\r\n";
}

/** A replacement of body[start, end) by text. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function parseDoc(content: string): Doc {
  const bom = content.startsWith(BOM);
  const body = bom ? content.slice(1) : content;
  const lines: DocLine[] = [];
  let crlf = 0;
  let lf = 0;
  let pos = 0;
  while (pos <= body.length) {
    const nl = body.indexOf("\n", pos);
    if (nl < 0) {
      // A body ending in a newline has no trailing empty "line" to edit.
      if (pos < body.length || lines.length === 0) lines.push({ text: body.slice(pos), eol: "", start: pos });
      break;
    }
    const isCrlf = nl > pos && body[nl - 1] === "\r";
    if (isCrlf) crlf++;
    else lf++;
    lines.push({ text: body.slice(pos, isCrlf ? nl - 1 : nl), eol: isCrlf ? "\r\n" : "\n", start: pos });
    pos = nl + 1;
  }
  return { bom, body, lines, eol: crlf > lf ? "\r\n" : "\n" };
}

/** Offset just past line `index`'s text (before its terminator). */
export function lineTextEnd(doc: Doc, index: number): number {
  const line = doc.lines[index];
  return line ? line.start + line.text.length : doc.body.length;
}

/** Offset just past line `index`'s terminator. */
export function lineEnd(doc: Doc, index: number): number {
  const line = doc.lines[index];
  return line ? line.start + line.text.length + line.eol.length : doc.body.length;
}

/** 1-based line number of a body offset. */
export function lineOfOffset(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.lines[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * The splice that replaces whole lines [first, first + count) by `newLines`, joined with the file's line ending.
 * The terminator of the last replaced line stays; deleting lines removes their terminators too, and deleting the
 * last lines of a file without a final newline takes the preceding terminator so the file still ends without one.
 */
export function replaceLinesSplice(doc: Doc, first: number, count: number, newLines: string[]): Splice {
  const start = doc.lines[first]?.start ?? doc.body.length;
  if (newLines.length > 0) {
    return { start, end: lineTextEnd(doc, first + count - 1), text: newLines.join(doc.eol) };
  }
  const end = lineEnd(doc, first + count - 1);
  const last = doc.lines[first + count - 1];
  if (last && last.eol === "" && first > 0) {
    return { start: lineTextEnd(doc, first - 1), end, text: "" };
  }
  return { start, end, text: "" };
}

/** Applies non-overlapping splices (any order) and restores the BOM. */
export function applySplices(doc: Doc, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const s of sorted) {
    out += doc.body.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  out += doc.body.slice(pos);
  return (doc.bom ? BOM : "") + out;
}

/** True when two splices touch the same text (two insertions at one point also conflict). */
export function splicesOverlap(a: Splice, b: Splice): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}
