/**
 * Regions found inside markdown code fences: a call-shaped region in a ```python / ```diff / ```ts fence is content,
 * and a region in any fence is introduced by the prose before the fence. Used by the driver (parse.ts).
 */
import type { Fence } from "./scan.js";
import type { FormatMatch } from "./types.js";

/** Fence languages that may hold a call: none, data, or a tool-call label. Any other language is code. */
const CALL_FENCE_LANGS = new Set([
  "",
  "xml",
  "json",
  "jsonc",
  "json5",
  "jsonl",
  "ndjson",
  "yaml",
  "yml",
  "text",
  "txt",
  "plaintext",
  "tool_code",
  "tool_call",
  "tool_calls",
  "function_call",
  "function_calls",
  "tool",
  "tool-call",
  "toolcall",
]);

/** The fence whose body holds `index`, by binary search over fences in order. */
function fenceAround(fences: Fence[], index: number): Fence | undefined {
  let lo = 0;
  let hi = fences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = fences[mid] as Fence;
    if (index < f.bodyStart) hi = mid - 1;
    else if (index >= f.bodyEnd) lo = mid + 1;
    else return f;
  }
  return undefined;
}

/**
 * Call markup inside a ```python, ```diff, ```ts … fence is content: a test string, a parser, a patch to a fixture.
 * Only fences with no language, a data language or a tool-call label can hold a call.
 */
export function inCodeFence(fences: Fence[], m: FormatMatch): boolean {
  const f = fenceAround(fences, m.start);
  return f !== undefined && !CALL_FENCE_LANGS.has(f.lang);
}

/**
 * A region inside a fence is introduced by the prose before the fence, not by the fence's opening line: judge it
 * from the fence's start. When the fence holds nothing else, the region takes the whole fence.
 */
export function anchorAtFence(
  text: string,
  fences: Fence[],
  m: FormatMatch,
  edges: Map<Fence, [number, number]>,
): FormatMatch {
  const f = fenceAround(fences, m.start);
  if (!f) return m;
  const [first, last] = edges.get(f) ?? contentEdges(text, f, edges);
  const alone = first >= m.start && last <= m.end;
  // A fence that holds only the region is part of it: the closing backticks are not "code after the call".
  return alone ? { ...m, start: f.start, end: Math.max(m.end, f.end) } : { ...m, anchor: f.start };
}

/** Where a fence's non-blank content starts and ends; computed once per fence, so many matches stay linear. */
function contentEdges(text: string, f: Fence, edges: Map<Fence, [number, number]>): [number, number] {
  let first = f.bodyStart;
  while (first < f.bodyEnd && /\s/.test(text[first] as string)) first++;
  let last = f.bodyEnd;
  while (last > first && /\s/.test(text[last - 1] as string)) last--;
  const e: [number, number] = [first, last];
  edges.set(f, e);
  return e;
}
