/**
 * Markdown code fences. ```tool_code (Gemma: `print(default_api.f(a=1))` or `f(a=1)`) and ```tool_call /
 * ```function_call fences are explicit calls. ```json (or an unlabeled fence holding JSON) and ```yaml fences are
 * loose: their content must be tool-shaped and pass the intent rules. Fences in any other language are code, never calls.
 */
import { parse as parseYaml } from "yaml";
import { parseSingleCall } from "../pythonic.js";
import { findFences, skipWs, type Fence } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall, ReaderContext } from "../types.js";
import { callsFromValue, mayBeCall, readJsonValueAt } from "./json-shape.js";
import { pyCallsToRaw } from "./pythonic.js";

const CALL_LANGS = new Set([
  "tool_code",
  "tool_call",
  "tool_calls",
  "function_call",
  "function_calls",
  "tool",
  "tool-call",
  "toolcall",
]);
const JSON_LANGS = new Set(["json", "jsonc", "json5", "jsonl", "ndjson", ""]);
const YAML_LANGS = new Set(["yaml", "yml"]);

export const fencedReader: FormatReader = {
  format: "fenced-json",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    for (const f of findFences(text)) {
      const m = readFence(text, f, ctx);
      if (m) out.push(m);
    }
    return out;
  },
};

function readFence(text: string, f: Fence, ctx: ReaderContext): FormatMatch | null {
  const body = text.slice(0, f.bodyEnd);
  const first = skipWs(body, f.bodyStart);
  const isJson = body[first] === "{" || body[first] === "[";
  if (CALL_LANGS.has(f.lang)) {
    const calls = isJson ? jsonSequence(body, first, ctx)?.calls : toolCode(body.slice(first).trim());
    const format = isJson ? ("fenced-json" as const) : ("gemma-tool-code" as const);
    if (calls && calls.length > 0)
      return { format, start: f.start, end: f.end, explicit: true, calls, diagnostics: [] };
    return null;
  }
  if (JSON_LANGS.has(f.lang) && isJson) {
    const seq = jsonSequence(body, first, ctx);
    if (!seq || seq.calls.length === 0) return null;
    if (!f.closed && !seq.sawEnd) seq.calls.forEach((c) => c.repairs.push("closed an unterminated code fence"));
    return { format: "fenced-json", start: f.start, end: f.end, explicit: false, calls: seq.calls, diagnostics: [] };
  }
  if (YAML_LANGS.has(f.lang)) {
    const calls = yamlCalls(body.slice(f.bodyStart), ctx);
    if (calls) return { format: "yaml", start: f.start, end: f.end, explicit: false, calls, diagnostics: [] };
  }
  return null;
}

/** One JSON value, or several (JSON lines); every one must be tool calls. */
function jsonSequence(body: string, first: number, ctx: ReaderContext): { calls: RawCall[]; sawEnd: boolean } | null {
  const calls: RawCall[] = [];
  let i = first;
  let sawEnd = true;
  while (i < body.length) {
    if ((body[i] !== "{" && body[i] !== "[") || !mayBeCall(body, i, ctx)) return null;
    const r = readJsonValueAt(body, i, ctx, { weak: true });
    if (!r.calls) return null;
    calls.push(...r.calls);
    sawEnd = r.end < body.length || body.trimEnd().endsWith("}") || body.trimEnd().endsWith("]");
    i = skipWs(body, r.end);
    if (body[i] === ",") i = skipWs(body, i + 1);
  }
  return { calls, sawEnd };
}

/** Gemma's tool_code body: one or more calls, each maybe wrapped in print(…). */
function toolCode(body: string): RawCall[] | null {
  const calls: RawCall[] = [];
  for (const stmt of body.split(/\n(?=[ \t]*(?:print\()?[A-Za-z_][\w.]*\()/)) {
    let s = stmt.trim().replace(/;$/, "");
    if (s === "") continue;
    if (s.startsWith("print(") && s.endsWith(")")) s = s.slice(6, -1).trim();
    const py = parseSingleCall(s, 0);
    if (!py || skipWs(s, py.end) !== s.length) return null;
    calls.push(...pyCallsToRaw(py.calls));
  }
  return calls.length > 0 ? calls : null;
}

function yamlCalls(body: string, ctx: ReaderContext): RawCall[] | null {
  let value: unknown;
  try {
    value = parseYaml(body, { maxAliasCount: 16 });
  } catch {
    return null;
  }
  return callsFromValue(value, ctx, { weak: true });
}
