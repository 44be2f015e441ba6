/**
 * Caps a tool result to a number of characters, keeping its head and its tail on whole lines, with a note in the
 * middle that says how much was cut and how to see it.
 */

export interface CapResult {
  text: string;
  truncated: boolean;
  /** Lines not shown (a line cut in part counts as omitted). */
  omittedLines: number;
  omittedChars: number;
}

/** Below this a cap cannot hold a useful head, tail and note; smaller caps are raised to it. */
export const MIN_CAP_CHARS = 240;

const DEFAULT_HINT = "To see them, read that line range or grep for what you need.";

/** Share of the kept characters given to the head; the rest goes to the tail (errors and summaries sit at the end). */
const HEAD_SHARE = 0.6;

export function capToolResult(text: string, maxChars: number, hint: string = DEFAULT_HINT): CapResult {
  const cap = Math.max(MIN_CAP_CHARS, Math.floor(maxChars));
  if (text.length <= cap) return { text, truncated: false, omittedLines: 0, omittedChars: 0 };
  const lines = text.split("\n");
  // The note's size depends on the figures it reports; reserve for the longest they can be, then fill.
  const noteReserve = renderNote(lines.length, lines.length, text.length, lines.length, hint).length + 2;
  const keep = Math.max(0, cap - noteReserve);
  const headBudget = Math.floor(keep * HEAD_SHARE);
  const head = takeHead(lines, headBudget);
  const tail = takeTail(lines, keep - head.chars, head.lineCount);
  const firstOmitted = head.lineCount + 1; // 1-based line number of the first line not fully shown
  const lastOmitted = lines.length - tail.lineCount;
  const shown = head.text.length + tail.text.length;
  const omittedChars = text.length - shown;
  const omittedLines = Math.max(1, lastOmitted - firstOmitted + 1);
  const note = renderNote(firstOmitted, lastOmitted, omittedChars, lines.length, hint);
  const parts = [head.text, note, tail.text].filter((p) => p.length > 0);
  return { text: parts.join("\n"), truncated: true, omittedLines, omittedChars };
}

function renderNote(first: number, last: number, chars: number, total: number, hint: string): string {
  const range = first >= last ? `line ${first}` : `lines ${first}-${last}`;
  return `[… ${range} of ${total} omitted (${chars} chars). ${hint}]`;
}

interface Taken {
  text: string;
  chars: number;
  /** Whole lines taken. */
  lineCount: number;
}

/** Whole lines from the start within `budget` characters; a first line longer than the budget is cut (unavoidable). */
function takeHead(lines: readonly string[], budget: number): Taken {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    const cost = line.length + (count > 0 ? 1 : 0);
    if (used + cost > budget) break;
    used += cost;
    count++;
  }
  if (count === 0 && budget > 0) {
    const text = (lines[0] ?? "").slice(0, budget);
    return { text, chars: text.length, lineCount: 0 };
  }
  const text = lines.slice(0, count).join("\n");
  return { text, chars: text.length, lineCount: count };
}

/** Whole lines from the end within `budget`, never reaching back into the first `headLines` lines. */
function takeTail(lines: readonly string[], budget: number, headLines: number): Taken {
  let used = 0;
  let count = 0;
  for (let i = lines.length - 1; i > headLines; i--) {
    const cost = (lines[i] ?? "").length + (count > 0 ? 1 : 0);
    if (used + cost > budget) break;
    used += cost;
    count++;
  }
  if (count === 0 && budget > 0) {
    const last = lines[lines.length - 1] ?? "";
    const text = last.slice(Math.max(0, last.length - budget));
    return { text, chars: text.length, lineCount: 0 };
  }
  const text = lines.slice(lines.length - count).join("\n");
  return { text, chars: text.length, lineCount: count };
}
