/**
 * Optional containment: refuse a command whose `cd`/`pushd` (top level, subshell, `bash -c`, `eval` or command
 * substitution) would leave the project root, judged before it runs. Targets must be literal paths (symlinks are
 * resolved); `cd -`, `popd` and `pushd` alone are allowed because the session checks the real cwd after every command
 * and moves back into the root if it escaped. Not a sandbox: it keeps the shell's directory inside the project, it
 * does not stop a command from naming outside paths (the danger classifier judges those).
 */
import { readFileSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { baseName, parseScript, unwrap, type SimpleCommand } from "./parse.js";
import { CwdTracker } from "./cwd-track.js";
import { realish } from "./shell-paths.js";

export type ContainmentResult = { ok: true } | { ok: false; message: string };

export interface ContainmentContext {
  /** The project root. */
  root: string;
  /** The shell's current directory. */
  cwd: string;
  home?: string;
}

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh"]);
const CD_NAMES = new Set(["cd", "pushd", "popd"]);
/** Variables and options that change where `cd` goes, and the session's own guard: never touched by commands. */
const FORBIDDEN = /\b(CDPATH|OLDPWD|DIRSTACK|cdable_vars|__sc_\w*)\b/;

/** Ways around the in-shell `cd` guard: bypassing, removing or redefining it. */
function guardBypass(cmd: SimpleCommand): string | null {
  const words = cmd.words.map((w) => w.value);
  if (
    cmd.defines !== undefined &&
    (CD_NAMES.has(cmd.defines) || cmd.defines === "builtin" || cmd.defines === "command")
  ) {
    return `redefines \`${cmd.defines}\``;
  }
  if ((words[0] === "builtin" || words[0] === "command") && CD_NAMES.has(words[1] ?? ""))
    return `\`${words[0]} ${words[1]}\` bypasses the directory guard; use plain ${words[1]}`;
  if (words[0] === "unset" && words.slice(1).some((w) => CD_NAMES.has(w))) return "unsets the directory guard";
  if ((words[0] === "alias" || words[0] === "trap") && words.length > 1) return null; // checked as scripts below
  return null;
}

/** An assignment of a name that reaches `cd` when used as a command: `b=builtin; $b cd /`, `c=cd; $c /`. */
const CD_ALIAS_ASSIGNMENT =
  /(^|[\s;&|(])\w+=\s*["']?(builtin|command|cd|pushd|popd|exec|eval|source|\.)["']?(?=[\s;&|)]|$)/;

/**
 * Commands whose name, or the name after `builtin`/`command`, is only known at run time can reach the real `cd`
 * around the guard; inside `bash -c` (no guard at all) any run-time name can. ANSI-C quoted targets (`$'\x2f'`) are
 * not decoded by the tokenizer, so they count as run-time values too.
 */
function dynamicBypass(cmd: SimpleCommand, src: string, nested: boolean): string | null {
  const words = unwrap(cmd.words).words;
  const first = words[0];
  if (!first) return null;
  const name = baseName(first.value);
  if ((name === "builtin" || name === "command") && words.slice(1).some((w) => w.dynamic))
    return `\`${name}\` with a name only known at run time can bypass the directory guard; write the command out`;
  if (
    first.dynamic &&
    (nested || CD_ALIAS_ASSIGNMENT.test(src) || words[1]?.dynamic || CD_NAMES.has(words[1]?.value ?? ""))
  )
    return "runs a command whose name is only known at run time; write the command name out";
  if (CD_NAMES.has(name) && words.slice(1).some((w) => /\$['"]/.test(w.raw)))
    return `\`${name}\` to a $'…' quoted path; write the path out plainly`;
  return null;
}

function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith("/") ? root : `${root}/`);
}

interface Nested {
  text: string;
  dynamic: boolean;
  /** A sourced file, read relative to the cwd. */
  file?: string;
}

function nestedScripts(words: ReturnType<typeof unwrap>["words"]): Nested | null {
  const name = words[0] ? baseName(words[0].value) : "";
  if (SHELLS.has(name)) {
    const c = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
    const s = c >= 0 ? words[c + 1] : undefined;
    return s ? { text: s.value, dynamic: s.dynamic } : null;
  }
  if (name === "trap" && words[1]) return { text: words[1].value, dynamic: words[1].dynamic };
  if (name === "alias") {
    const defs = words.slice(1).filter((w) => w.value.includes("="));
    return {
      text: defs.map((w) => w.value.slice(w.value.indexOf("=") + 1)).join("; "),
      dynamic: defs.some((w) => w.dynamic),
    };
  }
  if ((name === "source" || name === ".") && words[1]) {
    if (words[1].dynamic) return { text: "", dynamic: true };
    return { text: "", dynamic: false, file: words[1].value };
  }
  if (name === "eval") {
    const rest = words.slice(1);
    return { text: rest.map((w) => w.value).join(" "), dynamic: rest.some((w) => w.dynamic) };
  }
  return null;
}

function check(src: string, root: string, cwd: string | null, home: string, depth: number): ContainmentResult {
  if (depth > 4)
    return { ok: false, message: "Containment: shells nested too deep to check; run the command directly." };
  const tracker = new CwdTracker(cwd, home);
  const forbidden = FORBIDDEN.exec(src);
  if (forbidden) {
    return {
      ok: false,
      message: `Containment: commands may not use ${forbidden[1]} (it changes where cd goes, or the session's guard).`,
    };
  }
  for (const cmd of parseScript(src).commands) {
    const bypass = guardBypass(cmd) ?? dynamicBypass(cmd, src, depth > 0);
    if (bypass !== null) return { ok: false, message: `Containment: the command ${bypass}.` };
    const here = tracker.cwdFor(cmd);
    const subs = [...cmd.words, ...cmd.redirects.flatMap((r) => (r.target ? [r.target] : []))].flatMap((w) => w.subs);
    for (const sub of subs) {
      const r = check(sub, root, here, home, depth + 1);
      if (!r.ok) return r;
    }
    const nested = nestedScripts(unwrap(cmd.words).words);
    if (nested?.dynamic) {
      return {
        ok: false,
        message:
          'Containment: a shell script only known at run time (bash -c "$X", eval $X) cannot be checked; write the commands out.',
      };
    }
    if (nested?.file !== undefined) {
      let text: string;
      try {
        // Only regular files of sane size: reading /dev/stdin, a FIFO or /dev/zero here would hang the agent itself.
        const file = path.resolve(here ?? root, nested.file);
        const st = statSync(file);
        if (!st.isFile() || st.size > 1 << 20) throw new Error("not a regular file");
        text = readFileSync(file, "utf8");
      } catch {
        return {
          ok: false,
          message: `Containment: cannot check ${nested.file} before sourcing it (it does not exist yet, is not a regular file, or is unreadable); run it in a separate call once it exists.`,
        };
      }
      const r = check(text, root, here, home, depth + 1);
      if (!r.ok) return r;
    } else if (nested) {
      const r = check(nested.text, root, here, home, depth + 1);
      if (!r.ok) return r;
    }
    const step = tracker.apply(cmd);
    if (step === null) continue;
    const what = `${step.kind}${step.target ? ` ${step.target.raw}` : ""}`;
    if (step.to === null && step.unknown !== "stack") {
      return {
        ok: false,
        message: `Containment: \`${what}\` goes to a directory only known at run time. Use a literal path inside the project (${root}).`,
      };
    }
    if (step.to !== null && !isInside(root, step.to)) {
      return {
        ok: false,
        message: `Containment: \`${what}\` would leave the project root (${root}) for ${step.to}. Stay inside the project; refer to outside files by path if you must read them.`,
      };
    }
  }
  return { ok: true };
}

export function checkContainment(cmd: string, ctx: ContainmentContext): ContainmentResult {
  const root = realish(path.resolve(ctx.root));
  return check(cmd, root, realish(path.resolve(ctx.cwd)), ctx.home ?? os.homedir(), 0);
}
