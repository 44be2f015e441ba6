/**
 * The last line behind "the model never changes SmallCode's settings": the bash tool photographs the settings before
 * a command and puts back whatever the command changed. The classifier judges what a command line names, but a
 * command can reach a settings file without naming it — through a hard link made earlier (`ln smallcode.toml n;
 * echo >> n`), a symlinked directory, an archive (`tar --transform`), git plumbing (`update-index` + `checkout`) or a
 * glob (`> smallcode.tom?`). Watching the files themselves catches every route. Watched: the project's `.env*`,
 * `.envrc`, `smallcode.toml` and `.smallcode/` (its run-time folders excepted), git's hooks and the command-running
 * keys of `.git/config` (other git config changes, such as `git push -u`, are left alone), and the user's
 * SmallCode config directory. A command a person approved as personal is not guarded.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GIT_CODE_KEYS } from "../shell/classify-git.js";

type Entry = { kind: "file"; bytes: Buffer; mode: number } | { kind: "link"; target: string } | { kind: "dir" };

export interface SettingsSnapshot {
  entries: Map<string, Entry>;
  root: string;
  userDir: string;
}

/** The agent's own run-time data under .smallcode/: written by the agent, not settings. */
const RUNTIME_DIRS = new Set(["snapshots", "shell", "sessions", "traces", "todo", "memory", "benchmarks"]);
/** More files than this in the watched folders and the rest is not photographed (a guard must stay cheap). */
const MAX_ENTRIES = 2000;

export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env["XDG_CONFIG_HOME"] || path.join(env["HOME"] || os.homedir(), ".config");
  return path.join(base, "smallcode");
}

function entryOf(abs: string): Entry | null {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return null;
  }
  if (st.isSymbolicLink()) return { kind: "link", target: fs.readlinkSync(abs) };
  if (st.isDirectory()) return { kind: "dir" };
  if (!st.isFile() || st.size > 4 * 1024 * 1024) return null;
  return { kind: "file", bytes: fs.readFileSync(abs), mode: st.mode & 0o7777 };
}

function walk(dir: string, out: Map<string, Entry>, skip: (abs: string) => boolean): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (out.size >= MAX_ENTRIES) return;
    const abs = path.join(dir, name);
    if (skip(abs)) continue;
    const e = entryOf(abs);
    if (e === null) continue;
    out.set(abs, e);
    if (e.kind === "dir") walk(abs, out, skip);
  }
}

function collect(root: string, userDir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  let top: string[] = [];
  try {
    top = fs.readdirSync(root);
  } catch {
    /* no root: nothing to watch */
  }
  for (const name of top) {
    if (!/^(\.env.*|\.envrc|smallcode\.toml|\.smallcode)$/i.test(name)) continue;
    const abs = path.join(root, name);
    const e = entryOf(abs);
    if (e !== null) out.set(abs, e);
  }
  const sc = path.join(root, ".smallcode");
  if (out.get(sc)?.kind === "dir")
    walk(sc, out, (abs) => path.dirname(abs) === sc && RUNTIME_DIRS.has(path.basename(abs)));
  for (const abs of [path.join(root, ".git", "config"), path.join(root, ".git", "hooks")]) {
    const e = entryOf(abs);
    if (e !== null) out.set(abs, e);
  }
  if (out.get(path.join(root, ".git", "hooks"))?.kind === "dir")
    walk(path.join(root, ".git", "hooks"), out, () => false);
  const u = entryOf(userDir);
  if (u !== null) {
    out.set(userDir, u);
    if (u.kind === "dir") walk(userDir, out, () => false);
  }
  return out;
}

export function takeSettingsSnapshot(root: string, userDir: string = userConfigDir()): SettingsSnapshot {
  return { entries: collect(root, userDir), root, userDir };
}

/** `section.key=value` lines of a git config whose key makes git run a command or reach elsewhere. */
function codeKeys(bytes: Buffer | undefined): string {
  if (!bytes) return "";
  const out: string[] = [];
  let section = "";
  for (const raw of bytes.toString("utf8").split("\n")) {
    const line = raw.trim();
    const sec = /^\[\s*([^\s\]"]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (sec) {
      section = sec[2] !== undefined ? `${sec[1]}.${sec[2]}` : sec[1]!;
      continue;
    }
    const kv = /^([A-Za-z][\w-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (kv && GIT_CODE_KEYS.test(`${section}.${kv[1]}`)) out.push(`${section}.${kv[1]}=${kv[2] ?? ""}`.toLowerCase());
  }
  return out.sort().join("\n");
}

function same(a: Entry | undefined, b: Entry | undefined, abs: string, root: string): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (abs === path.join(root, ".git", "config") && a.kind === "file" && b.kind === "file")
    return codeKeys(a.bytes) === codeKeys(b.bytes);
  if (a.kind !== b.kind) return false;
  if (a.kind === "file" && b.kind === "file") return a.mode === b.mode && a.bytes.equals(b.bytes);
  if (a.kind === "link" && b.kind === "link") return a.target === b.target;
  return true;
}

/** Puts back every watched file the command changed, removes what it added; returns their display names. */
export function restoreSettingsChanges(snap: SettingsSnapshot): string[] {
  const now = collect(snap.root, snap.userDir);
  const changed: string[] = [];
  const all = [...new Set([...snap.entries.keys(), ...now.keys()])].sort();
  // Added files and links go; added directories go only when that leaves them empty (deepest first), so a folder
  // the shell itself made for its run-time data (`.smallcode/shell/`) survives.
  for (const abs of all.filter((a) => !snap.entries.has(a)).reverse()) {
    if (now.get(abs)?.kind === "dir") {
      try {
        fs.rmdirSync(abs);
      } catch {
        continue;
      }
    } else fs.rmSync(abs, { force: true });
    changed.push(abs);
  }
  for (const abs of all) {
    const before = snap.entries.get(abs);
    const after = now.get(abs);
    if (before === undefined || same(before, after, abs, snap.root)) continue;
    // Unlink first: a hard link the command made to this file keeps its bytes, the settings get a fresh file.
    if (after !== undefined && !(before.kind === "dir" && after.kind === "dir"))
      fs.rmSync(abs, { recursive: true, force: true });
    if (before.kind === "dir") fs.mkdirSync(abs, { recursive: true });
    else if (before.kind === "link") fs.symlinkSync(before.target, abs);
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, before.bytes, { mode: before.mode });
      fs.chmodSync(abs, before.mode);
    }
    changed.push(abs);
  }
  const home = os.homedir();
  return changed.map((abs) =>
    abs.startsWith(`${snap.root}/`)
      ? path.relative(snap.root, abs)
      : abs.startsWith(`${home}/`)
        ? `~/${path.relative(home, abs)}`
        : abs,
  );
}
