/** Where a path argument of a shell command points, relative to the project: for danger rules and containment. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Word } from "./tokenizer.js";

export interface ShellPathContext {
  /** The project root (default: the current directory). */
  root?: string;
  /** The directory the command runs in (default: the root); null when only known at run time. */
  cwd?: string | null;
  /** The home directory (default: os.homedir()). */
  home?: string;
  /** Variables whose value is known (assigned a static value earlier in the same script). */
  vars?: ReadonlyMap<string, string>;
}

export type PathClass =
  | "fs_root" // "/" itself (or "/*")
  | "home" // the home directory itself
  | "ancestor" // a directory that contains the project
  | "system_top" // a top-level system directory (/etc, /usr …)
  | "system" // under a system directory
  | "disk" // a block device
  | "null_device" // /dev/null, /dev/stdout …
  | "tmp" // /tmp, /var/tmp
  | "inside" // inside the project
  | "outside" // anywhere else (another user dir, ~/.bashrc …)
  | "dynamic"; // only known at run time

const SYSTEM_DIRS = [
  "/etc",
  "/usr",
  "/bin",
  "/sbin",
  "/boot",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/sys",
  "/proc",
  "/var",
  "/opt",
  "/root",
  "/srv",
  "/snap",
  "/dev",
  "/run",
  "/home",
  "/mnt",
  "/media",
];
const HARMLESS_DEVICES = /^\/dev\/(null|zero|stdout|stderr|stdin|tty|random|urandom|full|fd\/\d+)$/;
const DISKS = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|md|dm-|loop|disk|mapper\/|sr)/;

function within(parent: string, p: string): boolean {
  return p === parent || p.startsWith(parent.endsWith("/") ? parent : `${parent}/`);
}

/** Resolves symlinks of the longest existing prefix, so a symlinked directory is judged where it really points. */
export function realish(p: string): string {
  let cur = p;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** Expands `~`, `~/…`, `$HOME` and `${HOME}` at the start; null when anything else is left to expand. */
export function staticValue(word: Word, home: string, vars?: ReadonlyMap<string, string>): string | null {
  let v = word.value;
  if (word.tilde && (v === "~" || v.startsWith("~/"))) v = home + v.slice(1);
  else if (word.tilde) return null; // ~user
  // `${HOME:?}` and `${HOME:-x}` are HOME whenever HOME is set, which it always is in the agent's shell.
  const m = /^(\$HOME|\$\{HOME(?::?[?-][^}]*)?\})(?=\/|$)/.exec(v);
  if (m) v = home + v.slice(m[0].length);
  if (!m && !word.dynamic) return v;
  // `D=/etc; touch $D/x`: variables the same script set to a static value are as good as written out.
  if (vars && vars.size > 0 && word.subs.length === 0) {
    v = v.replace(
      /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g,
      (all, a?: string, b?: string) => vars.get(a ?? b ?? "") ?? all,
    );
  }
  return /[$`]/.test(v) ? null : v;
}

export function classifyPath(word: Word, ctx: ShellPathContext): PathClass {
  const home = realish(path.resolve(ctx.home ?? os.homedir()));
  const root = realish(path.resolve(ctx.root ?? process.cwd()));
  const cwd = path.resolve(root, ctx.cwd ?? root);
  // `~root`, `~alice`: another user's home directory, as catastrophic to delete as one's own.
  if (word.tilde && /^~[a-z_][\w.-]*\/?$/i.test(word.value)) return "home";
  const v = staticValue(word, home, ctx.vars);
  if (v === null || v === "") return "dynamic";
  if (ctx.cwd === null && !path.isAbsolute(v)) return "dynamic";
  // "dir/*" and "dir/." point at the directory's contents: judge them as the directory.
  const trimmed = v.replace(/(^|\/)(\*|\.)$/, "$1");
  // Symlinks count where they lead: `rm -rf link/` inside the project can empty a directory outside it.
  const abs = realish(path.resolve(cwd, trimmed === "" ? "." : trimmed));
  if (abs === "/") return "fs_root";
  if (HARMLESS_DEVICES.test(abs)) return "null_device";
  if (DISKS.test(abs)) return "disk";
  if (within(root, abs)) return "inside";
  if (abs === home) return "home";
  if (within(abs, root)) return "ancestor";
  // The home directory first: a HOME under /tmp (containers, CI) is still the user's files, not scratch.
  if (within(home, abs)) return "outside";
  if (within("/tmp", abs) || within("/var/tmp", abs)) return "tmp";
  if (SYSTEM_DIRS.includes(abs)) return "system_top";
  if (SYSTEM_DIRS.some((d) => within(d, abs))) return "system";
  return "outside";
}

/** The resolved absolute path of a static word, or null when dynamic. */
export function resolveWord(word: Word, ctx: ShellPathContext): string | null {
  const home = path.resolve(ctx.home ?? os.homedir());
  const root = path.resolve(ctx.root ?? process.cwd());
  const v = staticValue(word, home, ctx.vars);
  if (v === null || (ctx.cwd === null && !path.isAbsolute(v))) return null;
  return path.resolve(path.resolve(root, ctx.cwd ?? root), v);
}
