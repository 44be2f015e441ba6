/**
 * Linear-time scanning helpers shared by the format readers. No regex here backtracks: every loop moves forward.
 */

export interface BalancedSpan {
  /** Index just past the closing bracket, or text.length when the value never closed. */
  end: number;
  /** The brackets balanced. */
  complete: boolean;
  /** The text ended inside a string literal (a value was cut off). */
  inString: boolean;
}

/**
 * From an opening `{` or `[` at `start`, find where the JSON-ish value closes, honouring strings (double or single
 * quoted) and escapes. Mismatched closers are tolerated (they just count down), so one pass always suffices.
 */
export function scanBalanced(text: string, start: number): BalancedSpan {
  let depth = 0;
  let quote = "";
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"') quote = ch;
    else if (ch === "'" && isSingleQuoteOpener(text, i)) quote = ch;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return { end: i + 1, complete: true, inString: false };
    }
  }
  return { end: text.length, complete: false, inString: quote !== "" };
}

/** A single quote opens a string only where a value or key may start (not in "don't"). */
function isSingleQuoteOpener(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === " " || text[j] === "\t" || text[j] === "\n" || text[j] === "\r")) j--;
  const prev = j >= 0 ? text[j] : "";
  return prev === "{" || prev === "[" || prev === "," || prev === ":" || prev === "(" || prev === "=";
}

export interface Fence {
  /** Index of the opening backticks. */
  start: number;
  /** Index just past the closing backticks (or text.length when unclosed). */
  end: number;
  lang: string;
  bodyStart: number;
  bodyEnd: number;
  closed: boolean;
}

/** Every markdown code fence (``` or ~~~, three or more), in order. Unclosed fences run to the end. */
export function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  let lineStart = 0;
  let open: { start: number; marker: string; lang: string; bodyStart: number } | undefined;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trimStart();
    const marker = fenceMarker(trimmed);
    if (indent <= 3 && marker) {
      if (!open) {
        const lang = trimmed.slice(marker.length).trim().split(/\s/)[0] ?? "";
        open = {
          start: lineStart + indent,
          marker,
          lang: lang.toLowerCase(),
          bodyStart: Math.min(lineEnd + 1, text.length),
        };
      } else if (
        isFenceCloseRest(trimmed.slice(marker.length)) &&
        marker[0] === open.marker[0] &&
        marker.length >= open.marker.length
      ) {
        fences.push({
          start: open.start,
          end: lineStart + indent + marker.length,
          lang: open.lang,
          bodyStart: open.bodyStart,
          bodyEnd: lineStart,
          closed: true,
        });
        open = undefined;
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  if (open)
    fences.push({
      start: open.start,
      end: text.length,
      lang: open.lang,
      bodyStart: open.bodyStart,
      bodyEnd: text.length,
      closed: false,
    });
  return fences;
}

/** After closing backticks: nothing, or a template token glued on (```<end_of_turn>, ```<|im_end|>). */
function isFenceCloseRest(rest: string): boolean {
  const t = rest.trim();
  return t === "" || /^<[|｜/\w][^<>\s]{0,40}>/.test(t);
}

function fenceMarker(line: string): string {
  const ch = line[0];
  if (ch !== "`" && ch !== "~") return "";
  let n = 0;
  while (line[n] === ch) n++;
  return n >= 3 ? line.slice(0, n) : "";
}

/** True when `index` falls inside an inline code span (`like this`) on its own line. */
export function inInlineCode(text: string, index: number): boolean {
  const lineStart = lineStartOf(text, index);
  let ticks = 0;
  for (let i = lineStart; i < index; i++) if (text[i] === "`") ticks++;
  if (ticks % 2 === 0) return false;
  return text.slice(index, lineEndOf(text, index)).includes("`");
}

/** True when the line holding `index` is a markdown blockquote (quoted documentation). */
export function inBlockquote(text: string, index: number): boolean {
  const lineStart = lineStartOf(text, index);
  return /^[ \t]{0,3}>/.test(text.slice(lineStart, lineStart + 8));
}

/** True when the line holding `index` is a markdown table row (`| a | b |`): data shown to the reader. */
export function inTableRow(text: string, index: number): boolean {
  const lineStart = lineStartOf(text, index);
  return index > lineStart && /^[ \t]{0,3}\|/.test(text.slice(lineStart, lineStart + 8));
}

/** Skip spaces, tabs and newlines from `i`. */
export function skipWs(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  return i;
}

/** Remove one layer of surrounding ``` fence from a block body, if it has one (DeepSeek wraps arguments so). */
export function unfence(body: string): string {
  const t = body.trim();
  if (!t.startsWith("```")) return t;
  const nl = t.indexOf("\n");
  if (nl < 0) return t;
  const inner = t.slice(nl + 1);
  const close = inner.lastIndexOf("```");
  return (close >= 0 ? inner.slice(0, close) : inner).trim();
}

/**
 * `indexOf` with memory, for readers that look for a closing marker once per opening one: the answer for a needle is
 * cached and reused while it still lies ahead, so a reply with thousands of unclosed openers is scanned once, not
 * once per opener.
 */
export class Finder {
  /** needle → [the `from` asked, the answer]; valid for any later `from` up to the answer. */
  private readonly cache = new Map<string, [number, number]>();
  constructor(private readonly text: string) {}

  next(needle: string, from: number): number {
    const c = this.cache.get(needle);
    if (c && from >= c[0] && (c[1] < 0 || c[1] >= from)) return c[1];
    const at = this.text.indexOf(needle, from);
    this.cache.set(needle, [from, at]);
    return at;
  }
}

/** Start of the line holding `index`, looking back at most `max` characters (then that bound is returned). */
export function lineStartOf(text: string, index: number, max = 2000): number {
  const floor = Math.max(0, index - max);
  for (let i = index - 1; i >= floor; i--) if (text[i] === "\n") return i + 1;
  return floor;
}

/** End of the line holding `index` (exclusive), looking ahead at most `max` characters. */
export function lineEndOf(text: string, index: number, max = 2000): number {
  const ceil = Math.min(text.length, index + max);
  for (let i = index; i < ceil; i++) if (text[i] === "\n") return i;
  return ceil;
}
