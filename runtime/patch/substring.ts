/**
 * The strictest levels: oldText found verbatim in the file (or verbatim once its line endings are the file's).
 * Matches may start or end inside a line, but never inside a word: `x = 1` must not hit `max = 1`.
 */
import type { Doc, Splice } from "./document.js";

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
    // Never cut a CRLF pair in two: "\n…" right after "\r", or "…\r" right before "\n".
    const splitsCrlf = (needle[0] === "\n" && body[pos - 1] === "\r") || (needle.endsWith("\r") && body[end] === "\n");
    if (!splitsStart && !splitsEnd && !splitsCrlf && (!mustEndLine || endsLine)) found.push(pos);
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
export function substringSplice(doc: Doc, posIn: number, length: number, replacement: string): Splice {
  const body = doc.body;
  let pos = posIn;
  let end = pos + length;
  if (replacement === "") [pos, end] = wholeLinesAround(body, pos, end);
  const atLineStart = pos === 0 || body[pos - 1] === "\n";
  const atLineEnd = end === body.length || body[end] === "\n" || body.startsWith("\r\n", end);
  // The quote took the file's final line break (the model sent one line break too many): the new text gets it back.
  const lastBreak = /\r?\n$/.exec(body.slice(pos, end))?.[0];
  if (end === body.length && lastBreak && replacement !== "" && !/\n$/.test(replacement)) {
    return { start: pos, end, text: replacement + lastBreak };
  }
  // Only for quoted whole lines: a quote that starts with a line break already carries the break it removes.
  const startsWithBreak = body[pos] === "\n" || body.startsWith("\r\n", pos);
  if (replacement === "" && atLineStart && atLineEnd) {
    if (end < body.length && !startsWithBreak) return { start: pos, end: end + (body[end] === "\r" ? 2 : 1), text: "" };
    // Deleting the last lines of a file without a final newline: take the break before, so it still has none.
    if (end === body.length && pos > 0)
      return { start: pos - (body.startsWith("\r\n", pos - 2) ? 2 : 1), end, text: "" };
  }
  return { start: pos, end, text: replacement };
}

/**
 * Deleting a quote that is a whole line but for indentation or trailing whitespace (`x = 1` out of `    x = 1␠`)
 * means deleting the line: widen the range over that whitespace, so no whitespace-only line is left behind.
 */
function wholeLinesAround(body: string, pos: number, end: number): [number, number] {
  const lineStart = body.lastIndexOf("\n", pos - 1) + 1;
  // A quote that ends with its line break already ends at a line boundary.
  if (body[end - 1] === "\n") return body.slice(lineStart, pos).trim() === "" ? [lineStart, end] : [pos, end];
  const nl = body.indexOf("\n", end);
  const lineEnd = nl < 0 ? body.length : body[nl - 1] === "\r" ? nl - 1 : nl;
  if (end > lineEnd || body.slice(lineStart, pos).trim() !== "" || body.slice(end, lineEnd).trim() !== "") {
    return [pos, end];
  }
  return [lineStart, lineEnd];
}

/**
 * Small models often quote part of a line but retype the whole line in newText (`= []` quoted, `= [];` sent back).
 * Replacing only the quoted part would duplicate the retyped text (`;;`). When newText starts with the part of the
 * line before the match (or ends with the part after it) and oldText does not, that part is taken into the match.
 */
export function widenToRetypedLine(doc: Doc, pos: number, needle: string, replacement: string): Splice {
  const body = doc.body;
  let start = pos;
  let end = pos + needle.length;
  let text = replacement;
  const lineStart = body.lastIndexOf("\n", pos - 1) + 1;
  const prefix = body.slice(lineStart, pos);
  const prefixCore = prefix.trimStart();
  if (prefixCore !== "" && text.trimStart().startsWith(prefixCore) && !needle.startsWith(prefixCore)) {
    start = lineStart + (prefix.length - prefixCore.length);
    text = text.trimStart();
  }
  const nl = body.indexOf("\n", end);
  const lineEnd = nl < 0 ? body.length : body[nl - 1] === "\r" ? nl - 1 : nl;
  const restCore = body.slice(end, lineEnd).trimEnd();
  if (restCore !== "" && text.trimEnd().endsWith(restCore) && !needle.endsWith(restCore)) {
    end += restCore.length;
    text = text.trimEnd();
  }
  return { start, end, text };
}

/**
 * Where an occurrence sits in its lines: `whole` when only whitespace precedes it on its first line and follows it on
 * its last; `trailing` when, in addition, whitespace (not the line end) follows it; `lineEnd` is where its last
 * line's text ends.
 */
export function lineBounds(
  doc: Doc,
  pos: number,
  length: number,
): { whole: boolean; trailing: boolean; lineEnd: number } {
  const body = doc.body;
  const end = pos + length;
  const lineStart = body.lastIndexOf("\n", pos - 1) + 1;
  const nl = body.indexOf("\n", end);
  const lineEnd = nl < 0 ? body.length : body[nl - 1] === "\r" ? nl - 1 : nl;
  const rest = end <= lineEnd ? body.slice(end, lineEnd) : "";
  const whole = body.slice(lineStart, pos).trim() === "" && rest.trim() === "";
  return { whole, trailing: whole && rest !== "", lineEnd };
}

/** The text after the last line break. */
export function lastLine(text: string): string {
  return text.slice(text.lastIndexOf("\n") + 1);
}
