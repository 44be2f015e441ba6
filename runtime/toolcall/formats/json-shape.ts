/**
 * Which JSON values are tool calls, and the raw calls inside them. Shared by every JSON-bodied format.
 * Strong shapes name the tool and the arguments with tool-call keys ({"name", "arguments"}, {"function": {…}},
 * {"action", "action_input"}, {"tool_calls": […]}). Weak shapes ({"name": tool, …params} and {"tool": {…params}})
 * are accepted only for names that are real tools. A JSON schema (a tool definition quoted back) is never a call.
 */
import { decodeJson } from "../json-args.js";
import { isRecord } from "../schema.js";
import { scanBalanced } from "../scan.js";
import type { RawCall, ReaderContext } from "../types.js";

const NAME_KEYS = ["name", "tool", "tool_name", "function", "action", "function_name", "toolName"];
const ARG_KEYS = ["arguments", "parameters", "args", "input", "params", "action_input", "tool_input", "argument"];
const META_KEYS = new Set(["id", "type", "call_id", "index", "tool_call_id"]);

export interface ShapeOptions {
  /** Accept weak shapes (flat params, tool-name keyed) for known tool names. */
  weak: boolean;
}

/** The raw calls in a decoded JSON value, or null when it is not (entirely) tool calls. */
export function callsFromValue(value: unknown, ctx: ReaderContext, opts: ShapeOptions): RawCall[] | null {
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const out: RawCall[] = [];
    for (const item of value) {
      const calls = callsFromValue(item, ctx, opts);
      if (!calls) return null;
      out.push(...calls);
    }
    return out;
  }
  if (!isRecord(value)) return null;
  const wrapped = value["tool_calls"] ?? value["function_calls"] ?? value["calls"];
  if (Array.isArray(wrapped) && Object.keys(value).length === 1) return callsFromValue(wrapped, ctx, opts);
  const legacy = value["function_call"]; // OpenAI's pre-tools shape: {"function_call": {"name", "arguments"}}
  if (isRecord(legacy) && Object.keys(value).length === 1) {
    const call = strongCall(legacy);
    return call ? [call] : null;
  }
  const call = strongCall(value) ?? (opts.weak ? weakCall(value, ctx) : null);
  return call ? [call] : null;
}

function strongCall(obj: Record<string, unknown>): RawCall | null {
  if ("description" in obj || "properties" in obj) return null; // a tool definition, not a call
  const fn = obj["function"];
  if (isRecord(fn) && typeof fn["name"] === "string") {
    if ("description" in fn || looksLikeSchema(fn["parameters"])) return null;
    const args = fn["arguments"] ?? fn["parameters"] ?? fn["args"];
    return { name: fn["name"], args: { kind: "value", value: args ?? {} }, repairs: [] };
  }
  const nameKey = NAME_KEYS.find((k) => typeof obj[k] === "string");
  if (!nameKey) return null;
  const argKeys = ARG_KEYS.filter((k) => k in obj);
  const others = Object.keys(obj).filter((k) => k !== nameKey && !ARG_KEYS.includes(k) && !META_KEYS.has(k));
  if (argKeys.length !== 1 || others.length > 0) return null;
  const args = obj[argKeys[0] as string];
  if (looksLikeSchema(args)) return null;
  if (args !== undefined && args !== null && !isRecord(args) && typeof args !== "string") return null;
  return { name: obj[nameKey] as string, args: { kind: "value", value: args ?? {} }, repairs: [] };
}

/** {"name": "read_file", "path": "a"} and {"read_file": {"path": "a"}}: only for real tool names. */
function weakCall(obj: Record<string, unknown>, ctx: ReaderContext): RawCall | null {
  const keys = Object.keys(obj);
  const name = obj["name"] ?? obj["tool"];
  if (typeof name === "string" && keys.length >= 2 && ctx.isToolName(name)) {
    const nameKey = typeof obj["name"] === "string" ? "name" : "tool";
    const args = Object.fromEntries(Object.entries(obj).filter(([k]) => k !== nameKey && !META_KEYS.has(k)));
    return { name, args: { kind: "value", value: args }, repairs: ["read flat arguments beside the tool name"] };
  }
  if (keys.length === 1) {
    const only = keys[0] as string;
    const inner = obj[only];
    if (isRecord(inner) && !looksLikeSchema(inner) && ctx.isToolName(only)) {
      return { name: only, args: { kind: "value", value: inner }, repairs: ["read tool name used as the object key"] };
    }
  }
  return null;
}

function looksLikeSchema(value: unknown): boolean {
  return isRecord(value) && value["type"] === "object" && isRecord(value["properties"]);
}

const SHAPE_KEYS = new Set([
  ...NAME_KEYS,
  ...ARG_KEYS,
  ...META_KEYS,
  "tool_calls",
  "function_calls",
  "calls",
  "function_call",
]);
const FIRST_KEY = /^[[\s]*\{\s*["']([\w.-]{1,64})["']\s*:/;

/**
 * A cheap look at the first key of the value at `start`, before any decoding: loose readers skip code and data whose
 * first key cannot start a call (so a 200 KB reply full of code never reaches the JSON repairer).
 */
export function mayBeCall(text: string, start: number, ctx: ReaderContext): boolean {
  const m = FIRST_KEY.exec(text.slice(start, start + 160));
  if (!m) return false;
  const key = m[1] as string;
  return SHAPE_KEYS.has(key) || ctx.isToolName(key);
}

export interface JsonBodyResult {
  calls: RawCall[] | null;
  /** Index (in the body) just past the JSON value that was read. */
  end: number;
  /** The value was cut off inside a string (max_tokens). */
  truncated: boolean;
  repairs: string[];
}

/** Read one JSON value starting at `start` (repairing it if needed) and the calls it holds. */
export function readJsonValueAt(text: string, start: number, ctx: ReaderContext, opts: ShapeOptions): JsonBodyResult {
  const span = scanBalanced(text, start);
  const slice = text.slice(start, span.end);
  const d = decodeJson(slice);
  if (!d.ok) return { calls: null, end: span.end, truncated: false, repairs: [] };
  const calls = callsFromValue(d.value, ctx, opts);
  const repairs = span.complete ? d.repairs : [...d.repairs, "closed a call cut off at the end of the reply"];
  if (calls && span.inString) markTruncated(calls, d.value);
  for (const c of calls ?? []) c.repairs.push(...repairs);
  return { calls, end: span.end, truncated: span.inString, repairs };
}

/** A call whose text ended inside a string: the last call's last argument is partial; never run it. */
function markTruncated(calls: RawCall[], value: unknown): void {
  const last = calls[calls.length - 1];
  if (!last) return;
  const inner = last.args.kind === "value" ? last.args.value : undefined;
  const keys = isRecord(inner) ? Object.keys(inner) : [];
  last.args = { kind: "truncated", ...(keys.length > 0 ? { param: keys[keys.length - 1] as string } : {}) };
  void value;
}
