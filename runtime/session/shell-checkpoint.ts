/**
 * Undo for what shell commands change. The file tools record each file before they write it (snapshots.ts), but a
 * command (`sed -i`, `echo > f`, `git checkout`, a code generator) changes files nobody announced. So before a
 * shell-backed call the working tree is captured as a tree object in a private git repository
 * (`.smallcode/snapshots/shadow.git`, its own object store and index: the project's `.git` and index are never
 * touched), captured again after it, and the two trees are compared. Each file the command created, changed or
 * deleted is then handed to the snapshot store with what it held before, so rollback and /undo restore it like any
 * other edit.
 *
 * What it covers: files git would see. `.gitignore`d ones are left out, and so are dependency and cache folders
 * (`node_modules/`, `.venv/`, `target/` …) even without a .gitignore, and secrets on the read-deny list, which are
 * never copied. Git keeps only the executable bit, so a restored
 * file gets mode 644 or 755. Symbolic links and nested repositories are reported, not restored. Without git, or when
 * capturing the tree takes too long (a huge untracked tree), shell changes are not snapshotted, and the caller is told
 * once why.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import * as path from "node:path";
import { DEFAULT_DENY_READ } from "../fs/policy.js";
import { nodeFileOps, type FileOps } from "../fs/ops.js";

/** What one file held before the command: bytes and mode, or null when the command created it. */
export interface PriorState {
  bytes: Buffer;
  mode: number;
}

export interface ShellChange {
  /** Root-relative POSIX path. */
  path: string;
  prior: PriorState | null;
  /** Directories (root-relative) the command created for this file, outermost first. */
  createdDirs: string[];
}

export interface ShellChangeSet {
  changes: ShellChange[];
  /** Paths that changed but cannot be restored (symbolic links, nested repositories), with the reason. */
  skipped: Array<{ path: string; reason: string }>;
}

export interface ShellCheckpointOptions {
  /** The project root's real path. */
  root: string;
  /** Where the private repository lives (default: `<root>/.smallcode/snapshots/shadow.git`). */
  gitDir?: string;
  /** Capturing the tree longer than this disables shell snapshots for the session (default 10 s). */
  timeoutMs?: number;
  /** Paths never copied or restored (root-relative; default: the read-deny policy's secrets). */
  isSecret?: (rel: string) => boolean;
  ops?: FileOps;
}

type Git = (args: string[], bare?: boolean) => Promise<{ ok: true; out: Buffer } | { ok: false; error: string }>;

/** Past this the shadow repository is started afresh at the next run's first capture. */
const MAX_SHADOW_BYTES = 512 * 1024 * 1024;

const GIT_MODE: Record<string, number> = { "100644": 0o100644, "100755": 0o100755 };

/**
 * Dependency and cache folders that are rebuilt, never edited, and often huge: left out even where the project has no
 * .gitignore for them, so the first capture does not copy a whole `node_modules/` into the shadow repository.
 */
const REBUILT = [
  "node_modules/",
  ".venv/",
  "venv/",
  "__pycache__/",
  "*.pyc",
  ".pytest_cache/",
  ".mypy_cache/",
  ".ruff_cache/",
  ".tox/",
  "target/",
  ".gradle/",
  ".next/",
  ".nuxt/",
  ".turbo/",
  ".parcel-cache/",
  ".cache/",
];

/** Files the capture leaves out, in gitignore syntax: SmallCode's own folder, rebuilt folders, and secrets. */
function excludes(): string {
  const secrets = DEFAULT_DENY_READ.filter((p) => !p.startsWith(".git/") && !p.startsWith(".smallcode/"));
  return ["/.smallcode/", ...REBUILT, ...secrets].join("\n") + "\n";
}

export class ShellCheckpoint {
  private readonly gitDir: string;
  private readonly git: Git;
  private ready: Promise<string | undefined> | undefined;
  /** Why shell changes are not snapshotted (set once; every later call is a no-op). */
  private off: string | undefined;

