/**
 * Snapshot retention. Every run keeps its undo data under `.smallcode/snapshots/<session>/`, which would grow without
 * end. At the start of a run the oldest sessions go, but only those both beyond the newest `keep` and older than
 * `maxAgeMs`, so /undo of anything recent (a long interactive session's early prompts included) keeps working.
 * Session ids start with their UTC start time (`20261124-153000-…`), so name order is age order.
 */
import { readdir, rm } from "node:fs/promises";
import * as path from "node:path";

export interface PruneOptions {
  /** Sessions always kept, newest first (default 20). */
  keep?: number;
  /** Older sessions beyond `keep` are removed once older than this (default 7 days). */
  maxAgeMs?: number;
  now?: number;
}

const SESSION = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-[0-9a-z]+$/;

function startedAt(name: string): number | undefined {
  const m = SESSION.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Removes old snapshot sessions under `<root>/.smallcode/snapshots/`; returns the names removed. */
export async function pruneSnapshots(root: string, options: PruneOptions = {}): Promise<string[]> {
  const dir = path.join(root, ".smallcode", "snapshots");
  const keep = options.keep ?? 20;
  const cutoff = (options.now ?? Date.now()) - (options.maxAgeMs ?? 7 * 24 * 3600 * 1000);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const sessions = entries
    .filter((e) => e.isDirectory() && startedAt(e.name) !== undefined)
    .map((e) => e.name)
    .sort()
    .reverse();
  const removed: string[] = [];
  for (const name of sessions.slice(keep)) {
    if ((startedAt(name) ?? Infinity) >= cutoff) continue;
    try {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Undo data that cannot be removed now is tried again next run.
    }
  }
  return removed;
}
