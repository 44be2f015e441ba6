/**
 * The strictest levels: oldText found verbatim in the file (or verbatim once its line endings are the file's).
 * Matches may start or end inside a line, but never inside a word: `x = 1` must not hit `max = 1`.
 */
import { lineOfOffset, type Doc, type Splice } from "./document.js";

const WORD = /[\p{L}\p{N}_$]/u;

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** All (overlapping) occurrences of `needle` that do not split a word and, if asked, end at a line end. */
export function findOccurrences(body: string, needle: string, mustEndLine: boolean): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  let pos = body.indexOf(needle);
  while (pos >= 0) {
    const end = pos + needle.length;
    const splitsStart = isWord(needle[0]) && isWord(body[pos - 1]);
    const splitsEnd = isWord(needle[needle.length - 1]) && isWord(body[end]);
    const endsLine = end === body.length || body[end] === "\n" || body.startsWith("\r\n", end);
    if (!splitsStart && !splitsEnd && (!mustEndLine || endsLine)) found.push(pos);
    pos = body.indexOf(needle, pos + 1);
  }
  return found;
}

/** Keeps the first of any overlapping occurrences (for replaceAll). */
export function nonOverlapping(positions: readonly number[], length: number): number[] {
  const out: number[] = [];
  let next = 0;
  for (const p of positions) {
    if (p < next) continue;
    out.push(p);
    next = p + length;
  }
  return out;
}

/**
 * The splice for one occurrence. Deleting whole lines (empty replacement, match from line start to line end) also
 * removes the line break, so no blank line is left behind.
 */
export function substringSplice(doc: Doc, pos: number, length: number, replacement: string): Splice {
  const body = doc.body;
  const end = pos + length;
  const atLineStart = pos === 0 || body[pos - 1] === "\n";
  const atLineEnd = end === body.length || body[end] === "\n" || body.startsWith("\r\n", end);
  if (replacement === "" && atLineStart && atLineEnd) {
    if (end < body.length) return { start: pos, end: end + (body[end] === "\r" ? 2 : 1), text: "" };
    if (pos > 0) return { start: pos - (body.startsWith("\r\n", pos - 2) ? 2 : 1), end, text: "" };
  }
  return { start: pos, end, text: replacement };
}

export function startLineOf(doc: Doc, pos: number): number {
  return lineOfOffset(doc, pos);
}
