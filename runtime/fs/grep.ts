/**
 * `grep`: regex (or literal) search over the project's visible files, with line numbers and optional context.
 * Uses ripgrep when `rg` is on PATH (never downloaded), else a JS scan over the same file list. Results are sorted by
 * path, capped, and say how many matches were left out. Read-denied files (.env …) are never searched.
 */
import { spawn } from "node:child_process";
import picomatch from "picomatch";
import { looksBinary } from "./binary.js";
import { splitLines } from "./read.js";
import { isUnder, listProjectFiles } from "./walk.js";
import type { Workspace } from "./workspace.js";

export interface GrepOptions {
  /** Directory or file to search (default: the root). */
  path?: string;
  /** Only files whose name matches this glob (e.g. "*.ts"). */
  include?: string;
  ignoreCase?: boolean;
  /** Treat the pattern as plain text, not a regex. */
  literal?: boolean;
  /** Lines of context before and after each match (default 0, at most 10). */
  context?: number;
  /** At most this many matches shown (default 100). */
  maxMatches?: number;
  /** Use the JS engine even when rg exists. */
  forceJs?: boolean;
}

export interface GrepLine {
  file: string;
  line: number;
  text: string;
  match: boolean;
}

export type GrepResult =
  | { ok: true; text: string; matches: number; files: number; omitted: number; engine: "rg" | "js" }
  | { ok: false; message: string };

const MAX_LINE = 300;
let rgChecked: Promise<boolean> | null = null;

/** Whether ripgrep is on PATH (checked once per process). */
export function ripgrepAvailable(): Promise<boolean> {
  rgChecked ??= new Promise((resolve) => {
    const p = spawn("rg", ["--version"], { stdio: "ignore" });
    p.on("error", () => resolve(false));
    p.on("close", (code) => resolve(code === 0));
  });
  return rgChecked;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function searchJs(ws: Workspace, re: RegExp, base: string, files: string[], context: number) {
  const out: GrepLine[] = [];
  for (const rel of files) {
    if (!isUnder(rel, base) || ws.policy.readDenied(rel)) continue;
    const abs = `${ws.rootReal}/${rel}`;
    const st = await ws.ops.lstat(abs);
    if (st === null || st.kind !== "file" || st.size > 8 * 1024 * 1024) continue;
    const buf = await ws.ops.readFile(abs);
    if (looksBinary(buf)) continue;
    const lines = splitLines(buf.toString("utf8"));
    const keep = new Map<number, boolean>();
    lines.forEach((l, i) => {
      if (!re.test(l)) return;
      for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) {
        if (!keep.has(j)) keep.set(j, false);
      }
      keep.set(i, true);
    });
    for (const i of [...keep.keys()].sort((a, b) => a - b)) {
      out.push({ file: rel, line: i + 1, text: lines[i]!, match: keep.get(i)! });
    }
  }
  return out;
}

interface RgJson {
  type: string;
  data?: { path?: { text?: string }; lines?: { text?: string }; line_number?: number };
}

function searchRg(ws: Workspace, pattern: string, base: string, o: GrepOptions, context: number) {
  const args = ["--json", "--hidden", "--no-require-git", "--sort", "path", "--glob", "!.git"];
  if (o.ignoreCase) args.push("-i");
  if (o.literal) args.push("-F");
  if (context > 0) args.push("-C", String(context));
  if (o.include) args.push("--glob", o.include);
  args.push("-e", pattern, "--", base === "" ? "." : base);
  return new Promise<{ lines: GrepLine[] } | { error: string }>((resolve) => {
    const p = spawn("rg", args, { cwd: ws.rootReal, stdio: ["ignore", "pipe", "pipe"] });
    const lines: GrepLine[] = [];
    let buf = "";
    let err = "";
    const take = (raw: string) => {
      if (raw === "") return;
      const msg = JSON.parse(raw) as RgJson;
      if (msg.type !== "match" && msg.type !== "context") return;
      const file = (msg.data?.path?.text ?? "").replace(/^\.\//, "");
      const text = (msg.data?.lines?.text ?? "").replace(/\r?\n$/, "");
      lines.push({ file, line: msg.data?.line_number ?? 0, text, match: msg.type === "match" });
    };
    p.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buf += chunk;
      const parts = buf.split("\n");
      buf = parts.pop() ?? "";
      parts.forEach(take);
    });
    p.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    p.on("error", (e) => resolve({ error: e.message }));
    p.on("close", (code) => {
      take(buf);
      if (code === 2 && lines.length === 0) resolve({ error: err.trim() || "rg failed" });
      else resolve({ lines: lines.filter((l) => !ws.policy.readDenied(l.file)) });
    });
  });
}

