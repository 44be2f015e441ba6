/**
 * Danger classification for the approval prompt: `classifyCommand(cmd) → { level, reasons }`.
 * "blocked" never runs (wiping `/` or home, formatting disks, fork bombs); "needs_approval" asks the user (sudo,
 * force pushes, piping a download into a shell, writes outside the project or to system paths, rm -rf outside the
 * project); everything else is "safe". Commands are parsed with the shell tokenizer, so `echo "rm -rf /"` is safe and
 * `bash -c 'rm -rf /'` is not. Shell strings given to `bash -c`, `eval` and command substitutions are checked too.
 * Length: this file is the dispatcher (the Verdict, the per-command switch and the recursion into nested scripts);
 * rule families that stand alone live beside it (classify-git, classify-more, classify-remote, classify-runtime,
 * secret-files, shell-vars). What is left here shares the Verdict and the recursion, so it stays together (~415 lines).
 */
import { baseName, parseScript, unwrap, type SimpleCommand } from "./parse.js";
import * as os from "node:os";
import * as path from "node:path";
import { CwdTracker } from "./cwd-track.js";
import { classifyPath, resolveWord, staticValue, type PathClass, type ShellPathContext } from "./shell-paths.js";
import type { Word } from "./tokenizer.js";
import type { PathPolicy } from "../fs/policy.js";
import { heredocBodies } from "./heredoc.js";
import { checkRemoteAndLater } from "./classify-remote.js";
import { checkRuntimeDecided } from "./classify-runtime.js";
import { resolveCommandName, trackAssignments } from "./shell-vars.js";
import { checkGit } from "./classify-git.js";
import {
  flags,
  forkLoopCode,
  hasLong,
  killsAllOfUser,
  mvSources,
  optionWriteTargets,
  psShowsEnvironment,
  recursiveSearchRoots,
  respelled,
  stdinScript,
} from "./classify-more.js";
import {
  CODE_RUNNERS,
  holdsHomeSecret,
  protectedWriteIn,
  secretInCode,
  secretInWord,
  type SecretFileContext,
} from "./secret-files.js";

export type DangerLevel = "safe" | "needs_approval" | "blocked";

export interface Classification {
  level: DangerLevel;
  reasons: string[];
  /**
   * The command touches keys or secrets, or SmallCode's own settings: only a person at the prompt may allow it.
   * Blanket approval (`--yes`, `approval = "auto"`) does not cover it (docs/security.md).
   */
  personal?: boolean;
}

const RANK: Record<DangerLevel, number> = { safe: 0, needs_approval: 1, blocked: 2 };
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "busybox"]);
const INTERPRETERS = new Set([
  ...SHELLS,
  "python",
  "python3",
  "python2",
  "perl",
  "ruby",
  "node",
  "php",
  "sudo",
  "doas",
]);
const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c", "http", "xh"]);
const DISK_TOOLS = new Set([
  "mkfs",
  "mke2fs",
  "mkswap",
  "wipefs",
  "fdisk",
  "sfdisk",
  "parted",
  "gdisk",
  "sgdisk",
  "mkdosfs",
  "mkntfs",
  "blkdiscard",
]);
const POWER = new Set(["shutdown", "reboot", "halt", "poweroff"]);
const WRITERS_ALL = new Set(["tee", "truncate", "touch", "mkdir", "rmdir", "shred", "unlink"]);
const WRITERS_LAST = new Set(["cp", "mv", "install", "ln", "rsync", "scp"]);
const CATASTROPHIC: ReadonlySet<PathClass> = new Set(["fs_root", "home", "ancestor", "system_top"]);
const RISKY: ReadonlySet<PathClass> = new Set(["system", "outside", "dynamic", "disk"]);

class Verdict {
  level: DangerLevel = "safe";
  reasons: string[] = [];
  personal = false;
  add(level: DangerLevel, reason: string): void {
    if (RANK[level] > RANK[this.level]) this.level = level;
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }
  /** A reason only a person may approve (keys, secrets, SmallCode's settings). */
  addPersonal(reason: string): void {
    this.add("needs_approval", reason);
    this.personal = true;
  }
}

/** Where the command runs, and the user's path policy (default: the built-in deny lists). */
export interface ClassifyContext extends ShellPathContext {
  policy?: PathPolicy;
}

interface Ctx extends ClassifyContext {
  depth: number;
}

