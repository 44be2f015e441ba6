/**
 * `@path` completion for the prompt: the `@token` before the cursor is completed against the project's files
 * (directories get a trailing slash; .git and node_modules are skipped). One match completes; several complete to
 * their common prefix and are offered as candidates.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const SKIP = new Set([".git", "node_modules"]);
const MAX_CANDIDATES = 12;

export interface Completion {
  value: string;
  cursor: number;
  /** Matching names when more than one matches (for a hint line). */
  candidates: string[];
}

function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return "";
  let p = names[0] ?? "";
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Completes the `@path` token before `cursor`; undefined when there is no token or nothing matches. */
export function completeAtPath(cwd: string, value: string, cursor: number): Completion | undefined {
  const before = value.slice(0, cursor);
  const m = /(^|\s)@([^\s@]*)$/.exec(before);
  if (!m) return undefined;
  const token = m[2] ?? "";
  const slash = token.lastIndexOf("/");
  const dir = slash === -1 ? "" : token.slice(0, slash + 1);
  const partial = token.slice(slash + 1);
  let entries;
  try {
    entries = readdirSync(join(cwd, dir), { withFileTypes: true });
  } catch {
    return undefined;
  }
  const names = entries
    .filter(
      (e) => !SKIP.has(e.name) && e.name.startsWith(partial) && (partial.startsWith(".") || !e.name.startsWith(".")),
    )
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort();
  if (names.length === 0) return undefined;
  const completed = names.length === 1 ? (names[0] ?? "") : commonPrefix(names);
  const insert = dir + completed;
  const start = cursor - token.length;
  const newValue = value.slice(0, start) + insert + value.slice(cursor);
  const newCursor = start + insert.length;
  return {
    value: newValue,
    cursor: newCursor,
    candidates: names.length > 1 ? names.slice(0, MAX_CANDIDATES) : [],
  };
}
