/**
 * From a raw call (name as written, undecoded arguments) to a checked call or a diagnostic:
 * resolve the tool → decode arguments → resolve parameter names → coerce → validate.
 */
import { decodeJson } from "./json-args.js";
import { coerceArguments } from "./coerce.js";
import * as msg from "./messages.js";
import { scanBalanced, skipWs } from "./scan.js";
import { isRecord, properties, required } from "./schema.js";
import { stripNamespace, type ToolEntry, type ToolSet } from "./tool-set.js";
import type { ParsedToolCall, RawCall, ToolCallDiagnostic, ToolCallFormat } from "./types.js";

export type Finalized = { ok: true; call: ParsedToolCall } | { ok: false; diagnostic: ToolCallDiagnostic };

export function finalizeCall(raw: RawCall, format: ToolCallFormat, tools: ToolSet): Finalized {
  const repairs = [...raw.repairs];
  const tool = resolveTool(raw.name, format, tools, repairs);
  if (!tool.ok) return tool;
  const entry = tool.entry;
  const decoded = decodeArgs(raw, entry, format, repairs);
  if (!decoded.ok) return decoded;
  const renamed = renameParams(decoded.args, entry, format, repairs);
  if (!renamed.ok) return renamed;
  const stray = raw.repairs.some((r) => r.startsWith("read flat")) ? unknownKeys(renamed.args, entry) : [];
  if (stray.length > 0) {
    // {"name": "glob", "version": "10.3.10"} is a package, not a call: flat arguments must all be real parameters.
    return {
      ok: false,
      diagnostic: msg.invalid(
        entry.name,
        stray.map((k) => `unknown parameter "${k}"`),
        entry.schema,
        format,
      ),
    };
  }
  const args = coerceArguments(renamed.args, entry.schema, repairs);
  const problems = tools.validate(entry, args);
  if (problems.length > 0) return { ok: false, diagnostic: msg.invalid(entry.name, problems, entry.schema, format) };
  return { ok: true, call: { name: entry.name, arguments: args, format, repairs } };
}

function resolveTool(
  written: string,
  format: ToolCallFormat,
  tools: ToolSet,
  repairs: string[],
): { ok: true; entry: ToolEntry } | { ok: false; diagnostic: ToolCallDiagnostic } {
  const bare = stripNamespace(written);
  if (bare !== written) repairs.push(`dropped namespace from tool name ${written}`);
  const r = tools.names.resolve(bare);
  if (r.kind === "ambiguous") return { ok: false, diagnostic: msg.ambiguousTool(written, r.candidates, format) };
  if (r.kind === "unknown") {
    return { ok: false, diagnostic: msg.unknownTool(written, r.closest, [...tools.tools.keys()], format) };
  }
  if (r.kind === "resolved") repairs.push(`resolved tool name ${bare} → ${r.name} (${r.how})`);
  const entry = tools.get(r.name);
  if (!entry) return { ok: false, diagnostic: msg.unknownTool(written, [], [...tools.tools.keys()], format) };
  return { ok: true, entry };
}

type ArgsResult = { ok: true; args: Record<string, unknown> } | { ok: false; diagnostic: ToolCallDiagnostic };