function secretCtx(ctx: Ctx): SecretFileContext {
  const root = path.resolve(ctx.root ?? process.cwd());
  return {
    root,
    cwd: ctx.cwd === null ? null : path.resolve(root, ctx.cwd ?? root),
    home: path.resolve(ctx.home ?? os.homedir()),
    ...(ctx.policy ? { policy: ctx.policy } : {}),
  };
}

const SECRET_REASON = (what: string) =>
  `reads a secret file (${what}): provider keys and credentials must not reach the model`;
const PROTECTED_REASON = (what: string) =>
  `changes ${what}, which only the user may change (SmallCode's settings, git internals, shell start-up files)`;

/** Words naming secret files (any argument, redirection or assignment) and inline code that names them. */
function checkSecrets(cmd: SimpleCommand, name: string, args: Word[], ctx: Ctx, v: Verdict): void {
  const sctx = secretCtx(ctx);
  const words = [
    ...unwrap(cmd.words).words,
    ...cmd.redirects.flatMap((r) => (r.target ? [r.target] : [])),
    ...cmd.assignments.map((a) => ({ ...a, value: a.value.slice(a.value.indexOf("=") + 1) })),
  ];
  for (const w of words) {
    const hit = secretInWord(w, sctx);
    if (hit !== null) v.addPersonal(SECRET_REASON(hit));
  }
  if (CODE_RUNNERS.has(name) || /^python3?\.\d+$/.test(name)) {
    for (const a of args) {
      const hit = secretInCode(a.value, sctx);
      if (hit !== null) v.addPersonal(`runs code that names ${hit}, a secret or protected file`);
    }
  }
}

function checkProtected(targets: Word[], ctx: Ctx, v: Verdict): void {
  const sctx = secretCtx(ctx);
  for (const t of targets) {
    const value = staticValue(t, sctx.home, ctx.vars);
    const hit = value === null ? null : protectedWriteIn(value, sctx);
    if (hit !== null) v.addPersonal(PROTECTED_REASON(hit));
  }
}

/** `.`, `./`, `*`, `./*` or the root's own path, run in the root. */
function wholeProject(t: Word, ctx: Ctx): boolean {
  const trimmed = { ...t, value: t.value.replace(/(^|\/)(\*|\.)$/, "$1") || "." };
  return resolveWord(trimmed, ctx) === path.resolve(ctx.root ?? process.cwd());
}

function checkRm(args: Word[], ctx: Ctx, v: Verdict): void {
  const f = flags(args);
  const recursive = f.short.has("r") || f.short.has("R") || hasLong(f.long, "--recursive");
  if (hasLong(f.long, "--no-preserve-root", 6)) v.add("blocked", "rm --no-preserve-root");
  checkProtected(f.args, ctx, v);
  for (const t of f.args) {
    const where = classifyPath(t, ctx);
    if (recursive && CATASTROPHIC.has(where)) v.add("blocked", `rm -r of ${t.value} (${where.replace("_", " ")})`);
    else if (recursive && where === "dynamic")
      v.add("needs_approval", `rm -r of ${t.value}: target only known at run time`);
    else if (RISKY.has(where) || CATASTROPHIC.has(where))
      v.add("needs_approval", `rm of ${t.value}, outside the project`);
    else if (recursive && wholeProject(t, ctx)) {
      v.add("needs_approval", `rm -r of ${t.value} deletes the whole project`);
    }
  }
}

function checkChmod(name: string, args: Word[], ctx: Ctx, v: Verdict): void {
  const f = flags(args.filter((a) => !/^[0-7]{3,4}$|^[ugoa]*[+=-][rwxXst]*$/.test(a.value)));
  const recursive = f.short.has("R") || f.long.has("--recursive");
  for (const t of f.args) {
    const where = classifyPath(t, ctx);
    if (recursive && CATASTROPHIC.has(where)) v.add("blocked", `${name} -R on ${t.value}`);
    else if (RISKY.has(where) || CATASTROPHIC.has(where))
      v.add("needs_approval", `${name} outside the project (${t.value})`);
  }
}

function checkWriteTargets(name: string, targets: Word[], ctx: Ctx, v: Verdict): void {
  checkProtected(targets, ctx, v);
  for (const t of targets) {
    const where = classifyPath(t, ctx);
    if (where === "disk") v.add("blocked", `${name} writes to a disk device (${t.value})`);
    else if (where === "system" || where === "system_top" || where === "fs_root")
      v.add("needs_approval", `${name} writes to a system path (${t.value})`);
    else if (where === "outside" || where === "home" || where === "ancestor")
      v.add("needs_approval", `${name} writes outside the project (${t.value})`);
  }
}

