/**
 * Did the run change the project? Edits through the file tools are tracked exactly (LoopCounters.filesChanged); a
 * shell command can change files too (`sed -i`, a code generator), so the loop also compares a fingerprint of the
 * working tree taken at the start with one taken when a stage asks. The fingerprint is git's view of the tree (status
 * plus each listed path's size and mtime), leaving out SmallCode's own `.smallcode/` files; outside a git repository
 * there is none, and any shell command that ran counts as a possible change.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import type { LoopParts } from "./loop-parts.js";

const OWN_FILES = ".smallcode/";

/** A fingerprint of the working tree, or undefined when `root` is not inside a git work tree. */
export function workspaceFingerprint(root: string): string | undefined {
  let status: string;
  try {
    status = execFileSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
  const hash = createHash("sha1");
  for (const entry of status.split("\0")) {
    const path = entry.slice(3);
    if (entry.length < 4 || path.startsWith(OWN_FILES)) continue;
    hash.update(entry).update("\0");
    try {
      const s = statSync(join(root, path));
      hash.update(`${s.size}:${s.mtimeMs}\0`);
    } catch {
      hash.update("gone\0");
    }
  }
  return hash.digest("hex");
}

/** Whether the run has changed any file so far (see the module comment). */
export function runChangedFiles(p: LoopParts, root: string): boolean {
  if (p.counters.filesChanged.size > 0) return true;
  const before = p.counters.workspaceAtStart;
  if (before === undefined) return p.counters.calls.some((c) => c.name === "bash" || p.specs.get(c.name)?.shell);
  return workspaceFingerprint(root) !== before;
}
