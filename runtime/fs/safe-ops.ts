/**
 * `FileOps` bound to the project root, closing the cheap part of the check-then-use race. The path checks in
 * paths.ts run before the I/O; if a directory or the file is swapped for a symlink in between (by a concurrent
 * command), these operations notice instead of following it:
 *   - reads resolve the path again, refuse it unless it is still inside the root, open the real path with O_NOFOLLOW
 *     and compare the opened file's real path (`/proc/self/fd/N` on Linux) with it;
 *   - atomic writes refuse unless the directory's real path is inside the root, before writing and again after.
 * What is left: a swap in the microseconds between the last check and the rename (docs/security.md).
 */
import { constants, promises as fsp, realpathSync } from "node:fs";
import * as path from "node:path";
import { nodeFileOps, type FileOps } from "./ops.js";

const PROC_FD = process.platform === "linux";

function raceError(abs: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(
    `${abs} now leads outside the project (a directory or file was replaced by a symlink after the check); refused.`,
  );
  err.code = "ESYMLINKRACE";
  return err;
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
}

/** Real path of `p`, or of its nearest existing ancestor joined with the rest. */
function realish(p: string): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** The real file system, refusing reads and writes that no longer land inside `rootReal` when they happen. */
export function rootBoundFileOps(rootReal: string): FileOps {
  const readFile = async (abs: string): Promise<Buffer> => {
    const real = await fsp.realpath(abs);
    if (!inside(rootReal, real)) throw raceError(abs);
    const handle = await fsp.open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      if (PROC_FD) {
        const opened = await fsp.realpath(`/proc/self/fd/${handle.fd}`).catch(() => real);
        if (opened !== real) throw raceError(abs);
      }
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  };
  const writeFileAtomic = async (abs: string, data: Uint8Array | string, mode?: number): Promise<void> => {
    const dir = path.dirname(abs);
    const target = () => path.join(realish(dir), path.basename(abs));
    if (!inside(rootReal, target())) throw raceError(abs);
    const st = await fsp.lstat(abs).catch(() => null);
    if (st?.isSymbolicLink() && !inside(rootReal, realish(abs))) throw raceError(abs);
    await nodeFileOps.writeFileAtomic(abs, data, mode);
    if (!inside(rootReal, target())) throw raceError(abs); // too late to undo, but never reported as a clean write
  };
  return { ...nodeFileOps, readFile, writeFileAtomic };
}