function checkCommand(cmd: SimpleCommand, ctx: Ctx, v: Verdict, fromPipe = false): void {
  for (const r of cmd.redirects) {
    if (!r.target || (r.op.includes("<") && !r.op.includes(">"))) continue;
    if (/^\d*>&$|^<&$/.test(r.op) && /^\d+-?$|^-$/.test(r.target.value)) continue;
    checkWriteTargets("redirection", [r.target], ctx, v);
  }
  const unwrapped = unwrap(cmd.words);
  const wrappers = unwrapped.wrappers;
  // `X=rm; $X -rf …`, `"$SMALLCODE_TSX" test.ts`: a command name held in a known variable is judged as that name.
  const words = resolveCommandName(unwrapped.words, ctx.home ?? os.homedir(), ctx.vars);
  if (wrappers.includes("sudo") || wrappers.includes("doas")) v.add("needs_approval", "runs as root (sudo)");
  if (wrappers.includes("xargs") && words[0] && baseName(words[0].value) === "rm") {
    const f = flags(words.slice(1));
    if (f.short.has("r") || f.short.has("R") || f.long.has("--recursive"))
      v.add("needs_approval", "xargs rm -r: targets only known at run time");
  }
  if (words.length === 0) {
    checkSecrets(cmd, "", [], ctx, v); // `done < .env`, `X=.env`
    return;
  }
  const name = baseName(words[0]!.value);
  const args = words.slice(1);
  checkMore(cmd, unwrapped.words, words, ctx, v, fromPipe);
  if (name === "rm") checkRm(args, ctx, v);
  else if (name === "git")
    checkGit(args, ctx, {
      add: (level, reason) => v.add(level, reason),
      addPersonal: (reason) => v.addPersonal(reason),
      writes: (what, targets) => checkWriteTargets(what, targets, ctx, v),
    });
  else if (name === "chmod" || name === "chown" || name === "chgrp") checkChmod(name, args, ctx, v);
  else if (DISK_TOOLS.has(name) || name.startsWith("mkfs.")) v.add("blocked", `${name} formats or repartitions disks`);
  else if (POWER.has(name) || (name === "init" && /^[06]$/.test(args[0]?.value ?? "")))
    v.add("needs_approval", `${name} stops the machine`);
  else if (name === "su") v.add("needs_approval", "switches user (su)");
  else if (name === "pkexec" || name === "run0") v.add("needs_approval", `runs as root (${name})`);
  else if (name === "kill" || name === "pkill" || name === "killall") {
    if (args.some((a) => a.value === "-1") && name === "kill")
      v.add("blocked", "kill -1 signals every process of the user");
  } else if (name === "dd") {
    for (const a of args.filter((a) => a.value.startsWith("of="))) {
      const target = { ...a, value: a.value.slice(3), tilde: a.value.startsWith("of=~") };
      checkWriteTargets("dd", [target], ctx, v);
    }
  } else if (WRITERS_ALL.has(name)) checkWriteTargets(name, flags(args).args, ctx, v);
  else if (WRITERS_LAST.has(name)) {
    const targets = flags(args).args;
    const t = args.findIndex((a) => a.value === "-t" || a.value === "--target-directory");
    const dest = t >= 0 ? args[t + 1] : targets[targets.length - 1];
    if (dest && targets.length >= 2) checkWriteTargets(name, [dest], ctx, v);
    else if (dest && t >= 0) checkWriteTargets(name, [dest], ctx, v);
  } else if (name === "sed" && args.some((a) => /^-[a-zA-Z]*i/.test(a.value) || a.value.startsWith("--in-place"))) {
    checkWriteTargets("sed -i", flags(args).args.slice(1), ctx, v);
  } else if (name === "find") checkFind(args, ctx, v);
  checkSecrets(cmd, name, args, ctx, v);
  checkRuntimeDecided(cmd, words, ctx, (reason) => v.add("needs_approval", reason));
  checkRemoteAndLater(name, args, (level, reason) => v.add(level, reason));
  checkNested(name, args, ctx, v);
}

