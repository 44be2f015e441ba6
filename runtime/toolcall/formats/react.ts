/**
 * ReAct text: `Thought: …\nAction: read_file\nAction Input: {"path": "a.py"}` (LangChain-style agents, many
 * fine-tunes). The input may be JSON or a plain value (given to the tool's first parameter). Loose: the tool must be
 * real and the intent rules apply; `Observation:` ends the call (the orchestrator cuts everything after it).
 */
import { skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";

const ACTION = /^[ \t]*Action[ \t]*:[ \t]*`?([A-Za-z_][\w.-]*)`?[ \t]*\r?$/gm;
const INPUT = /^[ \t]*Action[ _]Input[ \t]*:[ \t]*/m;

export const reactReader: FormatReader = {
  format: "react",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    ACTION.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ACTION.exec(text)) !== null) {
      const name = m[1] as string;
      if (!ctx.isToolName(name)) continue;
      const after = m.index + m[0].length;
      const rest = text.slice(after, after + 400);
      const input = INPUT.exec(rest);
      let call: RawCall = { name, args: { kind: "value", value: {} }, repairs: [] };
      let end = after;
      if (input && rest.slice(0, input.index).trim() === "") {
        const valueStart = skipWs(text, after + input.index + input[0].length);
        const r = readInput(text, valueStart, ctx);
        call = { name, ...r.call };
        end = r.end;
      }
      out.push({ format: "react", start: m.index, end, explicit: false, calls: [call], diagnostics: [] });
      ACTION.lastIndex = Math.max(ACTION.lastIndex, end);
    }
    return [...out, ...readFencedActions(text, ctx)].sort((a, b) => a.start - b.start);
  },
};

/** Command-R: `Action: ```json\n[{"tool_name": "f", "parameters": {…}}]\n``` ` (the fence opens on the Action line). */
const FENCED_ACTION = /^[ \t]*Action[ \t]*:[ \t]*```[ \t]*(?:json)?[ \t]*\r?\n/gm;

function readFencedActions(text: string, ctx: Parameters<FormatReader["read"]>[1]): FormatMatch[] {
  const out: FormatMatch[] = [];
  FENCED_ACTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FENCED_ACTION.exec(text)) !== null) {
    const at = skipWs(text, m.index + m[0].length);
    if (text[at] !== "{" && text[at] !== "[") continue;
    const r = readJsonValueAt(text, at, ctx, { weak: false });
    if (!r.calls || r.calls.length === 0) continue;
    const end = pastFenceClose(text, r.end);
    out.push({ format: "react", start: m.index, end, explicit: false, calls: r.calls, diagnostics: [] });
    FENCED_ACTION.lastIndex = end;
  }
  return out;
}

function readInput(
  text: string,
  at: number,
  ctx: Parameters<FormatReader["read"]>[1],
): { call: Omit<RawCall, "name">; end: number } {
  if (text.startsWith("```", at)) {
    // Action Input:\n```json\n{…}\n``` — small models fence the input; the fence is part of the call.
    const nl = text.indexOf("\n", at);
    const inner = nl < 0 ? -1 : skipWs(text, nl + 1);
    if (inner >= 0 && text[inner] === "{") {
      const r = readInput(text, inner, ctx);
      return { call: r.call, end: pastFenceClose(text, r.end) };
    }
  }
  if (text[at] === "{") {
    const r = readJsonValueAt(text, at, ctx, { weak: true });
    return {
      call: { args: r.truncated ? { kind: "truncated" } : { kind: "json", text: text.slice(at, r.end) }, repairs: [] },
      end: r.end,
    };
  }
  let lineEnd = text.indexOf("\n", at);
  if (lineEnd < 0) lineEnd = text.length;
  let value = text.slice(at, lineEnd).trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]))
    value = value.slice(1, -1);
  return {
    call: { args: { kind: "value", value: {} }, positional: value === "" ? [] : [value], repairs: [] },
    end: lineEnd,
  };
}

/** Just past the closing backticks when only blanks separate them from `end`; else `end`. */
function pastFenceClose(text: string, end: number): number {
  const at = skipWs(text, end);
  return text.startsWith("```", at) ? at + 3 : end;
}