  constructor(private readonly options: ShellCheckpointOptions) {
    this.gitDir = options.gitDir ?? path.join(options.root, ".smallcode", "snapshots", "shadow.git");
    // No system or user config: no clean/smudge filters, fsmonitor hooks or autocrlf of the user's run on a capture.
    const plain: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_TERMINAL_PROMPT: "0",
    };
    for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"])
      delete plain[name];
    const env = {
      ...plain,
      GIT_DIR: this.gitDir,
      GIT_WORK_TREE: options.root,
      GIT_INDEX_FILE: path.join(this.gitDir, "smallcode-index"),
      GIT_OPTIONAL_LOCKS: "0",
    };
    const config = [
      "-c",
      "core.autocrlf=false",
      "-c",
      "core.safecrlf=false",
      "-c",
      "core.fsmonitor=false",
      "-c",
      "core.quotepath=false",
      "-c",
      "gc.auto=0",
    ];
    const timeout = options.timeoutMs ?? 10_000;
    this.git = (args, bare = false) =>
      new Promise((done) => {
        execFile(
          "git",
          [...config, ...args],
          {
            env: bare ? plain : env,
            cwd: options.root,
            timeout,
            maxBuffer: 256 * 1024 * 1024,
            encoding: "buffer",
            killSignal: "SIGKILL",
          },
          (error, stdout, stderr) => {
            if (error) {
              const e = error as { killed?: boolean; code?: unknown };
              const why = e.killed
                ? `git took longer than ${Math.round(timeout / 1000)} s`
                : e.code === "ENOENT"
                  ? "git is not installed"
                  : stderr.toString("utf8").trim().split("\n")[0] || error.message;
              done({ ok: false, error: why });
            } else done({ ok: true, out: stdout });
          },
        );
      });
  }

  /** Why shell changes are not snapshotted, or undefined while they are. */
  get disabledReason(): string | undefined {
    return this.off;
  }

  private async init(): Promise<string | undefined> {
    const ops = this.options.ops ?? nodeFileOps;
    // The shadow objects are only needed between the two captures of one call (rollback keeps its own copies), so a
    // repository grown past the limit is started afresh; keeping it otherwise keeps the next first capture cheap.
    if ((await this.sizeBytes()) > MAX_SHADOW_BYTES) await rm(this.gitDir, { recursive: true, force: true });
    const created = await this.git(["init", "--bare", "--quiet", this.gitDir], true);
    if (!created.ok) return `git could not create ${this.gitDir} (${created.error})`;
    await ops.mkdirp(path.join(this.gitDir, "info"));
    await ops.writeFileAtomic(path.join(this.gitDir, "info", "exclude"), excludes());
    await ops.writeFileAtomic(path.join(this.options.root, ".smallcode", "snapshots", ".gitignore"), "*\n");
    return undefined;
  }

  private async sizeBytes(): Promise<number> {
    const r = await this.git(["count-objects", "-v"]);
    if (!r.ok) return 0;
    const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)`, "m").exec(r.out.toString("utf8"))?.[1] ?? 0);
    return (kib("size") + kib("size-pack")) * 1024;
  }

  /** Captures the working tree; returns the tree's id, or undefined when shell snapshots are off. */
  async capture(): Promise<string | undefined> {
    if (this.off !== undefined) return undefined;
    this.ready ??= this.init();
    const problem = await this.ready;
    if (problem !== undefined) {
      this.off = problem;
      return undefined;
    }
    const added = await this.git(["add", "--all", "--ignore-errors", "--", "."]);
    // `--ignore-errors` still exits non-zero when an unreadable file was skipped; the tree is written regardless.
    if (!added.ok && /longer than/.test(added.error)) {
      this.off = `capturing the working tree ${added.error}`;
      return undefined;
    }
    const tree = await this.git(["write-tree"]);
    if (!tree.ok) {
      this.off = `git could not record the working tree (${tree.error})`;
      return undefined;
    }
    return tree.out.toString("utf8").trim();
  }

  /** What changed between a capture and now, with what each file held at the capture. */
  async changesSince(before: string): Promise<ShellChangeSet> {
    const none: ShellChangeSet = { changes: [], skipped: [] };
    const after = await this.capture();
    if (after === undefined || after === before) return none;
    const diff = await this.git(["diff-tree", "-r", "-z", "--no-renames", before, after]);
    if (!diff.ok) return none;
    const isSecret = this.options.isSecret ?? (() => false);
    const fields = diff.out.toString("utf8").split("\0");
    const set: ShellChangeSet = { changes: [], skipped: [] };
    let beforeDirs: Set<string> | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const [oldMode = "", , oldSha = "", , status = ""] = (fields[i] ?? "").replace(/^:/, "").split(" ");
      const rel = fields[i + 1] ?? "";
      if (rel === "" || isSecret(rel)) continue;
      if (status === "A") {
        beforeDirs ??= await this.dirsOf(before);
        set.changes.push({ path: rel, prior: null, createdDirs: newDirs(rel, beforeDirs) });
        continue;
      }
      const mode = GIT_MODE[oldMode];
      if (mode === undefined) {
        set.skipped.push({ path: rel, reason: oldMode === "120000" ? "a symbolic link" : "a nested repository" });
        continue;
      }
      const blob = await this.git(["cat-file", "blob", oldSha]);
      if (!blob.ok) {
        set.skipped.push({ path: rel, reason: `its earlier content could not be read (${blob.error})` });
        continue;
      }
      set.changes.push({ path: rel, prior: { bytes: blob.out, mode }, createdDirs: [] });
    }
    return set;
  }

  private async dirsOf(tree: string): Promise<Set<string>> {
    const r = await this.git(["ls-tree", "-r", "-d", "-z", "--name-only", tree]);
    return new Set(r.ok ? r.out.toString("utf8").split("\0").filter(Boolean) : []);
  }
}

/** The ancestors of `rel` that were not directories in the earlier tree, outermost first. */
function newDirs(rel: string, existing: ReadonlySet<string>): string[] {
  const dirs: string[] = [];
  for (let d = path.posix.dirname(rel); d !== "." && d !== "" && !existing.has(d); d = path.posix.dirname(d))
    dirs.unshift(d);
  return dirs;
}