function render(lines: GrepLine[], max: number, separators: boolean) {
  const out: string[] = [];
  const files = new Set<string>();
  let matches = 0;
  let shown = 0;
  let prev: GrepLine | null = null;
  for (const l of lines) {
    if (l.match) {
      matches++;
      files.add(l.file);
    }
    if (shown >= max) continue;
    if (separators && prev && (prev.file !== l.file || l.line !== prev.line + 1) && out.length > 0) out.push("--");
    const text = l.text.length > MAX_LINE ? `${l.text.slice(0, MAX_LINE)} …` : l.text;
    out.push(`${l.file}${l.match ? ":" : "-"}${l.line}${l.match ? ":" : "-"} ${text}`);
    if (l.match) shown++;
    prev = l;
  }
  return { out, matches, files: files.size, omitted: matches - shown };
}

export async function grepFiles(ws: Workspace, pattern: string, options: GrepOptions = {}): Promise<GrepResult> {
  if (typeof pattern !== "string" || pattern === "") return { ok: false, message: "No search pattern given." };
  const resolved = await ws.resolve(options.path && options.path.trim() !== "" ? options.path : ".", "read");
  if (!resolved.ok) return { ok: false, message: resolved.message };
  const base = resolved.rel;
  const context = Math.max(0, Math.min(10, Math.floor(options.context ?? 0)));
  const max = options.maxMatches ?? 100;
  const useRg = !options.forceJs && (await ripgrepAvailable());
  let lines: GrepLine[];
  if (useRg) {
    const r = await searchRg(ws, pattern, base, options, context);
    if ("error" in r)
      return { ok: false, message: `Invalid search: ${r.error}. Pass literal=true to search plain text.` };
    lines = r.lines;
  } else {
    let re: RegExp;
    try {
      re = new RegExp(options.literal ? escapeRegex(pattern) : pattern, options.ignoreCase ? "i" : "");
    } catch (err) {
      return {
        ok: false,
        message: `Invalid regex ${JSON.stringify(pattern)}: ${(err as Error).message}. Pass literal=true to search plain text.`,
      };
    }
    // A file named outright is searched even when ignored (e.g. a saved shell log under .smallcode/), as rg does.
    const named = (await ws.ops.stat(resolved.abs))?.kind === "file";
    let files = named ? [base] : (await listProjectFiles(ws, { forceJs: options.forceJs })).files;
    if (options.include) {
      const m = picomatch(options.include, { dot: true, basename: !options.include.includes("/") });
      files = files.filter((f) => m(f));
    }
    lines = await searchJs(ws, re, base, files, context);
  }
  const r = render(lines, max, context > 0);
  if (r.matches === 0) {
    return {
      ok: true,
      text: `No matches for ${JSON.stringify(pattern)}${base ? ` under ${base}` : ""}.`,
      matches: 0,
      files: 0,
      omitted: 0,
      engine: useRg ? "rg" : "js",
    };
  }
  if (r.omitted > 0)
    r.out.push(`… ${r.omitted} more matches left out (${r.matches} in ${r.files} files). Narrow the search.`);
  return {
    ok: true,
    text: r.out.join("\n"),
    matches: r.matches,
    files: r.files,
    omitted: r.omitted,
    engine: useRg ? "rg" : "js",
  };
}
