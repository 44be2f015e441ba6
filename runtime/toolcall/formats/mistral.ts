/**
 * Mistral / Devstral / Magistral: `[TOOL_CALLS]` followed either by a JSON list (`[{"name": …, "arguments": {…}}]`,
 * older templates) or by `name[ARGS]{…}` (v11+ templates; `name[CALL_ID]id[ARGS]{…}` in some), repeated per call.
 */
import { inInlineCode, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall, ReaderContext } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";

const TOKEN = "[TOOL_CALLS]";

export const mistralReader: FormatReader = {
  format: "mistral",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    let from = 0;
    while (from < text.length) {
      const at = text.indexOf(TOKEN, from);
      if (at < 0) break;
      const m = inInlineCode(text, at) ? null : readAfterToken(text, at, ctx);
      if (m) out.push(m);
      from = m ? Math.max(m.end, at + TOKEN.length) : at + TOKEN.length;
    }
    return out;
  },
};

function readAfterToken(text: string, at: number, ctx: ReaderContext): FormatMatch {
  const i = skipWs(text, at + TOKEN.length);
  const ch = text[i];
  const base = { format: "mistral" as const, start: at, explicit: true, diagnostics: [] };
  if (ch === "[" || ch === "{") {
    const r = readJsonValueAt(text, i, ctx, { weak: true });
    if (r.calls) return { ...base, end: r.end, calls: r.calls };
    return { ...base, end: r.end, calls: [], diagnostics: [unreadable()] };
  }
  const calls: RawCall[] = [];
  let j = i;
  for (;;) {
    const named = readNamedCall(text, j, ctx);
    if (!named) break;
    calls.push(named.call);
    j = named.end;
    const k = skipWs(text, j);
    if (!text.startsWith(TOKEN, k)) break;
    j = skipWs(text, k + TOKEN.length);
  }
  if (calls.length === 0)
    return { ...base, end: Math.min(text.length, at + TOKEN.length), calls, diagnostics: [unreadable()] };
  return { ...base, end: j, calls };
}

/** `name[ARGS]{…}` or `name[CALL_ID]abc123[ARGS]{…}` at `i`. */
function readNamedCall(text: string, i: number, ctx: ReaderContext): { call: RawCall; end: number } | null {
  const near = text.slice(i, i + 206).indexOf("[ARGS]");
  if (near < 0) return null;
  const argsAt = i + near;
  let name = text.slice(i, argsAt);
  const callId = name.indexOf("[CALL_ID]");
  if (callId >= 0) name = name.slice(0, callId);
  name = name.trim();
  if (!/^[\w.-]+$/.test(name)) return null;
  const j = skipWs(text, argsAt + 6);
  if (text[j] !== "{") return { call: { name, args: { kind: "value", value: {} }, repairs: [] }, end: j };
  const r = readJsonValueAt(text, j, ctx, { weak: true });
  const args = r.truncated ? { kind: "truncated" as const } : { kind: "json" as const, text: text.slice(j, r.end) };
  return { call: { name, args, repairs: [] }, end: r.end };
}

function unreadable() {
  return {
    code: "unreadable_arguments" as const,
    format: "mistral" as const,
    message:
      'A [TOOL_CALLS] block held no readable call; nothing was run. Write [TOOL_CALLS]<tool name>[ARGS]{"param": …} with a JSON object of arguments.',
  };
}
