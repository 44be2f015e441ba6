/**
 * Writing inside the root: atomic (temp file in the same directory, fsync, rename), keeping the file's mode,
 * creating parent directories inside the root, and calling the snapshot hook before anything changes.
 */
import * as path from "node:path";
import { errorText } from "./ops.js";
import type { Workspace } from "./workspace.js";

/** A file about to be written: its real absolute path and its path relative to the root's real path. */
export interface WriteTarget {
  abs: string;
  rel: string;
}

/** Called before every write; a snapshot store records what the file held. A rejection aborts the write. */
export type BeforeWrite = (target: WriteTarget) => Promise<void>;

export type WriteResult =
  { ok: true; rel: string; created: boolean; bytes: number; previous: Buffer | null } | { ok: false; message: string };

export interface WriteOptions {
  beforeWrite?: BeforeWrite;
}

/** Resolves `userPath` for writing and reads what it holds now (null when absent). */
export async function openForWrite(
  ws: Workspace,
  userPath: string,
): Promise<{ ok: true; target: WriteTarget; current: Buffer | null; mode?: number } | { ok: false; message: string }> {
  const resolved = await ws.resolve(userPath, "write");
  if (!resolved.ok) return { ok: false, message: resolved.message };
  const target = { abs: resolved.real, rel: path.relative(ws.rootReal, resolved.real).split(path.sep).join("/") };
  try {
    const st = await ws.ops.stat(target.abs);
    if (st === null) return { ok: true, target, current: null };
    if (st.kind !== "file") return { ok: false, message: `${resolved.rel} is a ${st.kind}, not a file; refused.` };
    return { ok: true, target, current: await ws.ops.readFile(target.abs), mode: st.mode };
  } catch (err) {
    return { ok: false, message: `Cannot open ${resolved.rel}: ${errorText(err)}` };
  }
}

/** Writes `data` to an already opened target. */
export async function commitWrite(
  ws: Workspace,
  target: WriteTarget,
  data: string | Uint8Array,
  mode: number | undefined,
  options: WriteOptions,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await options.beforeWrite?.(target);
  } catch (err) {
    return {
      ok: false,
      message: `Snapshot before writing ${target.rel} failed, so nothing was written: ${errorText(err)}`,
    };
  }
  try {
    await ws.ops.mkdirp(path.dirname(target.abs));
    await ws.ops.writeFileAtomic(target.abs, data, mode);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: `Cannot write ${target.rel}: ${errorText(err)}` };
  }
}

export async function writeWithinRoot(
  ws: Workspace,
  userPath: string,
  content: string,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const opened = await openForWrite(ws, userPath);
  if (!opened.ok) return opened;
  const done = await commitWrite(ws, opened.target, content, opened.mode, options);
  if (!done.ok) return done;
  return {
    ok: true,
    rel: opened.target.rel,
    created: opened.current === null,
    bytes: Buffer.byteLength(content),
    previous: opened.current,
  };
}
