/**
 * Redacting known secret values from everything that goes to the model, the session log, traces and events.
 * Exact values are replaced, and so are the encodings a shell command can produce in one step: base64 (at each of the
 * three byte alignments), hex, URL-encoding and the reversed text. Only known values are replaced, never text that
 * merely looks like a key, so file contents the model edits are not mangled. Partial leaks (`cut -c1-8`) are not
 * caught; the classifier's approval for commands that read secret files is the first line (docs/security.md).
 */
import type { ToolOutcome } from "../tools/types.js";
import type { SecretSource } from "./secrets.js";

export type Redact = (text: string) => string;

/** The identity: for runs that know no secrets. */
export const noRedaction: Redact = (text) => text;

/** Stable middle of the base64 of `value` preceded by 0, 1 or 2 unknown bytes. */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const forms: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.concat([Buffer.alloc(pad), bytes]).toString("base64");
    // Characters covering the padding bytes, and the last partial group, depend on the neighbours: drop them.
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + bytes.length) * 4) / 3);
    const core = b64.slice(start, Math.max(start, end));
    if (core.length >= 8) forms.push(core);
  }
  return forms;
}

/** Forms matched exactly: the value, URL-encoded and reversed. */
function exactForms(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), [...value].reverse().join("")])].filter((f) => f.length >= 4);
}

/** Forms that tools wrap over lines (base64 at 76 columns, `xxd -p` at 60): line breaks allowed between characters. */
function wrappedForms(value: string): RegExp[] {
  const loose = (form: string, flags: string) =>
    new RegExp([...form].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("(?:\\r?\\n)?"), `g${flags}`);
  return [...base64Forms(value).map((f) => loose(f, "")), loose(Buffer.from(value).toString("hex"), "i")];
}

/** A redactor for these secrets: each form becomes `[redacted NAME]`. */
export function createSecretRedactor(secrets: readonly SecretSource[]): Redact {
  const exact: Array<[string, string]> = [];
  const wrapped: Array<[RegExp, string]> = [];
  for (const s of secrets) {
    const mask = `[redacted ${s.name}]`;
    for (const f of exactForms(s.value)) exact.push([f, mask]);
    for (const re of wrappedForms(s.value)) wrapped.push([re, mask]);
  }
  exact.sort((a, b) => b[0].length - a[0].length);
  if (exact.length === 0) return noRedaction;
  return (text) => {
    if (typeof text !== "string" || text === "") return text;
    let out = text;
    for (const [form, mask] of exact) if (out.includes(form)) out = out.split(form).join(mask);
    for (const [re, mask] of wrapped) out = out.replace(re, mask);
    return out;
  };
}

/** Every string inside a JSON-like value, redacted (objects and arrays are copied, other values kept). */
export function redactDeep<T>(value: T, redact: Redact): T {
  if (redact === noRedaction) return value;
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return redact(v);
    if (depth > 8 || v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (Object.getPrototypeOf(v) !== Object.prototype) return v; // class instances (errors, buffers) stay as they are
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return walk(value, 0) as T;
}

/** A tool outcome with its output and data redacted. */
export function redactOutcome(outcome: ToolOutcome, redact: Redact): ToolOutcome {
  if (redact === noRedaction) return outcome;
  return redactDeep(outcome, redact);
}
