/**
 * Which words of a shell command name a secret file (provider keys, credentials) or one of SmallCode's own settings,
 * for the danger classifier. Paths get the same normalisation as the file tools (`~`, `$HOME`, `..`, symlinks, case)
 * and are judged by the same path policy, so `cat .env`, `grep KEY ./src/../.env`, `cat .e*`, `git show HEAD:.env`
 * and `python -c "open('.env')"` are all seen. A word only known at run time (`cat "$F"`) is judged by its literal
 * last segment when it has one. This is a tripwire, not a wall: the redaction of every tool result is the backstop.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createPathPolicy, type PathPolicy } from "../fs/policy.js";
import { expandBraces } from "./heredoc.js";
import { realish, staticValue } from "./shell-paths.js";
import type { Word } from "./tokenizer.js";

export interface SecretFileContext {
  root: string;
  /** The directory the command runs in; null when only known at run time. */
  cwd: string | null;
  home: string;
  /** The user's path policy (default: the built-in deny lists). */
  policy?: PathPolicy;
}

/** Credentials outside the project, relative to the home directory. */
export const HOME_SECRETS: readonly string[] = [
  ".config/smallcode",
  ".ssh",
  ".aws",
  ".azure",
  ".gnupg",
  ".docker/config.json",
  ".kube/config",
  ".config/gh",
  ".config/gcloud",
  ".git-credentials",
  ".netrc",
  ".npmrc",
  ".pypirc",
  ".password-store",
  ".vault-token",
];
const SYSTEM_SECRETS = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers"];

/** Programs whose inline code is searched for file names: `python -c CODE`, `node -e CODE` … */
export const CODE_RUNNERS = new Set([
  "python",
  "python2",
  "python3",
  "node",
  "deno",
  "bun",
  "perl",
  "ruby",
  "php",
  "lua",
  "Rscript",
  "osascript",
]);

const defaultPolicy = createPathPolicy();

function within(parent: string, p: string): boolean {
  return p === parent || p.startsWith(parent.endsWith("/") ? parent : `${parent}/`);
}

/** Git internals are a write concern, not a secret one: `cat .git/HEAD` is fine. */
function underGit(rel: string): boolean {
  return /(^|\/)\.git(\/|$)/.test(rel);
}

