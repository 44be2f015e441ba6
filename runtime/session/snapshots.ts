/**
 * Per-turn snapshots, so a turn's edits can be undone. Before the first write of each file in a turn, the store
 * records what the file held (bytes and mode) or that it did not exist, persisted at once under
 * `.smallcode/snapshots/<session>/<turn>/` (manifest.json plus one blob per file), so a crashed run can still be
 * rolled back by a new process. Rollback restores every file byte-identical with its mode, deletes files (and the
 * directories) the turn created, and reports exactly what it did.
 * The file tools call the `beforeWrite` hook before they write; what shell commands change is recorded afterwards,
 * with its earlier content, through `recordPrior` (shell-checkpoint.ts).
 */
import { createHash, randomBytes } from "node:crypto";
import * as path from "node:path";
import { errorText, nodeFileOps, type FileOps } from "../fs/ops.js";
import type { WriteTarget } from "../fs/write.js";

export interface SnapshotEntry {
  /** Root-relative POSIX path. */
  path: string;
  existed: boolean;
  mode?: number;
  /** Blob file name under files/ when the file existed. */
  blob?: string;
  sha256?: string;
  /** Directories (root-relative) that did not exist before and the write will create, deepest last. */
  createdDirs: string[];
}

export interface TurnManifest {
  version: 1;
  session: string;
  turn: number;
  entries: SnapshotEntry[];
}

export interface RollbackReport {
  turn: number;
  /** Files written back to what they held before the turn. */
  restored: string[];
  /** Files the turn created, now deleted. */
  deleted: string[];
  /** Directories the turn created, now removed. */
  removedDirs: string[];
  /** Files that already held their snapshot content. */
  unchanged: string[];
  errors: Array<{ path: string; message: string }>;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

export function newSessionId(): string {
  const d = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  return `${d}-${randomBytes(3).toString("hex")}`;
}

export class SnapshotStore {
  private turnNo = 0;
  private manifest: TurnManifest | null = null;
  private readonly recorded = new Set<string>();

  constructor(
    /** The project root's real path. */
    readonly root: string,
    readonly session: string = newSessionId(),
    private readonly ops: FileOps = nodeFileOps,
  ) {}

  /** The snapshot directory of this session. */
  get dir(): string {
    return path.join(this.root, ".smallcode", "snapshots", this.session);
  }

  get turn(): number {
    return this.turnNo;
  }

  /** Starts a new turn: the next write of each file is recorded again. */
  beginTurn(turn: number = this.turnNo + 1): void {
    this.turnNo = turn;
    this.manifest = null;
    this.recorded.clear();
  }

  /** The hook the file tools call before every write. */
  readonly beforeWrite = (target: WriteTarget): Promise<void> => this.record(target.rel);

  private turnDir(turn: number): string {
    return path.join(this.dir, String(turn));
  }

  private async createdDirsFor(rel: string): Promise<string[]> {
    const dirs: string[] = [];
    let cur = path.posix.dirname(rel);
    while (cur !== "." && cur !== "" && (await this.ops.lstat(path.join(this.root, cur))) === null) {
      dirs.unshift(cur);
      cur = path.posix.dirname(cur);
    }
    return dirs;
  }

  /** Records `rel` (root-relative) for the current turn unless already recorded. */
  async record(rel: string): Promise<void> {
    if (this.recorded.has(rel)) return;
    const abs = path.join(this.root, rel);
    const st = await this.ops.lstat(abs);
    const prior = st !== null ? { bytes: await this.ops.readFile(abs), mode: st.mode } : null;
    await this.save(rel, prior, st ? [] : await this.createdDirsFor(rel));
  }

  /**
   * Records what `rel` held before a change that already happened (a shell command's, seen by shell-checkpoint.ts):
   * its bytes and mode, or null when the change created it, with the directories created for it. A file already
   * recorded in this turn keeps its earlier record, which is older.
   */
  async recordPrior(
    rel: string,
    prior: { bytes: Uint8Array; mode: number } | null,
    createdDirs: string[],
  ): Promise<void> {
    if (this.recorded.has(rel)) return;
    await this.save(rel, prior, prior ? [] : createdDirs);
  }

