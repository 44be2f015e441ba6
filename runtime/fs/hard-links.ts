/**
 * Hard links: a file inside the project that is a second name for a file elsewhere (`ln /elsewhere/secret x`) passes
 * every path and symlink check, so regular files with more than one link are refused to the model's file tools and
 * left out of searches. `node_modules/` is exempt: pnpm and some caches hard-link package files from a store, and a
 * library's source is not a secret. Bash can still read outside files (the shell is not a sandbox; docs/security.md).
 */
import { lstatSync } from "node:fs";
import * as path from "node:path";
import type { PathPolicy } from "./policy.js";

/** True when `abs` is a regular file with more than one hard link, outside node_modules. */
export function isHardLinked(abs: string): boolean {
  if (abs.split(path.sep).includes("node_modules")) return false;
  try {
    const st = lstatSync(abs);
    return st.isFile() && st.nlink > 1;
  } catch {
    return false;
  }
}

/** The policy, also denying reads and writes of hard-linked files under `root` (relative paths are root-relative). */
export function guardHardLinks(policy: PathPolicy, root: string): PathPolicy {
  const linked = (rel: string) =>
    rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) && isHardLinked(path.join(root, rel));
  return {
    readDenied: (rel) => policy.readDenied(rel) || linked(rel),
    writeDenied: (rel) => policy.writeDenied(rel) || linked(rel),
    absoluteDenied: (abs) => policy.absoluteDenied(abs),
    describe: () => `${policy.describe()}; hard-linked files (outside node_modules) denied`,
  };
}
