/**
 * The path policy: which paths inside the project the model may read or write.
 * Patterns are gitignore-style (matched with the `ignore` package), relative to the project root. The deny lists are
 * set by the user (config, CLI flags), never by the model: tool arguments cannot change them.
 */
import ignore, { type Ignore } from "ignore";
import * as os from "node:os";
import * as path from "node:path";

export interface PathPolicyOptions {
  /** Patterns whose files may not be read (default: DEFAULT_DENY_READ). */
  denyRead?: string[];
  /** Patterns whose files may not be written (default: DEFAULT_DENY_WRITE). */
  denyWrite?: string[];
  /** Added after the deny patterns: re-allows matches (e.g. ".env.ci" for a project whose .env.ci holds no secrets). */
  allowRead?: string[];
  allowWrite?: string[];
  /** Absolute directories outside the project that are never readable, even via symlink (default: the key store). */
  denyAbsolute?: string[];
}

/** Provider keys and credentials: `.env` files (templates excepted), registry tokens, key stores, and git internals. */
export const DEFAULT_DENY_READ: readonly string[] = [
  ".env",
  ".env.*",
  "!.env.example",
  "!.env.sample",
  "!.env.template",
  ".npmrc",
  ".pypirc",
  ".netrc",
  ".git/",
  ".smallcode/snapshots/",
  // Keys and credential stores at any depth: the project may be the home directory or a dotfiles repository, and
  // the shell's tripwire (shell/secret-files.ts HOME_SECRETS) treats the same places as secret.
  ".ssh/",
  ".aws/",
  ".azure/",
  ".gnupg/",
  ".password-store/",
  "**/.config/smallcode/",
  "**/.config/gh/",
  "**/.config/gcloud/",
  "**/.docker/config.json",
  "**/.kube/config",
  ".git-credentials",
  ".vault-token",
  "id_rsa",
  "id_dsa",
  "id_ecdsa",
  "id_ed25519",
];

/**
 * Git internals, and everything that changes the agent's own behaviour or provider: `.env` files (keys, endpoints),
 * `smallcode.toml` at any depth, `.smallcode/` (generated agent, team marrow, settings, caches, undo data) and
 * `.envrc` (run by direnv on `cd`). Templates such as `.env.example` stay writable; they are never loaded.
 * Matching is case-insensitive, so `.ENV` on a case-insensitive file system is `.env`.
 */
export const DEFAULT_DENY_WRITE: readonly string[] = [
  ".git/",
  ".env",
  ".env.*",
  "!.env.example",
  "!.env.sample",
  "!.env.template",
  ".envrc",
  "smallcode.toml",
  ".smallcode/",
];

/** Where SmallCode keeps provider keys. */
export function defaultDenyAbsolute(): string[] {
  return [path.join(os.homedir(), ".config", "smallcode")];
}

export interface PathPolicy {
  readDenied(rel: string): boolean;
  writeDenied(rel: string): boolean;
  absoluteDenied(abs: string): boolean;
  describe(): string;
}

function matcher(deny: readonly string[], allow: readonly string[]): Ignore {
  return ignore({ ignorecase: true }).add([...deny, ...allow.map((p) => (p.startsWith("!") ? p.slice(1) : `!${p}`))]);
}

function denies(ig: Ignore, rel: string): boolean {
  // Paths outside the root are refused before the policy is consulted; `ignore` only takes relative, inside paths.
  if (rel === "" || rel === "." || rel.startsWith("..") || path.isAbsolute(rel)) return false;
  const posix = rel.split(path.sep).join("/");
  // Check every ancestor too (a pattern such as ".git/" must cover ".git/config"), and each one both as a file and
  // as a directory, so a file named ".git" is covered by ".git/" as well.
  const parts = posix.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    if (ig.ignores(prefix) || ig.ignores(`${prefix}/`)) return true;
  }
  return false;
}

export function createPathPolicy(options: PathPolicyOptions = {}): PathPolicy {
  const denyRead = options.denyRead ?? DEFAULT_DENY_READ;
  const denyWrite = options.denyWrite ?? DEFAULT_DENY_WRITE;
  const read = matcher(denyRead, options.allowRead ?? []);
  const write = matcher(denyWrite, options.allowWrite ?? []);
  const absolute = (options.denyAbsolute ?? defaultDenyAbsolute()).map((p) => path.resolve(p));
  return {
    readDenied: (rel) => denies(read, rel),
    writeDenied: (rel) => denies(write, rel),
    absoluteDenied: (abs) => absolute.some((d) => abs === d || abs.startsWith(d + path.sep)),
    describe: () => `read deny: ${denyRead.join(", ")}; write deny: ${denyWrite.join(", ")}`,
  };
}