function decodeArgs(raw: RawCall, entry: ToolEntry, format: ToolCallFormat, repairs: string[]): ArgsResult {
  const a = raw.args;
  if (a.kind === "truncated") return { ok: false, diagnostic: msg.truncated(entry.name, a.param, format) };
  let value: unknown = a.kind === "value" ? a.value : undefined;
  if (a.kind === "json") {
    const cut = cutInsideValue(a.text);
    if (cut.cut) return { ok: false, diagnostic: msg.truncated(entry.name, cut.param, format) };
    const d = decodeJson(a.text);
    if (!d.ok) return { ok: false, diagnostic: msg.unreadable(entry.name, d.error, entry.schema, format) };
    repairs.push(...d.repairs);
    value = d.value;
  } else if (typeof value === "string") {
    const d = decodeJson(value);
    if (d.ok) {
      repairs.push(...d.repairs.filter((r) => !r.startsWith("empty")), "decoded arguments given as a JSON string");
      value = d.value;
    }
  }
  if (value === undefined || value === null) value = {};
  if (typeof value === "string" && value.trim() !== "") {
    const only = soleParameter(entry);
    if (only) {
      repairs.push(`read plain-text arguments as ${only}`);
      value = { [only]: value };
    }
  }
  if (!isRecord(value)) return { ok: false, diagnostic: msg.notAnObject(entry.name, entry.schema, format) };
  if (raw.positional && raw.positional.length > 0)
    return placePositional(raw.positional, value, entry, format, repairs);
  return { ok: true, args: value };
}

/**
 * Argument text (native `tool_calls`, harmony, DeepSeek, Kimi …) that ends inside a string value: the reply hit
 * max_tokens mid-value. A repairer would close the string and the agent would act on half a file; never run it.
 */
function cutInsideValue(text: string): { cut: boolean; param?: string } {
  const start = skipWs(text, 0);
  if (text[start] !== "{") return { cut: false };
  const span = scanBalanced(text, start);
  if (span.complete || !span.inString) return { cut: false };
  const keys = [...text.slice(Math.max(start, text.length - 4000)).matchAll(/"([\w.-]{1,64})"\s*:/g)];
  const param = keys[keys.length - 1]?.[1];
  return param === undefined ? { cut: true } : { cut: true, param };
}

function unknownKeys(args: Record<string, unknown>, entry: ToolEntry): string[] {
  const known = properties(entry.schema);
  return Object.keys(args).filter((k) => !(k in known));
}

/** The one parameter a plain-text argument can only mean: the sole required one, or the sole one. */
function soleParameter(entry: ToolEntry): string | undefined {
  const req = required(entry.schema);
  const names = req.length > 0 ? req : Object.keys(properties(entry.schema));
  return names.length === 1 ? names[0] : undefined;
}

/** `read_file("a.py")`: positional values fill the required parameters, then the others, in declared order. */
function placePositional(
  values: unknown[],
  named: Record<string, unknown>,
  entry: ToolEntry,
  format: ToolCallFormat,
  repairs: string[],
): ArgsResult {
  const order = [...new Set([...required(entry.schema), ...Object.keys(properties(entry.schema))])].filter(
    (n) => !(n in named),
  );
  if (values.length > order.length) return { ok: false, diagnostic: msg.notAnObject(entry.name, entry.schema, format) };
  const out = { ...named };
  values.forEach((v, i) => {
    const name = order[i] as string;
    out[name] = v;
    repairs.push(`placed positional argument ${i + 1} as ${name}`);
  });
  return { ok: true, args: out };
}

function renameParams(
  args: Record<string, unknown>,
  entry: ToolEntry,
  format: ToolCallFormat,
  repairs: string[],
): ArgsResult {
  const target: [string, string][] = [];
  for (const key of Object.keys(args)) {
    const r = entry.params.resolve(key);
    if (r.kind === "ambiguous")
      return { ok: false, diagnostic: msg.ambiguousParam(entry.name, key, r.candidates, entry.schema, format) };
    target.push([key, r.kind === "exact" || r.kind === "unknown" ? key : r.name]); // unknown keys stay; the schema decides
  }
  const out: Record<string, unknown> = {};
  for (const [from, to] of target) {
    if (from !== to && (to in args || target.some(([f, t]) => t === to && f !== from))) {
      return { ok: false, diagnostic: msg.ambiguousParam(entry.name, from, [to], entry.schema, format) };
    }
    out[to] = args[from];
    if (from !== to) repairs.push(`renamed parameter ${from} → ${to}`);
  }
  return { ok: true, args: out };
}
