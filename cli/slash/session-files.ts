/**
 * What an interactive session did to files, read back from its snapshots (`.smallcode/snapshots/<session>/<turn>/`):
 * the turns a prompt created, rolling them back, and the net change of every file since the session first touched it.
 */
import { readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { SnapshotStore, type RollbackReport } from "../../runtime/session/snapshots.js";
import type { FileChange } from "./types.js";

export async function projectRoot(cwd: string): Promise<string> {
  return realpath(cwd).catch(() => cwd);
}

/** Snapshot turns on disk for one agent session. */
export async function snapshotTurns(cwd: string, sessionId: string): Promise<number[]> {
  return new SnapshotStore(await projectRoot(cwd), sessionId).turns();
}

/** Rolls back `turns` newest first (so a file edited in two turns ends as it was before the first). */
export async function rollbackTurns(
  cwd: string,
  sessionId: string,
  turns: readonly number[],
): Promise<RollbackReport[]> {
  const store = new SnapshotStore(await projectRoot(cwd), sessionId);
  const reports: RollbackReport[] = [];
  for (const t of [...turns].sort((a, b) => b - a)) reports.push(await store.rollback(t));
  return reports;
}

async function readOrNull(path: string): Promise<string | null> {
  return readFile(path, "utf8").catch(() => null);
}

/** Net changes of every file the sessions wrote through the file tools, oldest snapshot as the baseline. */
export async function sessionChanges(cwd: string, sessionIds: readonly string[]): Promise<FileChange[]> {
  const root = await projectRoot(cwd);
  const baseline = new Map<string, string | null>();
  for (const id of sessionIds) {
    const store = new SnapshotStore(root, id);
    for (const turn of await store.turns()) {
      const manifest = await store.loadManifest(turn);
      for (const e of manifest?.entries ?? []) {
        if (baseline.has(e.path)) continue;
        const blob = e.existed && e.blob ? await readOrNull(join(store.dir, String(turn), "files", e.blob)) : null;
        baseline.set(e.path, blob);
      }
    }
  }
  const changes: FileChange[] = [];
  for (const [path, before] of [...baseline].sort(([a], [b]) => a.localeCompare(b))) {
    const after = await readOrNull(join(root, path));
    if (after !== before) changes.push({ path, before, after });
  }
  return changes;
}