function globRegex(glob: string): RegExp {
  let re = "";
  for (const c of glob) {
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

/** Entries of `dir` that one glob segment matches (a leading `.` must be spelled, as in bash). */
function matchSegment(dir: string, seg: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const re = globRegex(seg.replace(/\[[^\]]*\]/g, "?"));
  return names.filter((n) => re.test(n) && (seg.startsWith(".") || !n.startsWith("."))).map((n) => path.join(dir, n));
}

/** What a glob path matches now, a glob in any segment included (`~/.ss?/id_rsa`); capped so a glob over many directories stays cheap. */
function expandGlob(abs: string): string[] {
  let current = ["/"];
  for (const seg of abs.split("/").filter(Boolean)) {
    const next: string[] = [];
    for (const dir of current) {
      if (/[*?[]/.test(seg)) next.push(...matchSegment(dir, seg));
      else next.push(path.join(dir, seg));
      if (next.length > 500) break;
    }
    current = next;
  }
  return current;
}

/** A glob whose leading segments can spell one of the home secrets (`~/.ss?/id_rsa`), whether or not it exists now. */
function globReachesHomeSecret(abs: string, ctx: SecretFileContext): string | null {
  const pattern = abs.split("/").filter(Boolean);
  for (const h of HOME_SECRETS) {
    const secret = path.join(ctx.home, h).split("/").filter(Boolean);
    if (pattern.length < secret.length) continue;
    const seg = (i: number) => globRegex(pattern[i]!.replace(/\[[^\]]*\]/g, "?"));
    // As in bash, a segment matches a dot name only when it spells the dot (`~/*` does not reach `~/.ssh`).
    const matches = (name: string, i: number) =>
      seg(i).test(name) && (!name.startsWith(".") || pattern[i]!.startsWith("."));
    if (secret.every(matches)) return `~/${h}`;
  }
  return null;
}

/** The environment of a process (`/proc/self/environ`, `/proc/$PPID/environ`, a glob over /proc): the agent's own
 * process holds the user's provider key there, whatever the shell's environment was scrubbed to. */
export function namesProcessEnvironment(text: string): boolean {
  return /^\/proc\/[^/]*\/(task\/[^/]*\/)?environ$/.test(text.replace(/\/+/g, "/"));
}

/** What secret an absolute path is, or null. */
function secretAt(abs: string, ctx: SecretFileContext, policy: PathPolicy): string | null {
  const real = realish(abs);
  const root = realish(ctx.root);
  for (const p of [abs, real]) {
    if (within(root, p)) {
      const rel = path.relative(root, p);
      if (rel !== "" && !underGit(rel) && policy.readDenied(rel)) return rel;
    }
  }
  const home = realish(ctx.home);
  for (const h of HOME_SECRETS) if (within(path.join(home, h), real)) return `~/${h}`;
  for (const s of SYSTEM_SECRETS) if (within(s, real)) return s;
  if (policy.absoluteDenied(real)) return real;
  // A secret name anywhere, e.g. another project's .env.
  const base = path.basename(real);
  if (base !== ".git" && policy.readDenied(base)) return real;
  return null;
}

/** The secret a path string names, or null. `text` is literal (already unquoted). */
export function secretInPath(text: string, ctx: SecretFileContext): string | null {
  const policy = ctx.policy ?? defaultPolicy;
  if (text === "" || text.includes("\0")) return null;
  // `git show HEAD:.env`, `scp host:.env`: the part after the last colon is a path too.
  // `curl -F f=@.env`, `--data-binary=@.env`: the part after the last `=` or `@` too.
  const candidates = [text];
  for (const sep of [":", "=", "@"]) {
    const at = text.lastIndexOf(sep);
    if (at >= 0 && at < text.length - 1) candidates.push(text.slice(at + 1));
  }
  for (const c of candidates) {
    if (!path.isAbsolute(c) && ctx.cwd === null) {
      const base = path.basename(c);
      if (base !== ".git" && policy.readDenied(base)) return c;
      continue;
    }
    const abs = path.resolve(ctx.cwd ?? ctx.root, c);
    if (namesProcessEnvironment(abs) || namesProcessEnvironment(realish(abs))) return "a process environment";
    if (/[*?[]/.test(abs)) {
      const hit = globReachesHomeSecret(abs, ctx);
      if (hit !== null) return hit;
    }
    // A glob is judged by what it matches now, and by the directory it lists (`~/.ssh/*`).
    const targets = /[*?[]/.test(abs) ? [...expandGlob(abs), path.dirname(abs)] : [abs];
    for (const t of targets) {
      const hit = secretAt(t, ctx, policy);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** The secret a shell word names, or null. */
export function secretInWord(word: Word, ctx: SecretFileContext): string | null {
  const v = staticValue(word, ctx.home);
  if (v !== null) {
    for (const each of expandBraces(v)) {
      const hit = secretInPath(each, ctx);
      if (hit !== null) return hit;
    }
    return null;
  }
  // Only known at run time: `/proc/$PPID/environ` is still a process environment.
  if (namesProcessEnvironment(word.value.replace(/\$\{?\w+\}?|\$\([^)]*\)/g, "x"))) return "a process environment";
  // Judge the literal last segment ("$DIR/.env").
  const last = word.value.split("/").pop() ?? "";
  if (last !== "" && !/[$`]/.test(last)) {
    const policy = ctx.policy ?? defaultPolicy;
    if (last !== ".git" && policy.readDenied(last)) return word.value;
  }
  return null;
}

/**
 * File names inside inline code (`open('.env')`, `writeFileSync("smallcode.toml", …)`): every path-like token is
 * checked as a secret and as a protected file.
 */
export function secretInCode(code: string, ctx: SecretFileContext): string | null {
  for (const token of code.split(/[\s'"`(),;+[\]{}=<>|&]+/)) {
    if (token === "" || !/[./~]|smallcode/i.test(token)) continue;
    const expanded = token.startsWith("~/") ? path.join(ctx.home, token.slice(2)) : token;
    const hit = secretInPath(expanded, ctx) ?? protectedWriteIn(expanded, ctx);
    if (hit !== null) return hit;
  }
  return null;
}

/** A directory that holds one of the home directory's secret places (`~`, `~/.config`): a recursive search of it
 * reads them. Project `.env` files are left to redaction, or every `grep -r x .` would need a person. */
export function holdsHomeSecret(text: string, ctx: SecretFileContext): string | null {
  if (text === "" || (ctx.cwd === null && !path.isAbsolute(text))) return null;
  const abs = realish(path.resolve(ctx.cwd ?? ctx.root, text));
  const home = realish(ctx.home);
  for (const h of HOME_SECRETS) if (within(abs, path.join(home, h))) return `~/${h}`;
  return null;
}

/** True when `text` names one of SmallCode's settings or git internals that only the user may change. */
export function protectedWriteIn(text: string, ctx: SecretFileContext): string | null {
  const policy = ctx.policy ?? defaultPolicy;
  if (text === "" || (ctx.cwd === null && !path.isAbsolute(text))) return null;
  const abs = realish(path.resolve(ctx.cwd ?? ctx.root, text));
  const root = realish(ctx.root);
  if (within(root, abs)) {
    const rel = path.relative(root, abs);
    if (rel !== "" && policy.writeDenied(rel)) return rel;
  }
  const home = realish(ctx.home);
  for (const h of [".config/smallcode", ".bashrc", ".profile", ".bash_profile", ".zshrc", ".gitconfig", ".ssh"]) {
    if (within(path.join(home, h), abs)) return `~/${h}`;
  }
  return null;
}
