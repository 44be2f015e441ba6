/** Pieces of the persistent shell that are not the session itself: quoting, the in-shell cd guard, saved logs. */
import { promises as fsp, readFileSync } from "node:fs";
import * as path from "node:path";

/** Single-quotes a string for bash. */
export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The in-shell half of containment: cd, pushd and popd wrapped so that a move that lands outside the root (a symlink
 * made in the same command, say, which no check before the run could see) is undone at once and fails, so a
 * following `&& …` never runs outside. The static check refuses commands that bypass or redefine these.
 */
export function cdGuard(root: string): string[] {
  // `builtin cd -P .` makes $PWD physical without forking a `pwd -P`; OLDPWD is put back so `cd -` still works.
  const after = (undo: string) =>
    `__sc_o=$OLDPWD; builtin cd -P . 2>/dev/null; OLDPWD=$__sc_o; case "$PWD/" in "$__sc_root"/*) return 0;; esac; ` +
    `printf 'containment: %s is outside the project root; moved back\\n' "$PWD" >&2; ${undo}; OLDPWD=$__sc_o; return 1;`;
  return [
    `__sc_root=${q(root)}`,
    `cd() { local __sc_back=$PWD __sc_o; builtin cd "$@" || return; ${after('builtin cd -- "$__sc_back" 2>/dev/null || builtin cd -- "$__sc_root"')} }`,
    `pushd() { local __sc_back=$PWD __sc_o; builtin pushd "$@" || return; ${after('builtin popd >/dev/null 2>&1; builtin cd -- "$__sc_back" 2>/dev/null')} }`,
    `popd() { local __sc_back=$PWD __sc_o; builtin popd "$@" || return; ${after('builtin cd -- "$__sc_back" 2>/dev/null')} }`,
  ];
}

const KEEP_LOGS = 50;

/** Copies a command's full output into the (self-ignoring) log directory and prunes the oldest logs. */
export async function saveLog(dir: string, name: string, from: string): Promise<string> {
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(path.join(dir, ".gitignore"), "*\n").catch(() => undefined);
  const saved = path.join(dir, name);
  await fsp.copyFile(from, saved);
  const logs = (await fsp.readdir(dir)).filter((f) => f.endsWith(".log"));
  if (logs.length > KEEP_LOGS) {
    const dated = await Promise.all(logs.map(async (f) => ({ f, t: (await fsp.stat(path.join(dir, f))).mtimeMs })));
    dated.sort((a, b) => a.t - b.t);
    await Promise.all(
      dated.slice(0, logs.length - KEEP_LOGS).map(({ f }) => fsp.rm(path.join(dir, f), { force: true })),
    );
  }
  return saved;
}

/** A small control file's text, or "" when it is missing. */
export function readTextOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** `declare -p` output → name → value, for one-line string variables (arrays, maps and multi-line values are left out). */
export function parseDeclare(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^declare -[-a-zA-Z]* ([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"$/.exec(line);
    if (m) vars.set(m[1]!, m[2]!.replace(/\\(.)/g, "$1"));
  }
  return vars;
}