/** The rules of classify-more.ts: option-named outputs, mv sources, respelled commands, stdin scripts, environments. */
function checkMore(cmd: SimpleCommand, raw: Word[], words: Word[], ctx: Ctx, v: Verdict, fromPipe: boolean): void {
  const name = baseName(words[0]!.value);
  const args = words.slice(1);
  const again = respelled(
    raw,
    words.map((w) => w.value),
    ctx.vars?.get("IFS"),
  );
  if (again !== null) classifyInto(again, { ...ctx, depth: ctx.depth + 1 }, v);
  const stdin = stdinScript(cmd, words, fromPipe);
  if (stdin !== null) v.add("needs_approval", stdin);
  if (psShowsEnvironment(name, args))
    v.addPersonal(SECRET_REASON("every process's environment, the agent's key included"));
  if (killsAllOfUser(name, args)) v.add("needs_approval", `${name} signals every process of a user`);
  if ((CODE_RUNNERS.has(name) || /^python3?\.\d+$/.test(name)) && args.some((a) => forkLoopCode(a.value)))
    v.add("needs_approval", "inline code that forks in a loop");
  checkWriteTargets(name, optionWriteTargets(name, args), ctx, v);
  for (const dir of recursiveSearchRoots(name, args)) {
    const value = staticValue(dir, secretCtx(ctx).home, ctx.vars);
    const hit = value === null ? null : holdsHomeSecret(value, secretCtx(ctx));
    if (hit !== null) v.addPersonal(SECRET_REASON(`${hit}, inside ${dir.value}`));
  }
  if (name === "mv") {
    for (const src of mvSources(args)) {
      // A source only known at run time (`mv "$f" …` in a loop) is left alone, as for other writers.
      const where = classifyPath(src, ctx);
      if (where !== "dynamic" && (RISKY.has(where) || CATASTROPHIC.has(where)))
        v.add("needs_approval", `mv takes ${src.value} away from outside the project`);
    }
  }
}

function checkFind(args: Word[], ctx: Ctx, v: Verdict): void {
  const deletes =
    args.some((a) => a.value === "-delete") ||
    args.some((a, i) => /^-exec(dir)?$/.test(a.value) && baseName(args[i + 1]?.value ?? "") === "rm");
  if (!deletes) return;
  for (const start of args.filter(
    (a, i) => i < args.findIndex((x) => x.value.startsWith("-")) || args.every((x) => !x.value.startsWith("-")),
  )) {
    const where = classifyPath(start, ctx);
    if (CATASTROPHIC.has(where)) v.add("blocked", `find ${start.value} … -delete`);
    else if (RISKY.has(where)) v.add("needs_approval", `find … -delete outside the project (${start.value})`);
  }
}

/** `bash -c STRING`, `eval STRING …`: the string is a script of its own. */
function checkNested(name: string, args: Word[], ctx: Ctx, v: Verdict): void {
  let script: Word[] = [];
  if (SHELLS.has(name)) {
    const c = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value));
    if (c >= 0 && args[c + 1]) script = [args[c + 1]!];
  } else if (name === "eval") script = args;
  if (script.length === 0) return;
  if (script.some((w) => w.dynamic)) {
    v.add("needs_approval", `${name} runs a script only known at run time`);
  }
  classifyInto(script.map((w) => w.value).join(" "), { ...ctx, depth: ctx.depth + 1 }, v);
}

function checkPipelines(cmds: SimpleCommand[], v: Verdict): void {
  for (let i = 0; i + 1 < cmds.length; i++) {
    const a = unwrap(cmds[i]!.words).words[0];
    if (!a || !DOWNLOADERS.has(baseName(a.value))) continue;
    for (let j = i; j + 1 < cmds.length && (cmds[j]!.next === "|" || cmds[j]!.next === "|&"); j++) {
      const b = unwrap(cmds[j + 1]!.words).words[0];
      if (b && INTERPRETERS.has(baseName(b.value)))
        v.add("needs_approval", `pipes a download (${a.value}) into ${b.value}`);
    }
  }
  const downloaded = new Set<string>();
  for (const c of cmds) {
    const words = unwrap(c.words).words;
    const name = words[0] ? baseName(words[0].value) : "";
    const downloadSub = c.words.some((w) => w.subs.some((s) => /\b(curl|wget|fetch|aria2c)\b/.test(s)));
    if ((INTERPRETERS.has(name) || name === "source" || name === ".") && downloadSub)
      v.add("needs_approval", `runs downloaded code with ${name}`);
    if (DOWNLOADERS.has(name)) for (const out of downloadOutputs(c, words)) downloaded.add(baseName(out));
    const runs = (w: Word | undefined) => w !== undefined && downloaded.has(baseName(w.value));
    if (runs(words[0]) || ((INTERPRETERS.has(name) || name === "source" || name === ".") && words.slice(1).some(runs)))
      v.add("needs_approval", `runs a file the same command downloaded (${name})`);
  }
}

