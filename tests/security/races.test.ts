/**
 * Check-then-use races: the path is checked, then (as a concurrent command could) a directory in it is swapped for a
 * symlink to the outside before the I/O. The workspace's file operations must notice instead of following the link.
 */
import { readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../runtime/fs/workspace.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

let p: TempProject | undefined;
afterEach(() => p?.cleanup());

function swapDirForLink(p: TempProject, rel: string): void {
  renameSync(path.join(p.root, rel), path.join(p.root, `${rel}.orig`));
  symlinkSync(p.outside, path.join(p.root, rel));
}

describe("symlink races", () => {
  it("a read whose directory became a symlink after the check is refused", async () => {
    p = tempProject({ "docs/secret.txt": "inside\n" });
    writeFileSync(path.join(p.outside, "secret.txt"), "outside secret\n");
    const ws = await openWorkspace(p.root);
    const r = await ws.resolve("docs/secret.txt", "read");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    swapDirForLink(p, "docs");
    await expect(ws.ops.readFile(r.real)).rejects.toThrow(/replaced by a symlink|ELOOP|symbolic/);
  });

  it("a read whose file became a symlink after the check is refused (O_NOFOLLOW)", async () => {
    p = tempProject({ "a.txt": "inside\n" });
    const ws = await openWorkspace(p.root);
    const r = await ws.resolve("a.txt", "read");
    if (!r.ok) throw new Error(r.message);
    renameSync(path.join(p.root, "a.txt"), path.join(p.root, "a.orig"));
    symlinkSync(path.join(p.outside, "secret.txt"), path.join(p.root, "a.txt"));
    await expect(ws.ops.readFile(r.real)).rejects.toThrow();
  });

  it("a write whose directory became a symlink after the check is refused and the outside stays untouched", async () => {
    p = tempProject({ "out/keep.txt": "x\n" });
    const ws = await openWorkspace(p.root);
    const r = await ws.resolve("out/new.txt", "write");
    if (!r.ok) throw new Error(r.message);
    swapDirForLink(p, "out");
    await expect(ws.ops.writeFileAtomic(r.real, "pwned")).rejects.toThrow(/replaced by a symlink/);
    expect(() => readFileSync(path.join(p!.outside, "new.txt"))).toThrow();
  });

  it("reads and writes through symlinks that stay inside the project still work", async () => {
    p = tempProject({ "src/a.ts": "inside\n" });
    symlinkSync("src", path.join(p.root, "alias"));
    symlinkSync("src/a.ts", path.join(p.root, "a-link.ts"));
    const ws = await openWorkspace(p.root);
    for (const rel of ["alias/a.ts", "a-link.ts"]) {
      const r = await ws.resolve(rel, "read");
      if (!r.ok) throw new Error(r.message);
      expect((await ws.ops.readFile(r.abs)).toString()).toBe("inside\n");
    }
    const w = await ws.resolve("alias/new.ts", "write");
    if (!w.ok) throw new Error(w.message);
    await ws.ops.writeFileAtomic(w.real, "new\n");
    expect(readFileSync(path.join(p.root, "src/new.ts"), "utf8")).toBe("new\n");
  });
});
