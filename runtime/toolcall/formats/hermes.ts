/**
 * Hermes / Qwen2.5 / Qwen3: `<tool_call>\n{"name": "f", "arguments": {…}}\n</tool_call>`, one block per call.
 * A block that holds `<function=…>` is Qwen3-Coder's XML form and is read as such. An unclosed block at the end of
 * the reply (max_tokens) is read up to the end.
 */
import { Finder, inInlineCode, scanBalanced, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";
import { readFunction } from "./qwen3-coder.js";
import { readGlmBody } from "./glm.js";
import { xmlReader } from "./xml.js";

const OPEN = "<tool_call>";
const CLOSE = "</tool_call>";

export const hermesReader: FormatReader = {
  format: "hermes",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    const find = new Finder(text);
    const budget = { chars: 2 * text.length };
    let from = 0;
    while (from < text.length) {
      const at = text.indexOf(OPEN, from);
      if (at < 0) break;
      const bodyStart = at + OPEN.length;
      const after = structureEnd(text, bodyStart, find, budget);
      const close = find.next(CLOSE, after);
      const next = text.indexOf(OPEN, after);
      const bodyEnd = close >= 0 && (next < 0 || close < next) ? close : next >= 0 ? next : text.length;
      const end = bodyEnd === close ? close + CLOSE.length : bodyEnd;
      from = end;
      if (inInlineCode(text, at)) continue;
      out.push(readBlock(text, at, bodyStart, bodyEnd, end, ctx));
    }
    return out;
  },
};

/**
 * Where the block's own structure ends, so tags quoted inside a value (a test string holding `</tool_call>`, a file
 * written with `<tool_call>` in it) do not end the block: after the balanced JSON object, or after `</function>`.
 * The JSON scan may run past the naive close tag; a budget of twice the text keeps the reader linear.
 */
function structureEnd(text: string, bodyStart: number, find: Finder, budget: { chars: number }): number {
  const first = skipWs(text, bodyStart);
  if (text.startsWith("<function=", first)) {
    const fnEnd = find.next("</function>", first);
    return fnEnd >= 0 ? fnEnd : bodyStart;
  }
  if (text[first] !== "{" || budget.chars <= 0) return bodyStart;
  const naive = find.next(CLOSE, bodyStart);
  if (naive < 0) return bodyStart;
  const span = scanBalanced(text, first);
  budget.chars -= span.end - first;
  return span.complete && span.end > naive ? span.end : bodyStart;
}

function readBlock(
  text: string,
  at: number,
  bodyStart: number,
  blockEnd: number,
  end: number,
  ctx: Parameters<FormatReader["read"]>[1],
): FormatMatch {
  let bodyEnd = blockEnd;
  let first = skipWs(text, bodyStart);
  if (text.startsWith("```", first)) {
    // A markdown fence inside the block (```json … ```): the call is its body.
    const nl = text.indexOf("\n", first);
    const fenceClose = nl >= 0 && nl < bodyEnd ? text.lastIndexOf("```", bodyEnd) : -1;
    if (fenceClose > nl) {
      first = skipWs(text, nl + 1);
      bodyEnd = fenceClose;
    }
  }
  if (text.startsWith("<invoke", first) || text.startsWith("<function_calls>", first)) {
    // Claude-style XML some models (Kimi, MiniMax) fall back to inside the block.
    const calls = xmlReader
      .read(text.slice(first, bodyEnd), ctx)
      .filter((m) => m.calls.length > 0)
      .flatMap((m) => m.calls);
    if (calls.length > 0) return { format: "xml", start: at, end, calls, diagnostics: [], explicit: true };
  }
  if (text.startsWith("<function=", first)) {
    const fn = readFunction(text.slice(0, bodyEnd), first, ctx);
    if (fn) return { ...fn, start: at, end: Math.max(end, fn.end) };
  }
  const glm = readGlmBody(text, first, bodyEnd);
  if (glm) return { format: "glm", start: at, end, calls: [glm], diagnostics: [], explicit: true };
  const body = text.slice(0, bodyEnd);
  const json =
    first < bodyEnd && (text[first] === "{" || text[first] === "[")
      ? readJsonValueAt(body, first, ctx, { weak: true })
      : undefined;
  if (json?.calls) return { format: "hermes", start: at, end, calls: json.calls, diagnostics: [], explicit: true };
  return {
    format: "hermes",
    start: at,
    end,
    calls: [],
    explicit: true,
    diagnostics: [
      {
        code: "unreadable_arguments",
        format: "hermes",
        message:
          'A <tool_call> block held no readable call; nothing was run. Write exactly one JSON object per block: <tool_call>{"name": "<tool name>", "arguments": {…}}</tool_call>.',
      },
    ],
  };
}