/** Files a curl/wget writes: -o/-O/--output/--output-document, or a `>` redirection. */
function downloadOutputs(c: SimpleCommand, words: Word[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    if (/^(-o|-O|--output|--output-document)$/.test(w.value) && words[i + 1]) out.push(words[i + 1]!.value);
    else if (/^(--output|--output-document)=/.test(w.value)) out.push(w.value.slice(w.value.indexOf("=") + 1));
  });
  for (const r of c.redirects) if (r.target && r.op.includes(">") && !/&/.test(r.op)) out.push(r.target.value);
  return out.filter((o) => o !== "-" && o !== "/dev/null");
}

/** A function whose body calls itself in the background or through a pipe: `:(){ :|:& };:`. */
function checkForkBomb(cmds: SimpleCommand[], v: Verdict): void {
  cmds.forEach((def, i) => {
    if (def.defines === undefined) return;
    const body = cmds.slice(i + 1, i + 12);
    const calls = body.filter((c) => c.words[0]?.value === def.defines);
    if (calls.length >= 2 || calls.some((c) => c.next === "&" || c.next === "|")) v.add("blocked", "fork bomb");
  });
}

/** `bash <<EOF … EOF`, `sh <<< 'cmd'`, `python3 - <<EOF … EOF`: the text fed on stdin is a script too. */
function checkStdinScripts(src: string, cmds: SimpleCommand[], ctx: Ctx, v: Verdict): void {
  for (const c of cmds) {
    const words = unwrap(c.words).words;
    const name = words[0] ? baseName(words[0].value) : "";
    const shell = SHELLS.has(name) && !words.some((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
    const code = CODE_RUNNERS.has(name) || /^python3?\.\d+$/.test(name);
    if (!shell && !code) continue;
    const texts = c.redirects.filter((r) => r.op.endsWith("<<<") && r.target).map((r) => r.target!.value);
    if (c.redirects.some((r) => /<<-?$/.test(r.op))) texts.push(...heredocBodies(src));
    for (const t of texts) {
      if (shell) classifyInto(t, { ...ctx, depth: ctx.depth + 1 }, v);
      const hit = secretInCode(t, secretCtx(ctx));
      if (hit !== null) v.addPersonal(`runs code on stdin that names ${hit}, a secret or protected file`);
    }
  }
}

function classifyInto(src: string, ctx: Ctx, v: Verdict): void {
  if (ctx.depth > 4) {
    v.add("needs_approval", "nested shells too deep to check");
    return;
  }
  const { commands } = parseScript(src);
  checkStdinScripts(src, commands, ctx, v);
  checkForkBomb(commands, v);
  checkPipelines(commands, v);
  const root = path.resolve(ctx.root ?? process.cwd());
  const start = ctx.cwd === null ? null : path.resolve(root, ctx.cwd ?? root);
  const tracker = new CwdTracker(start, ctx.home ?? os.homedir());
  const vars = new Map(ctx.vars ?? []);
  commands.forEach((cmd, i) => {
    const prev = commands[i - 1];
    checkCommand(cmd, { ...ctx, cwd: tracker.cwdFor(cmd), vars }, v, prev?.next === "|" || prev?.next === "|&");
    tracker.apply(cmd);
    trackAssignments(cmd, ctx.home ?? os.homedir(), vars);
    for (const w of [...cmd.words, ...cmd.assignments, ...cmd.redirects.flatMap((r) => (r.target ? [r.target] : []))]) {
      for (const sub of w.subs) classifyInto(sub, { ...ctx, depth: ctx.depth + 1 }, v);
    }
  });
}

export function classifyCommand(cmd: string, context: ClassifyContext = {}): Classification {
  const v = new Verdict();
  classifyInto(cmd, { ...context, depth: 0 }, v);
  return { level: v.level, reasons: v.reasons, ...(v.personal ? { personal: true } : {}) };
}