  private async save(rel: string, prior: { bytes: Uint8Array; mode: number } | null, createdDirs: string[]) {
    if (this.turnNo === 0) this.beginTurn(1);
    const entry: SnapshotEntry = { path: rel, existed: prior !== null, createdDirs };
    const dir = this.turnDir(this.turnNo);
    await this.ops.mkdirp(path.join(dir, "files"));
    await this.ops.writeFileAtomic(path.join(this.root, ".smallcode", "snapshots", ".gitignore"), "*\n");
    this.manifest ??= { version: 1, session: this.session, turn: this.turnNo, entries: [] };
    if (prior !== null) {
      entry.mode = prior.mode;
      entry.blob = `${this.manifest.entries.length}.bin`;
      entry.sha256 = sha(prior.bytes);
      await this.ops.writeFileAtomic(path.join(dir, "files", entry.blob), prior.bytes);
    }
    this.manifest.entries.push(entry);
    await this.ops.writeFileAtomic(path.join(dir, "manifest.json"), JSON.stringify(this.manifest, null, 2));
    this.recorded.add(rel);
  }

  /** Turns with a snapshot on disk, oldest first. */
  async turns(): Promise<number[]> {
    const entries = await this.ops.readdir(this.dir).catch(() => []);
    return entries
      .filter((e) => e.kind === "dir" && /^\d+$/.test(e.name))
      .map((e) => Number(e.name))
      .sort((a, b) => a - b);
  }

  async loadManifest(turn: number): Promise<TurnManifest | null> {
    try {
      const text = (await this.ops.readFile(path.join(this.turnDir(turn), "manifest.json"))).toString("utf8");
      return JSON.parse(text) as TurnManifest;
    } catch {
      return null;
    }
  }

  /** Restores every file the turn touched (default: the current turn) and deletes what it created. */
  async rollback(turn: number = this.turnNo): Promise<RollbackReport> {
    const report: RollbackReport = { turn, restored: [], deleted: [], removedDirs: [], unchanged: [], errors: [] };
    const manifest = await this.loadManifest(turn);
    if (manifest === null) return report;
    for (const entry of [...manifest.entries].reverse()) {
      const abs = path.resolve(this.root, entry.path);
      if (!abs.startsWith(this.root + path.sep)) {
        report.errors.push({ path: entry.path, message: "path outside the project root in the manifest; skipped" });
        continue;
      }
      try {
        await this.restoreOne(entry, abs, this.turnDir(turn), report);
      } catch (err) {
        report.errors.push({ path: entry.path, message: errorText(err) });
      }
    }
    if (turn === this.turnNo) this.recorded.clear();
    this.manifest = null;
    return report;
  }

  private async restoreOne(entry: SnapshotEntry, abs: string, dir: string, report: RollbackReport): Promise<void> {
    const now = await this.ops.lstat(abs);
    if (!entry.existed) {
      if (now !== null) {
        await this.ops.remove(abs);
        report.deleted.push(entry.path);
      }
      for (const d of [...entry.createdDirs].reverse()) {
        const entries = await this.ops.readdir(path.join(this.root, d)).catch(() => null);
        if (entries !== null && entries.length === 0) {
          await this.ops.remove(path.join(this.root, d));
          report.removedDirs.push(d);
        }
      }
      return;
    }
    const bytes = await this.ops.readFile(path.join(dir, "files", entry.blob ?? ""));
    if (entry.sha256 && sha(bytes) !== entry.sha256)
      throw new Error("snapshot blob is corrupt (hash mismatch); not restored");
    if (
      now !== null &&
      now.kind === "file" &&
      now.mode === entry.mode &&
      sha(await this.ops.readFile(abs)) === entry.sha256
    ) {
      report.unchanged.push(entry.path);
      return;
    }
    if (now !== null && now.kind !== "file") await this.ops.remove(abs);
    await this.ops.mkdirp(path.dirname(abs));
    await this.ops.writeFileAtomic(abs, bytes, entry.mode);
    report.restored.push(entry.path);
  }
}

/** A one-paragraph account of a rollback, for the user or the model. */
export function describeRollback(r: RollbackReport): string {
  const parts: string[] = [];
  if (r.restored.length) parts.push(`restored ${r.restored.join(", ")}`);
  if (r.deleted.length) parts.push(`deleted ${r.deleted.join(", ")} (created in that turn)`);
  if (r.removedDirs.length) parts.push(`removed empty directories ${r.removedDirs.join(", ")}`);
  if (r.unchanged.length) parts.push(`left ${r.unchanged.join(", ")} as they were (already identical)`);
  if (r.errors.length) parts.push(`failed on ${r.errors.map((e) => `${e.path} (${e.message})`).join(", ")}`);
  return parts.length ? `Rolled back turn ${r.turn}: ${parts.join("; ")}.` : `Turn ${r.turn} had nothing to roll back.`;
}
