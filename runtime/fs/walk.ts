/**
 * The project's files, as the model should see them: gitignored files left out, `.git/` never entered, symlinked
 * directories never followed. Inside a git repository this asks git (`git ls-files --cached --others
 * --exclude-standard`), which knows every ignore source; elsewhere a JS walk reads each directory's `.gitignore`
 * with the `ignore` package (the matcher eslint uses).
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import type { Workspace } from "./workspace.js";

export interface WalkOptions {
  /** Skip git even inside a repository (tests, or a project whose git is broken). */
  forceJs?: boolean;
  /** Stop after this many files (default 200,000). */
  limit?: number;
}

export interface WalkResult {
  /** Root-relative POSIX paths, sorted. */
  files: string[];
  engine: "git" | "js";
  truncated: boolean;
}

const DEFAULT_LIMIT = 200_000;

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (err, stdout) => {
      const code = err ? (typeof err.code === "number" ? err.code : 127) : 0;
      resolve({ code, stdout: stdout ?? "" });
    });
  });
}

async function gitFiles(ws: Workspace): Promise<string[] | null> {
  const inside = await run("git", ["rev-parse", "--is-inside-work-tree"], ws.rootReal);
  if (inside.code !== 0 || inside.stdout.trim() !== "true") return null;
  const listed = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], ws.rootReal);
  if (listed.code !== 0) return null;
  const deleted = await run("git", ["ls-files", "-z", "--deleted"], ws.rootReal);
  const gone = new Set(deleted.code === 0 ? deleted.stdout.split("\0") : []);
  const files = new Set<string>();
  for (const f of listed.stdout.split("\0")) if (f !== "" && !gone.has(f)) files.add(f);
  return [...files];
}

interface Frame {
  dir: string;
  rules: Array<{ base: string; ig: Ignore }>;
}

async function readIgnore(ws: Workspace, dirAbs: string): Promise<Ignore | null> {
  const file = path.join(dirAbs, ".gitignore");
  const st = await ws.ops.lstat(file);
  if (st === null || st.kind !== "file") return null;
  return ignore().add((await ws.ops.readFile(file)).toString("utf8"));
}

function ignoredBy(rules: Frame["rules"], rel: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const sub = base === "" ? rel : rel.slice(base.length + 1);
    if (ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

async function jsFiles(ws: Workspace, limit: number): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const stack: Frame[] = [{ dir: "", rules: [] }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const abs = path.join(ws.rootReal, frame.dir);
    const own = await readIgnore(ws, abs);
    const rules = own ? [...frame.rules, { base: frame.dir, ig: own }] : frame.rules;
    let entries;
    try {
      entries = await ws.ops.readdir(abs);
    } catch {
      continue; // unreadable directory: leave it out rather than fail the whole listing
    }
    for (const e of entries) {
      if (e.name === ".git") continue;
      const rel = frame.dir === "" ? e.name : `${frame.dir}/${e.name}`;
      if (e.kind === "dir") {
        if (!ignoredBy(rules, rel, true)) stack.push({ dir: rel, rules });
      } else if (!ignoredBy(rules, rel, false)) {
        files.push(rel);
        if (files.length >= limit) return { files, truncated: true };
      }
    }
  }
  return { files, truncated: false };
}

/** Every visible file of the project, sorted. */
export async function listProjectFiles(ws: Workspace, options: WalkOptions = {}): Promise<WalkResult> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const viaGit = options.forceJs ? null : await gitFiles(ws);
  if (viaGit !== null) {
    viaGit.sort();
    return { files: viaGit.slice(0, limit), engine: "git", truncated: viaGit.length > limit };
  }
  const { files, truncated } = await jsFiles(ws, limit);
  files.sort();
  return { files, engine: "js", truncated };
}

/** True when `rel` is `dir` itself or lies under it (both root-relative POSIX paths; "" is the root). */
export function isUnder(rel: string, dir: string): boolean {
  return dir === "" || rel === dir || rel.startsWith(`${dir}/`);
}
