/** `list_dir` and `glob` over the project's visible files: sorted, capped, and saying how many were left out. */
import * as path from "node:path";
import picomatch from "picomatch";
import { isUnder, listProjectFiles, type WalkOptions } from "./walk.js";
import type { Workspace } from "./workspace.js";

export type ListResult =
  { ok: true; text: string; entries: string[]; omitted: number; engine: "git" | "js" } | { ok: false; message: string };

export interface ListOptions extends WalkOptions {
  /** At most this many entries shown (default 200). */
  cap?: number;
}

async function resolveDir(ws: Workspace, userPath: string | undefined) {
  const resolved = await ws.resolve(userPath && userPath.trim() !== "" ? userPath : ".", "read");
  if (!resolved.ok) return resolved;
  const st = await ws.ops.stat(resolved.abs);
  if (st === null) return { ok: false as const, message: `${userPath} does not exist.` };
  if (st.kind !== "dir") return { ok: false as const, message: `${userPath} is a file; use read_file to read it.` };
  return {
    ok: true as const,
    rel: resolved.rel === "" ? "" : path.relative(ws.rootReal, resolved.real).split(path.sep).join("/"),
  };
}

function capped(all: string[], cap: number) {
  const shown = all.slice(0, cap);
  return { shown, omitted: all.length - shown.length };
}

/** Immediate children of a directory: sub-directories first (with a file count), then files. */
export async function listDir(ws: Workspace, userPath?: string, options: ListOptions = {}): Promise<ListResult> {
  const dir = await resolveDir(ws, userPath);
  if (!dir.ok) return dir;
  const walk = await listProjectFiles(ws, options);
  const dirs = new Map<string, number>();
  const files: string[] = [];
  for (const f of walk.files) {
    if (!isUnder(f, dir.rel) || f === dir.rel) continue;
    const rest = dir.rel === "" ? f : f.slice(dir.rel.length + 1);
    const slash = rest.indexOf("/");
    if (slash < 0) files.push(rest);
    else dirs.set(rest.slice(0, slash), (dirs.get(rest.slice(0, slash)) ?? 0) + 1);
  }
  const all = [
    ...[...dirs.keys()].sort().map((d) => `${d}/ (${dirs.get(d)} file${dirs.get(d) === 1 ? "" : "s"})`),
    ...files.sort(),
  ];
  const { shown, omitted } = capped(all, options.cap ?? 200);
  const where = dir.rel === "" ? "." : dir.rel;
  const lines = shown.length > 0 ? shown : ["(no files; gitignored files are not listed)"];
  if (omitted > 0) lines.push(`… ${omitted} more entries left out. List a sub-directory, or use glob.`);
  return { ok: true, text: `${where}/\n${lines.join("\n")}`, entries: shown, omitted, engine: walk.engine };
}

export interface GlobOptions extends ListOptions {
  /** Directory to search under (default: the root). */
  path?: string;
}

/**
 * Files matching a glob (`**`, `*`, `?`, `[...]`, `{a,b}`), relative to the root or to `options.path`.
 * A pattern without `/` matches the file name at any depth (`*.ts` finds every TypeScript file), as in .gitignore.
 */
export async function globFiles(ws: Workspace, pattern: string, options: GlobOptions = {}): Promise<ListResult> {
  if (typeof pattern !== "string" || pattern.trim() === "") {
    return { ok: false, message: "No glob pattern given. Example: src/**/*.ts, or *.md for every markdown file." };
  }
  const dir = await resolveDir(ws, options.path);
  if (!dir.ok) return dir;
  let match: (s: string) => boolean;
  try {
    match = picomatch(pattern.trim().replace(/^\.\//, ""), { dot: true, basename: !pattern.includes("/") });
  } catch (err) {
    return { ok: false, message: `Invalid glob ${JSON.stringify(pattern)}: ${(err as Error).message}` };
  }
  const walk = await listProjectFiles(ws, options);
  const hits = walk.files.filter((f) => isUnder(f, dir.rel) && match(dir.rel === "" ? f : f.slice(dir.rel.length + 1)));
  const { shown, omitted } = capped(hits, options.cap ?? 200);
  const lines = shown.length > 0 ? [...shown] : [`No files match ${pattern}${dir.rel ? ` under ${dir.rel}` : ""}.`];
  if (omitted > 0) lines.push(`… ${omitted} more matches left out. Narrow the pattern.`);
  return { ok: true, text: lines.join("\n"), entries: shown, omitted, engine: walk.engine };
}
