/**
 * Root confinement: every path the model names is resolved inside the project root, or refused with a reason.
 *
 * Checks, in order: the text (empty, NUL), the lexical path (`..`, absolute paths outside the root), then the REAL path
 * of the target or, when it does not exist yet, of its nearest existing parent (so a symlinked parent directory or a
 * dangling symlink cannot lead outside), then the policy (deny lists for reads and writes).
 * Known limit: a race that swaps a directory for a symlink between this check and the I/O is not prevented.
 */
import * as os from "node:os";
import * as path from "node:path";
import type { FileOps } from "./ops.js";
import type { PathPolicy } from "./policy.js";
import { isHardLinked } from "./hard-links.js";

export type AccessMode = "read" | "write";

export type PathRefusal = "empty" | "outside_root" | "symlink_escape" | "denied" | "invalid";

export type ResolvedPath =
  | { ok: true; abs: string; rel: string; real: string; exists: boolean }
  | { ok: false; reason: PathRefusal; message: string };

export interface RootInfo {
  /** The root as given, resolved. */
  root: string;
  /** The root's real path (symlinks resolved). */
  rootReal: string;
}

const MAX_LINK_HOPS = 40;

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export async function rootInfo(root: string, ops: FileOps): Promise<RootInfo> {
  const resolved = path.resolve(root);
  return { root: resolved, rootReal: await ops.realpath(resolved) };
}

/** Real path of `abs`, resolving the nearest existing ancestor and following dangling symlinks lexically. */
async function realPathOf(abs: string, ops: FileOps, hops = 0): Promise<{ real: string; exists: boolean } | null> {
  if (hops > MAX_LINK_HOPS) return null;
  let cur = abs;
  const suffix: string[] = [];
  for (;;) {
    const st = await ops.lstat(cur);
    if (st !== null) {
      if (st.kind === "symlink") {
        const target = path.resolve(path.dirname(cur), await ops.readlink(cur));
        const resolved = await realPathOf(target, ops, hops + 1);
        if (resolved === null) return null;
        return { real: path.join(resolved.real, ...suffix), exists: resolved.exists && suffix.length === 0 };
      }
      return { real: path.join(await ops.realpath(cur), ...suffix), exists: suffix.length === 0 };
    }
    const parent = path.dirname(cur);
    if (parent === cur) return { real: path.join(cur, ...suffix), exists: false };
    suffix.unshift(path.basename(cur));
    cur = parent;
  }
}

function expandHome(p: string): string {
  if (p === "~") return os.homedir();
  if (p.startsWith("~/")) return path.join(os.homedir(), p.slice(2));
  return p;
}

function refuse(reason: PathRefusal, message: string): ResolvedPath {
  return { ok: false, reason, message };
}

/** Resolves `userPath` (relative to the root, or absolute inside it) for reading or writing. Never throws. */
export async function resolveInRoot(
  info: RootInfo,
  userPath: string,
  mode: AccessMode,
  ops: FileOps,
  policy: PathPolicy,
): Promise<ResolvedPath> {
  if (typeof userPath !== "string" || userPath.trim() === "") {
    return refuse("empty", "No path given. Pass a path relative to the project root, e.g. src/index.ts.");
  }
  if (userPath.includes("\0")) return refuse("invalid", `The path ${JSON.stringify(userPath)} contains a NUL byte.`);
  // Control characters (newlines …) in a name only ever come from a confused or hostile call, and break listings.
  if (/[\x01-\x1f\x7f]/.test(userPath.trim())) {
    return refuse("invalid", `The path ${JSON.stringify(userPath)} contains a control character; use a plain path.`);
  }
  if (userPath.length > 4096) return refuse("invalid", `The path is ${userPath.length} characters long; refused.`);
  const abs = path.resolve(info.root, expandHome(userPath.trim()));
  const viaReal = !inside(info.root, abs) && inside(info.rootReal, abs);
  const base = viaReal ? info.rootReal : info.root;
  if (!inside(base, abs)) {
    return refuse(
      "outside_root",
      `${userPath} is outside the project root (${info.root}). Use a path inside the project, relative to its root.`,
    );
  }
  const rel = path.relative(base, abs);
  let resolved: { real: string; exists: boolean } | null;
  try {
    resolved = await realPathOf(abs, ops);
  } catch (err) {
    return refuse("invalid", `Cannot resolve ${userPath}: ${(err as Error).message}`);
  }
  if (resolved === null) return refuse("symlink_escape", `${userPath} is a symlink loop.`);
  if (!inside(info.rootReal, resolved.real)) {
    return refuse(
      "symlink_escape",
      `${userPath} leads outside the project root through a symlink (to ${resolved.real}); refused.`,
    );
  }
  const realRel = path.relative(info.rootReal, resolved.real);
  if (policy.absoluteDenied(resolved.real)) return refuse("denied", `${userPath} is in SmallCode's key store.`);
  const denied = mode === "read" ? policy.readDenied : policy.writeDenied;
  if (denied(rel) || denied(realRel)) {
    const why = isHardLinked(resolved.real)
      ? "is a hard link (a second name for a file that may be outside the project); refused"
      : mode === "read"
        ? "may hold secrets (provider keys, tokens) or git internals; the user's deny list blocks reading it"
        : "is git's or SmallCode's internal data; the deny list blocks writing it";
    return refuse("denied", `${userPath} ${why}. Use another file, or run git commands through bash.`);
  }
  return { ok: true, abs, rel: rel.split(path.sep).join("/"), real: resolved.real, exists: resolved.exists };
}
