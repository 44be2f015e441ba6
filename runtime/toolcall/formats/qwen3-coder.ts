/**
 * Qwen3-Coder's XML calls: `<tool_call>\n<function=name>\n<parameter=p>\nraw text\n</parameter>\n</function>\n</tool_call>`.
 * Parameter values are raw text (no escaping): one leading and one trailing newline are dropped, the rest is kept.
 * The outer `<tool_call>` is often missing; a missing `</parameter>` before the next parameter is tolerated.
 * `<function=name>{json}</function>` (Llama 3.1's custom-tool form) is read here too, as "function-tag".
 */
import { Finder, inInlineCode, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";

const OPEN = "<function=";

export const qwen3CoderReader: FormatReader = {
  format: "qwen3-coder",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    let from = 0;
    while (from < text.length) {
      const at = text.indexOf(OPEN, from);
      if (at < 0) break;
      if (inInlineCode(text, at)) {
        from = at + OPEN.length;
        continue;
      }
      const m = readFunction(text, at, ctx);
      if (m) out.push(m);
      from = m ? Math.max(m.end, at + 1) : at + OPEN.length;
    }
    return out;
  },
};

/** Read one `<function=…>` block starting at `at` (and the `</tool_call>` after it, if any). */
export function readFunction(text: string, at: number, ctx: Parameters<FormatReader["read"]>[1]): FormatMatch | null {
  const head = text.slice(at, at + 200);
  const nameEnd = head.indexOf(">") < 0 ? -1 : at + head.indexOf(">");
  const lineEnd = head.indexOf("\n") < 0 ? -1 : at + head.indexOf("\n");
  if (nameEnd < 0 || (lineEnd >= 0 && lineEnd < nameEnd)) return null;
  const name = text.slice(at + OPEN.length, nameEnd).trim();
  if (name === "") return null;
  const bodyStart = skipWs(text, nameEnd + 1);
  if (text[bodyStart] === "{") {
    const r = readJsonValueAt(text, bodyStart, ctx, { weak: true });
    const call: RawCall = {
      name,
      args: r.truncated ? { kind: "truncated" } : { kind: "json", text: text.slice(bodyStart, r.end) },
      repairs: [],
    };
    return {
      format: "function-tag",
      start: at,
      end: closeAfter(text, r.end, "</function>"),
      calls: [call],
      diagnostics: [],
      explicit: true,
    };
  }
  const { args, end, cut } = readParameters(text, nameEnd + 1, finderFor(text));
  const call: RawCall = {
    name,
    args: cut !== undefined ? { kind: "truncated", param: cut } : { kind: "value", value: args },
    repairs: [],
  };
  return {
    format: "qwen3-coder",
    start: at,
    end: closeAfter(text, end, "</function>", "</tool_call>"),
    calls: [call],
    diagnostics: [],
    explicit: true,
  };
}

/** One Finder per text, so repeated `<function=` blocks share their look-ahead. */
let lastFinder: { text: string; finder: Finder } | undefined;
function finderFor(text: string): Finder {
  if (lastFinder?.text !== text) lastFinder = { text, finder: new Finder(text) };
  return lastFinder.finder;
}

function readParameters(
  text: string,
  from: number,
  find: Finder,
): { args: Record<string, string>; end: number; cut?: string } {
  const args: Record<string, string> = {};
  const fnClose = find.next("</function>", from);
  const limit = fnClose < 0 ? text.length : fnClose;
  // Some servers' templates (Ollama's qwen3-coder) let the model write no closing tags at all: each value runs to the
  // next `<parameter=` and the last to the end. A missing closer is that style, not a cut, only when the call has
  // already shown it (an earlier value ended without `</parameter>`, none was closed).
  let closed = false;
  let unclosed = false;
  let i = from;
  for (;;) {
    const p = find.next("<parameter=", i);
    if (p < 0 || p >= limit) return { args, end: limit };
    const nameEnd = find.next(">", p);
    if (nameEnd < 0 || nameEnd >= limit) return { args, end: limit };
    const pname = text.slice(p + 11, nameEnd).trim();
    const close = find.next("</parameter>", nameEnd);
    const next = find.next("<parameter=", nameEnd + 1);
    let valueEnd: number;
    let after: number;
    if (close >= 0 && close <= limit && (next < 0 || close < next)) {
      valueEnd = close;
      after = close + 12;
      closed = true;
    } else if (next >= 0 && next < limit) {
      valueEnd = next;
      after = next;
      unclosed = true;
    } else if (fnClose >= 0) {
      valueEnd = fnClose;
      after = fnClose;
    } else if (unclosed && !closed) {
      valueEnd = text.length;
      after = text.length;
    } else return { args, end: text.length, cut: pname };
    const raw = text.slice(nameEnd + 1, valueEnd);
    // An unclosed value written on the tag's line (`<parameter=path> a.txt`): the space after `>` only separates,
    // and the line break before the next tag is not part of the value.
    const sameLine = valueEnd !== close && /^[ \t]+\S/.test(raw);
    args[pname] = sameLine ? raw.trim() : trimOneNewline(raw);
    i = after;
  }
}

function trimOneNewline(v: string): string {
  let s = v;
  if (s.startsWith("\r\n")) s = s.slice(2);
  else if (s.startsWith("\n")) s = s.slice(1);
  if (s.endsWith("\r\n")) s = s.slice(0, -2);
  else if (s.endsWith("\n")) s = s.slice(0, -1);
  return s;
}

/** Past the given closing tags when they follow (whitespace allowed), else `end`. */
export function closeAfter(text: string, end: number, ...tags: string[]): number {
  let i = end;
  for (const tag of tags) {
    const j = skipWs(text, i);
    if (text.startsWith(tag, j)) i = j + tag.length;
  }
  return i;
}
