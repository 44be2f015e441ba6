/**
 * Reading a file for the model: numbered lines (`  12 | text`), a range on request, an outline plus the first lines
 * when the file is over the budget, and a one-line description for binary files.
 */
import { describeBinary, formatSize, looksBinary } from "./binary.js";
import { errorText } from "./ops.js";
import { outline } from "./outline.js";
import type { Workspace } from "./workspace.js";

export interface ReadOptions {
  /** First line to show, 1-based (default 1). */
  startLine?: number;
  /** Last line to show, inclusive (default: the end, within the budget). */
  endLine?: number;
  /** Budget for the text shown, in characters (default 20,000). */
  budgetChars?: number;
  /** Longer lines are cut, with a marker (default 2,000). */
  maxLineChars?: number;
}

export type ReadKind = "full" | "range" | "outline" | "binary" | "empty";

export type ReadResult =
  | { ok: true; kind: ReadKind; text: string; rel: string; totalLines: number; shown: [number, number] | null }
  | { ok: false; message: string };

export const DEFAULT_READ_BUDGET = 20_000;
/** Files larger than this are not loaded at all (32 MiB). */
export const MAX_READ_BYTES = 32 * 1024 * 1024;

/** Splits file text into display lines: no line terminators, no phantom line after a final newline. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/** `  12 | text`: the number right-aligned to the width of `width`'s digits, then " | ". */
export function numberLine(n: number, text: string, width: number): string {
  return `${String(n).padStart(width)} | ${text}`;
}

function cut(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)} … [line cut: ${line.length} chars]`;
}

/** Numbered lines start..end (1-based, inclusive) until the budget runs out; returns the last line shown. */
function render(lines: string[], start: number, end: number, budget: number, maxLine: number) {
  const width = String(lines.length).length;
  const out: string[] = [];
  let used = 0;
  let last = start - 1;
  for (let n = start; n <= end; n++) {
    const row = numberLine(n, cut(lines[n - 1]!, maxLine), width);
    if (used + row.length + 1 > budget && out.length > 0) break;
    out.push(row);
    used += row.length + 1;
    last = n;
  }
  return { text: out.join("\n"), last };
}

function rangeError(rel: string, total: number, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) {
    return `Invalid line range ${start}-${end} for ${rel}: start_line must be >= 1 and end_line >= start_line.`;
  }
  if (start > total) return `${rel} has ${total} lines; start_line ${start} is past the end. Read from line 1.`;
  return null;
}

/** Outline rows within `budget` chars: all if they fit, else top-level only, else the first and last rows. */
function fitOutline(rows: Array<{ row: string; top: boolean }>, budget: number): { text: string; left: number } {
  const size = (r: Array<{ row: string }>) => r.reduce((n, x) => n + x.row.length + 1, 0);
  let pick = rows;
  if (size(pick) > budget) pick = rows.filter((r) => r.top);
  if (size(pick) <= budget) return { text: pick.map((r) => r.row).join("\n"), left: rows.length - pick.length };
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  for (let i = 0, j = pick.length - 1; i <= j && used < budget;) {
    const fromHead = head.length <= tail.length;
    const row = pick[fromHead ? i : j]!.row;
    if (used + row.length + 1 > budget) break;
    used += row.length + 1;
    if (fromHead) head.push(pick[i++]!.row);
    else tail.unshift(pick[j--]!.row);
  }
  const left = rows.length - head.length - tail.length;
  return { text: [...head, `  … ${left} more outline entries …`, ...tail].join("\n"), left };
}

function outlineView(rel: string, lines: string[], budget: number, maxLine: number): ReadResult {
  const { entries } = outline(rel, lines, Number.MAX_SAFE_INTEGER);
  const width = String(lines.length).length;
  const rows = entries.map((e) => ({ row: numberLine(e.line, cut(e.text, 200), width), top: !/^\s/.test(e.text) }));
  const fitted = fitOutline(rows, Math.floor(budget * 0.6));
  const head = render(lines, 1, lines.length, Math.max(1500, budget - fitted.text.length), maxLine);
  const parts = [
    `${rel} has ${lines.length} lines, too many to show whole within the budget (${budget} chars).`,
    rows.length > 0 ? `Outline (imports and declarations, with line numbers):\n${fitted.text}` : "No outline found.",
    `First lines:\n${head.text}`,
    `To see more, call read_file again with start_line and end_line (e.g. start_line=${head.last + 1}).`,
  ];
  return { ok: true, kind: "outline", text: parts.join("\n\n"), rel, totalLines: lines.length, shown: [1, head.last] };
}

export async function readForModel(ws: Workspace, userPath: string, options: ReadOptions = {}): Promise<ReadResult> {
  const resolved = await ws.resolve(userPath, "read");
  if (!resolved.ok) return { ok: false, message: resolved.message };
  const { abs, rel } = resolved;
  const budget = options.budgetChars ?? DEFAULT_READ_BUDGET;
  const maxLine = options.maxLineChars ?? 2000;
  try {
    const st = await ws.ops.stat(abs);
    if (st === null) return { ok: false, message: `${rel} does not exist. Use list_dir or glob to find the file.` };
    if (st.kind === "dir") return { ok: false, message: `${rel} is a directory. Use list_dir to see what it holds.` };
    if (st.size > MAX_READ_BYTES) {
      return {
        ok: false,
        message: `${rel} is ${formatSize(st.size)}, too large to load. Use grep to find what you need in it, or bash (e.g. sed -n '100,200p' ${rel}).`,
      };
    }
    const buf = await ws.ops.readFile(abs);
    if (looksBinary(buf)) {
      return { ok: true, kind: "binary", text: describeBinary(buf, rel, st.size), rel, totalLines: 0, shown: null };
    }
    const lines = splitLines(buf.toString("utf8"));
    if (lines.length === 0)
      return { ok: true, kind: "empty", text: `${rel} is empty.`, rel, totalLines: 0, shown: null };
    const ranged = options.startLine !== undefined || options.endLine !== undefined;
    const start = options.startLine ?? 1;
    const end = Math.min(options.endLine ?? lines.length, lines.length);
    const bad = rangeError(rel, lines.length, start, options.endLine ?? Math.max(start, lines.length));
    if (bad !== null) return { ok: false, message: bad };
    const shown = render(lines, start, end, budget, maxLine);
    if (!ranged && shown.last < lines.length) return outlineView(rel, lines, budget, maxLine);
    let text = shown.text;
    if (shown.last < end) {
      text += `\n[Shown lines ${start}-${shown.last} of ${lines.length} (budget ${budget} chars). Continue with start_line=${shown.last + 1}.]`;
    } else if (ranged && (start > 1 || end < lines.length)) {
      text += `\n[Lines ${start}-${end} of ${lines.length}.]`;
    }
    return {
      ok: true,
      kind: ranged ? "range" : "full",
      text,
      rel,
      totalLines: lines.length,
      shown: [start, shown.last],
    };
  } catch (err) {
    return { ok: false, message: `Cannot read ${rel}: ${errorText(err)}` };
  }
}
