/**
 * What a command decides only at run time, where a static check could be walked around: a command name computed by
 * a substitution or a variable (`$(printf 'r\x6d') -rf …`), `env -C DIR` running a command in another directory,
 * inline code (`python3 -c`, `node -e`) that names absolute paths outside the project, and symbolic links made to
 * places outside (a door for the next command). Each needs the user's
 * approval: the model can always say the same thing statically. (Variables the same script assigns are resolved by
 * the path checks themselves: `D=/etc; touch $D/x` is judged as `touch /etc/x`.)
 */
import * as path from "node:path";
import { baseName, type SimpleCommand } from "./parse.js";
import { classifyPath, type PathClass, type ShellPathContext } from "./shell-paths.js";
import type { Word } from "./tokenizer.js";

export type AddApproval = (reason: string) => void;

const AWAY: ReadonlySet<PathClass> = new Set(["outside", "home", "ancestor", "system", "system_top", "fs_root"]);

/** Flags of code runners that take the program text as their next argument. */
const INLINE_CODE: Readonly<Record<string, readonly string[]>> = {
  python: ["-c"],
  python2: ["-c"],
  python3: ["-c"],
  node: ["-e", "--eval", "-p", "--print"],
  deno: ["eval"],
  bun: ["-e", "--eval"],
  perl: ["-e", "-E"],
  ruby: ["-e"],
  php: ["-r"],
};

/** The command word itself comes from an expansion: `$CMD …`, `$(…) …`, `` `…` … ``. */
export function checkDynamicName(words: readonly Word[], add: AddApproval): void {
  const first = words[0];
  if (first?.dynamic) add(`the command to run (${first.raw}) is only known at run time`);
}

/** `env -C DIR cmd` / `env --chdir=DIR cmd`: the command runs in DIR. */
export function checkEnvChdir(raw: readonly Word[], ctx: ShellPathContext, add: AddApproval): void {
  if (baseName(raw[0]?.value ?? "") !== "env") return;
  for (let i = 1; i < raw.length; i++) {
    const v = raw[i]!.value;
    let dir: Word | undefined;
    if (v === "-C" || v === "--chdir") dir = raw[i + 1];
    else if (v.startsWith("--chdir=")) dir = { ...raw[i]!, value: v.slice("--chdir=".length) };
    else if (/^-C./.test(v)) dir = { ...raw[i]!, value: v.slice(2) };
    if (!dir) continue;
    const where = classifyPath(dir, ctx);
    if (where === "dynamic" || AWAY.has(where)) add(`env -C ${dir.value} runs a command outside the project`);
  }
}

/** Absolute paths quoted in inline code (`open('/etc/x', 'w')`) that lead outside the project. */
export function checkInlineCode(words: readonly Word[], ctx: ShellPathContext, add: AddApproval): void {
  const name = baseName(words[0]?.value ?? "");
  const flags = INLINE_CODE[/^python3?\.\d+$/.test(name) ? "python3" : name];
  if (!flags) return;
  for (let i = 1; i + 1 < words.length; i++) {
    if (!flags.includes(words[i]!.value)) continue;
    const code = words[i + 1]!.value;
    for (const m of code.matchAll(/["'`](\/[^"'`\s]*|~\/[^"'`\s]*)["'`]/g)) {
      const literal = m[1] ?? "";
      const word: Word = { ...words[i + 1]!, value: literal, raw: literal, dynamic: false, glob: false, tilde: false };
      const where = classifyPath(word, ctx);
      if (AWAY.has(where)) {
        add(`${name} code names ${path.normalize(literal)}, outside the project`);
        return;
      }
    }
  }
}

/**
 * `ln -s TARGET NAME` with a target outside the project: the link is a door the next command walks through
 * (`echo x > link/file`), which a check of that later command cannot see when both are on one line. A relative
 * target is read from the link's own directory, as the kernel does.
 */
export function checkSymlinkOut(words: readonly Word[], ctx: ShellPathContext, add: AddApproval): void {
  if (baseName(words[0]?.value ?? "") !== "ln") return;
  const opts = words.slice(1).filter((w) => w.value.startsWith("-") && w.value !== "-");
  const symbolic = opts.some((w) => /^-[a-zA-Z]*s/.test(w.value) || w.value === "--symbolic");
  if (!symbolic) return;
  const args = words.slice(1).filter((w) => !w.value.startsWith("-"));
  if (args.length === 0) return;
  const name = args.length >= 2 ? args[args.length - 1]! : undefined;
  const targets = args.length >= 2 ? args.slice(0, -1) : args;
  const cwd = path.resolve(ctx.root ?? process.cwd(), ctx.cwd ?? ".");
  const linkDir = name && !name.dynamic ? path.dirname(path.resolve(cwd, name.value)) : cwd;
  for (const t of targets) {
    const where = classifyPath(t, { ...ctx, cwd: linkDir });
    if (where === "dynamic" || AWAY.has(where)) add(`ln -s makes a link to ${t.value}, outside the project`);
  }
}

/** Runs the checks that look at one simple command as written. */
export function checkRuntimeDecided(
  cmd: SimpleCommand,
  words: readonly Word[],
  ctx: ShellPathContext,
  add: AddApproval,
) {
  checkDynamicName(words, add);
  checkEnvChdir(cmd.words, ctx, add);
  checkInlineCode(words, ctx, add);
  checkSymlinkOut(words, ctx, add);
}
