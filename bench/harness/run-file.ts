/** Reading a results file back (for `bench diff` and the report), with a message that says what is wrong. */
import { readFileSync } from "node:fs";
import type { RunFile } from "./types.js";

export function readRunFile(path: string): RunFile | string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `${path}: no such file.` : `${path}: cannot read it (${code ?? String(err)}).`;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return `${path}: not JSON (${err instanceof Error ? err.message : String(err)}).`;
  }
  const r = raw as Partial<RunFile>;
  if (typeof raw !== "object" || raw === null || r.schema !== "smallcode-bench/1")
    return `${path}: not a SmallCode benchmark result (expected "schema": "smallcode-bench/1"); pass a file written by smallcode bench.`;
  if (!Array.isArray(r.attempts)) return `${path}: the "attempts" list is missing.`;
  for (const [i, a] of r.attempts.entries()) {
    if (typeof a?.task !== "string" || typeof a.pass !== "boolean" || typeof a.attempt !== "number")
      return `${path}: attempts[${i}] lacks task, attempt or pass.`;
  }
  return raw as RunFile;
}
