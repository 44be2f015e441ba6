/**
 * File I/O behind a small interface (pi-mono's WriteOperations style), so tests and other environments can swap it.
 * Everything in runtime/fs/, runtime/session/ and the file tools goes through `FileOps`; nothing else touches `node:fs`.
 */
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";

export interface FileStat {
  kind: "file" | "dir" | "symlink" | "other";
  size: number;
  /** Permission bits (e.g. 0o644). */
  mode: number;
  mtimeMs: number;
}

export interface DirEntry {
  name: string;
  kind: FileStat["kind"];
}

export interface FileOps {
  readFile(abs: string): Promise<Buffer>;
  /** Temp file in the same directory, fsync, rename. Keeps `mode` when given. */
  writeFileAtomic(abs: string, data: Uint8Array | string, mode?: number): Promise<void>;
  /** Follows symlinks; null when nothing is there. */
  stat(abs: string): Promise<FileStat | null>;
  /** Does not follow symlinks; null when nothing is there. */
  lstat(abs: string): Promise<FileStat | null>;
  realpath(abs: string): Promise<string>;
  readlink(abs: string): Promise<string>;
  readdir(abs: string): Promise<DirEntry[]>;
  mkdirp(abs: string): Promise<void>;
  /** Removes a file (or an empty directory); no error when absent. */
  remove(abs: string): Promise<void>;
  chmod(abs: string, mode: number): Promise<void>;
}

function kindOf(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileStat["kind"] {
  if (s.isSymbolicLink()) return "symlink";
  if (s.isFile()) return "file";
  if (s.isDirectory()) return "dir";
  return "other";
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

async function statWith(fn: typeof fsp.stat, abs: string): Promise<FileStat | null> {
  try {
    const s = await fn(abs);
    return { kind: kindOf(s), size: s.size, mode: s.mode & 0o7777, mtimeMs: s.mtimeMs };
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

async function writeAtomic(abs: string, data: Uint8Array | string, mode?: number): Promise<void> {
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fsp.open(tmp, "wx", mode ?? 0o644);
  try {
    await handle.writeFile(data);
    // The open mode is filtered by the umask; chmod restores the exact bits the file had.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fsp.rename(tmp, abs);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** Makes the rename durable; not every platform lets a directory be fsynced, so failures are ignored. */
async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof fsp.open>> | undefined;
  try {
    handle = await fsp.open(dir, "r");
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close();
  }
}

/** The real file system. */
export const nodeFileOps: FileOps = {
  readFile: (abs) => fsp.readFile(abs),
  writeFileAtomic: writeAtomic,
  stat: (abs) => statWith(fsp.stat, abs),
  lstat: (abs) => statWith(fsp.lstat, abs),
  realpath: (abs) => fsp.realpath(abs),
  readlink: (abs) => fsp.readlink(abs),
  readdir: async (abs) => {
    const entries = await fsp.readdir(abs, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, kind: kindOf(e) }));
  },
  mkdirp: async (abs) => {
    await fsp.mkdir(abs, { recursive: true });
  },
  remove: async (abs) => {
    const st = await statWith(fsp.lstat, abs);
    if (st === null) return;
    if (st.kind === "dir") await fsp.rmdir(abs);
    else await fsp.unlink(abs);
  },
  chmod: (abs, mode) => fsp.chmod(abs, mode),
};

/** Message text of an unknown error, without a stack. */
export function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e?.code && e.message) return e.message;
  return err instanceof Error ? err.message : String(err);
}
