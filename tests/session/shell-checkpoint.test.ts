/**
 * Shell commands' changes are undoable: a real bash changes, creates and deletes files between two captures of the
 * working tree, the snapshot store records what they held, and rollback restores them byte-identical. The project's
 * own git index is never touched, ignored files and secrets are never copied, and a missing git turns it off with a
 * reason instead of failing the command.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ShellCheckpoint } from "../../runtime/session/shell-checkpoint.js";
import { SnapshotStore } from "../../runtime/session/snapshots.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

const bash = (script: string) => execFileSync("bash", ["-c", script], { cwd: p.root, stdio: "pipe" });
const git = (...args: string[]) => execFileSync("git", args, { cwd: p.root, encoding: "utf8" });
const BINARY = Buffer.from([0, 1, 2, 255, 254, 13, 10, 0x89, 0x50]);

describe("shell changes are snapshotted", () => {
  it("restores what sed, rm, mv and redirections changed, and deletes what they created", async () => {
    p = tempProject(
      {
        "src/app.py": "def f():\r\n    return 1\r\n",
        "README.md": "# Title\n\nno final newline",
        "old.txt": "to be deleted\n",
        ".gitignore": "build/\n",
      },
      { git: true },
    );
    p.write("data.bin", BINARY);
    p.write("run.sh", "#!/bin/sh\necho hi\n");
    chmodSync(path.join(p.root, "run.sh"), 0o755);
    git("add", "-A");
    const indexBefore = readFileSync(path.join(p.root, ".git", "index"));
    const before = Object.fromEntries(
      ["src/app.py", "README.md", "old.txt", "data.bin", "run.sh"].map((f) => [f, readFileSync(path.join(p.root, f))]),
    );

    const checkpoint = new ShellCheckpoint({ root: p.root });
    const store = new SnapshotStore(p.root, "s1");
    store.beginTurn(1);
    const tree = await checkpoint.capture();
    expect(tree).toMatch(/^[0-9a-f]{40}$/);
    bash(
      "sed -i 's/return 1/return 2/' src/app.py && echo appended >> README.md && rm old.txt && " +
        "printf 'x' > data.bin && chmod 644 run.sh && echo new > run.sh && mkdir -p gen/deep && echo g > gen/deep/out.txt && " +
        "mkdir -p build && echo ignored > build/out.o && mkdir -p node_modules/dep && echo dep > node_modules/dep/i.js",
    );
    const set = await checkpoint.changesSince(tree!);
    expect(set.changes.map((c) => c.path).sort()).toEqual([
      "README.md",
      "data.bin",
      "gen/deep/out.txt",
      "old.txt",
      "run.sh",
      "src/app.py",
    ]);
    expect(set.changes.find((c) => c.path === "gen/deep/out.txt")?.createdDirs).toEqual(["gen", "gen/deep"]);
    for (const c of set.changes) await store.recordPrior(c.path, c.prior, c.createdDirs);

    const report = await store.rollback();
    expect(report.errors).toEqual([]);
    expect(report.deleted).toEqual(["gen/deep/out.txt"]);
    expect(report.removedDirs).toEqual(["gen/deep", "gen"]);
    for (const [f, bytes] of Object.entries(before)) expect(readFileSync(path.join(p.root, f))).toEqual(bytes);
    expect(statSync(path.join(p.root, "run.sh")).mode & 0o111).not.toBe(0);
    expect(readFileSync(path.join(p.root, "build/out.o"), "utf8")).toBe("ignored\n");
    // The project's own index is untouched: the shadow repository has its own.
    expect(readFileSync(path.join(p.root, ".git", "index"))).toEqual(indexBefore);
    expect(git("status", "--porcelain")).not.toContain(".smallcode");
  });

  it("never copies or restores secrets, and a file recorded earlier in the turn keeps its older state", async () => {
    p = tempProject({ ".env": "API_KEY=sk-live-123\n", "notes.md": "v1\n" });
    const checkpoint = new ShellCheckpoint({ root: p.root, isSecret: (rel) => rel === ".env" });
    const store = new SnapshotStore(p.root, "s2");
    store.beginTurn(1);
    await store.record("notes.md"); // a file tool wrote it first, when it held v1
    p.write("notes.md", "v2\n");
    const tree = await checkpoint.capture();
    bash("echo v3 > notes.md && echo API_KEY=changed > .env");
    const set = await checkpoint.changesSince(tree!);
    expect(set.changes.map((c) => c.path)).toEqual(["notes.md"]);
    for (const c of set.changes) await store.recordPrior(c.path, c.prior, c.createdDirs);
    await store.rollback();
    expect(readFileSync(path.join(p.root, "notes.md"), "utf8")).toBe("v1\n");
    // The secret never reached the shadow repository's objects.
    const shadow = path.join(p.root, ".smallcode", "snapshots", "shadow.git");
    const objects = execFileSync("git", ["--git-dir", shadow, "cat-file", "--batch-all-objects", "--batch"], {
      encoding: "utf8",
    });
    expect(objects).toContain("v2");
    expect(objects).not.toContain("sk-live-123");
  });

  it("reports symbolic links it cannot restore, and turns itself off with a reason when git is missing", async () => {
    p = tempProject({ "a.txt": "a\n" });
    bash("ln -s a.txt link");
    const checkpoint = new ShellCheckpoint({ root: p.root });
    const tree = await checkpoint.capture();
    bash("rm link && ln -s missing link");
    const set = await checkpoint.changesSince(tree!);
    expect(set.changes).toEqual([]);
    expect(set.skipped).toEqual([{ path: "link", reason: "a symbolic link" }]);

    const saved = process.env["PATH"];
    process.env["PATH"] = "/nonexistent";
    try {
      const off = new ShellCheckpoint({ root: p.root, gitDir: path.join(p.root, ".smallcode", "other.git") });
      expect(await off.capture()).toBeUndefined();
      expect(off.disabledReason).toMatch(/git is not installed/);
    } finally {
      process.env["PATH"] = saved;
    }
    expect(existsSync(path.join(p.root, ".smallcode", "other.git"))).toBe(false);
  });
});
