/**
 * JSON outside code fences: a bare object (`{"name": "read_file", "arguments": {…}}`, Llama 3.x's
 * `{"name": …, "parameters": …}`), an array of them, or JSON lines. Loose: the intent rules apply.
 * Linear: each balanced region is scanned once and never re-entered.
 */
import { findFences, scanBalanced, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall, ReaderContext } from "../types.js";
import { mayBeCall, readJsonValueAt } from "./json-shape.js";

const TOOLISH = /["']?(?:name|tool|tool_name|function|action|tool_calls)["']?\s*:/;

export const bareJsonReader: FormatReader = {
  format: "json",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    const fences = findFences(text);
    let f = 0;
    let i = 0;
    while (i < text.length) {
      const fence = fences[f];
      if (fence && i >= fence.start) {
        i = Math.max(i, fence.end);
        f++;
        continue;
      }
      const next = nextBrace(text, i, fence ? fence.start : text.length);
      if (next < 0) {
        if (!fence) break;
        i = fence.start;
        continue;
      }
      if (!mayBeCall(text, next, ctx)) {
        // JSON data (a key, but not a call's): skip the whole value so calls nested in data are not read; code
        // braces (`{ return x; }`) are stepped over one character at a time. Data that never closes ends the scan.
        if (!looksKeyed(text, next)) {
          i = next + 1;
          continue;
        }
        const span = scanBalanced(text, next);
        if (!span.complete) break;
        i = span.end;
        continue;
      }
      const r = readJsonValueAt(text, next, ctx, { weak: true });
      if (r.calls && r.calls.length > 0) {
        const more = semicolonSequence(text, r.end, ctx);
        const calls = [...r.calls, ...more.calls];
        out.push({ format: "json", start: next, end: more.end, explicit: false, calls, diagnostics: [] });
        i = more.end;
        continue;
      } else if (r.end >= text.length && !TOOLISH.test(text.slice(next, next + 200))) {
        break; // an unbalanced brace in prose swallowed the rest: nothing call-shaped there
      }
      i = r.calls ? r.end : Math.max(next + 1, r.end);
    }
    return out;
  },
};

/** Llama 3.1 writes several calls as `{…}; {…}`: read the ones that follow a call, each after a `;`. */
function semicolonSequence(text: string, from: number, ctx: ReaderContext): { calls: RawCall[]; end: number } {
  const calls: RawCall[] = [];
  let end = from;
  for (;;) {
    const semi = skipWs(text, end);
    if (text[semi] !== ";") break;
    const at = skipWs(text, semi + 1);
    if (text[at] !== "{" || !mayBeCall(text, at, ctx)) break;
    const r = readJsonValueAt(text, at, ctx, { weak: true });
    if (!r.calls || r.calls.length === 0) break;
    calls.push(...r.calls);
    end = r.end;
  }
  return { calls, end };
}

function looksKeyed(text: string, at: number): boolean {
  return /^[[\s]*\{\s*["'][^"'\n]{1,64}["']\s*:/.test(text.slice(at, at + 120));
}

/** The next `{`, or a `[` that opens a list of objects, in [from, limit). */
function nextBrace(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const ch = text[i];
    if (ch === "{") return i;
    if (ch === "[") {
      let j = i + 1;
      while (j < limit && /\s/.test(text[j] as string)) j++;
      if (text[j] === "{") return i;
    }
  }
  return -1;
}
