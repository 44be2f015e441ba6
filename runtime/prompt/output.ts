/**
 * From the model's raw text to a value: strings are taken as they are (trimmed); JSON is read leniently, because small
 * models wrap it in fences, add a sentence before or after it, or leave a trailing comma.
 */
import { jsonrepair } from "jsonrepair";
import type { z } from "zod";
import type { OutputCheck } from "./spec.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseOutput<T>(raw: string, output: "text" | "json", schema: z.ZodType<T>): Parsed<T> {
  const candidate: unknown = output === "text" ? raw.trim() : readJson(raw);
  if (candidate === NOT_JSON) return { ok: false, error: "the reply contains no JSON value" };
  const result = schema.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") + ": " : "";
    return where + issue.message;
  });
  return { ok: false, error: "the reply does not match the expected shape (" + issues.join("; ") + ")" };
}

/** What readJson returns when the text holds no JSON value. */
export const NOT_JSON: unique symbol = Symbol("not-json");

/** The first JSON value in the text: fenced block first, then the outermost braces/brackets, repaired if needed. */
export function readJson(raw: string): unknown {
  const fenced = /```(?:json|JSON)?\s*\n([\s\S]*?)```/.exec(raw);
  const candidates: string[] = [];
  if (fenced?.[1] !== undefined) candidates.push(fenced[1]);
  const trimmed = raw.trim();
  candidates.push(trimmed);
  const start = trimmed.search(/[[{]/);
  if (start >= 0) {
    const close = trimmed[start] === "{" ? "}" : "]";
    const end = trimmed.lastIndexOf(close);
    if (end > start) candidates.push(trimmed.slice(start, end + 1));
  }
  for (const text of candidates) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // try the next candidate
    }
  }
  // Repair only what looks like a JSON object or array: jsonrepair would turn any prose into a JSON string.
  for (const text of candidates.slice(-1).filter((t) => /^[[{]/.test(t.trim()))) {
    try {
      return JSON.parse(jsonrepair(text)) as unknown;
    } catch {
      // fall through
    }
  }
  return NOT_JSON;
}

/** The first failed check, as a message the model can act on; undefined when all pass. */
export function runChecks(raw: string, value: unknown, checks: readonly OutputCheck[]): string | undefined {
  const text = typeof value === "string" ? value : raw.trim();
  for (const check of checks) {
    const failure = runCheck(text, check);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

function runCheck(text: string, check: OutputCheck): string | undefined {
  switch (check.kind) {
    case "non_empty":
      return text.trim() === "" ? "the reply is empty; answer with some text" : undefined;
    case "single_line":
      return text.includes("\n") ? "the reply must be a single line" : undefined;
    case "max_chars":
      return text.length > check.max ? `the reply has ${text.length} characters, more than ${check.max}` : undefined;
    case "min_chars":
      return text.length < check.min ? `the reply has ${text.length} characters, fewer than ${check.min}` : undefined;
    case "matches":
      return new RegExp(check.pattern).test(text) ? undefined : `the reply must match /${check.pattern}/`;
    case "contains":
      return text.includes(check.text) ? undefined : `the reply must contain ${JSON.stringify(check.text)}`;
    case "one_of":
      return check.values.includes(text.trim())
        ? undefined
        : `the reply must be exactly one of ${check.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "json":
      return readJson(text) === NOT_JSON ? "the reply must be JSON" : undefined;
    case "balanced":
      return unbalanced(codeOf(text));
  }
}

/** The first fenced block's body, or the whole text. */
function codeOf(text: string): string {
  return /```[\w-]*\s*\n([\s\S]*?)```/.exec(text)?.[1] ?? text;
}

const CLOSERS: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

/** A message when brackets or quotes do not balance (strings and line comments are skipped); else undefined. */
function unbalanced(code: string): string | undefined {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && code[i + 1] === "/") while (i < code.length && code[i] !== "\n") i++;
    else if (c === "(" || c === "[" || c === "{") stack.push(c);
    else if (c in CLOSERS && stack.pop() !== CLOSERS[c]) return `the code has an unmatched '${c}'`;
  }
  if (quote) return "the code has an unterminated string";
  return stack.length > 0 ? `the code has an unclosed '${stack[stack.length - 1]}'` : undefined;
}
