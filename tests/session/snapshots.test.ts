import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../runtime/fs/index.js";
import { SnapshotStore, describeRollback } from "../../runtime/session/index.js";
import { CORE_TOOLS, type ToolContext } from "../../runtime/tools/impl/index.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

const BINARY = Buffer.from([0, 1, 2, 255, 254, 13, 10, 0x89, 0x50]);

async function setup() {
  p = tempProject({ "src/a.ts": "export const a = 1;\r\n", "README.md": "# Title\n\nno final newline" }, { git: true });
  p.write("bin/data.bin", BINARY);
  chmodSync(path.join(p.root, "src/a.ts"), 0o600);
  const store = new SnapshotStore(p.root, "s1");
  const ctx: ToolContext = { workspace: await openWorkspace(p.root), beforeWrite: store.beforeWrite };
  return { store, ctx };
}

function state(rel: string): { bytes: string; mode: number } | null {
  const abs = path.join(p.root, rel);
  if (!existsSync(abs)) return null;
  return { bytes: readFileSync(abs).toString("base64"), mode: statSync(abs).mode & 0o7777 };
}

describe("snapshots and rollback", () => {
  it("rolls back a multi-file turn byte-identical (modes too) and deletes what the turn created", async () => {
    const { store, ctx } = await setup();
    const tracked = ["src/a.ts", "README.md", "bin/data.bin"];
    const before = Object.fromEntries(tracked.map((f) => [f, state(f)]));
    store.beginTurn(1);
    expect(
      (await CORE_TOOLS.edit_file!({ path: "src/a.ts", old_text: "const a = 1;", new_text: "const a = 2;" }, ctx)).ok,
    ).toBe(true);
    expect(
      (await CORE_TOOLS.edit_file!({ path: "src/a.ts", old_text: "const a = 2;", new_text: "const a = 3;" }, ctx)).ok,
    ).toBe(true);
    expect((await CORE_TOOLS.write_file!({ path: "README.md", content: "rewritten\n" }, ctx)).ok).toBe(true);
    expect((await CORE_TOOLS.write_file!({ path: "bin/data.bin", content: "text now" }, ctx)).ok).toBe(true);
    expect((await CORE_TOOLS.write_file!({ path: "new/deep/file.ts", content: "x" }, ctx)).ok).toBe(true);
    chmodSync(path.join(p.root, "src/a.ts"), 0o644);

    const report = await store.rollback();
    expect(report.restored.sort()).toEqual(["README.md", "bin/data.bin", "src/a.ts"]);
    expect(report.deleted).toEqual(["new/deep/file.ts"]);
    expect(report.removedDirs).toEqual(["new/deep", "new"]);
    expect(report.errors).toEqual([]);
    for (const f of tracked) expect(state(f), f).toEqual(before[f]);
    expect(existsSync(path.join(p.root, "new"))).toBe(false);
    expect(describeRollback(report)).toMatch(
      /^Rolled back turn 1: restored .*; deleted new\/deep\/file\.ts \(created in that turn\)/,
    );
  });

  it("records only the state before the first edit of each turn", async () => {
    const { store, ctx } = await setup();
    store.beginTurn(1);
    await CORE_TOOLS.write_file!({ path: "README.md", content: "turn 1\n" }, ctx);
    store.beginTurn(2);
    await CORE_TOOLS.write_file!({ path: "README.md", content: "turn 2 first\n" }, ctx);
    await CORE_TOOLS.write_file!({ path: "README.md", content: "turn 2 second\n" }, ctx);
    expect((await store.loadManifest(2))?.entries).toHaveLength(1);
    await store.rollback(2);
    expect(readFileSync(path.join(p.root, "README.md"), "utf8")).toBe("turn 1\n");
    await store.rollback(1);
    expect(readFileSync(path.join(p.root, "README.md"), "utf8")).toBe("# Title\n\nno final newline");
    expect(await store.turns()).toEqual([1, 2]);
  });

  it("survives a crash: a new store for the same session rolls back from disk", async () => {
    const { store, ctx } = await setup();
    const before = state("src/a.ts");
    store.beginTurn(5);
    await CORE_TOOLS.write_file!({ path: "src/a.ts", content: "broken" }, ctx);
    await CORE_TOOLS.write_file!({ path: "created.txt", content: "new" }, ctx);
    const fresh = new SnapshotStore(p.root, "s1");
    const report = await fresh.rollback(5);
    expect(report.restored).toEqual(["src/a.ts"]);
    expect(report.deleted).toEqual(["created.txt"]);
    expect(state("src/a.ts")).toEqual(before);
  });

  it("keeps its data under .smallcode/snapshots/, self-ignored by git and out of the model's reach", async () => {
    const { store, ctx } = await setup();
    store.beginTurn(1);
    await CORE_TOOLS.write_file!({ path: "README.md", content: "x" }, ctx);
    expect(existsSync(path.join(p.root, ".smallcode/snapshots/s1/1/manifest.json"))).toBe(true);
    expect(readFileSync(path.join(p.root, ".smallcode/snapshots/.gitignore"), "utf8")).toBe("*\n");
    const listing = await CORE_TOOLS.list_dir!({}, ctx);
    expect(listing.output).not.toContain(".smallcode");
    const tamper = await CORE_TOOLS.write_file!(
      { path: ".smallcode/snapshots/s1/1/manifest.json", content: "{}" },
      ctx,
    );
    expect(tamper.ok).toBe(false);
  });

  it("reports files already back to their snapshot as unchanged, and a turn without edits as nothing to do", async () => {
    const { store, ctx } = await setup();
    store.beginTurn(1);
    await CORE_TOOLS.write_file!({ path: "README.md", content: "# Title\n\nno final newline" }, ctx);
    const r = await store.rollback();
    expect(r.unchanged).toEqual(["README.md"]);
    expect(describeRollback(await store.rollback(9))).toBe("Turn 9 had nothing to roll back.");
  });
});

describe("openCoreToolSession", () => {
  it("wires snapshots into the tools and the shell into bash, and close() ends the shell", async () => {
    p = tempProject({ "a.txt": "one\n" });
    const { openCoreToolSession } = await import("../../runtime/tools/impl/index.js");
    const session = await openCoreToolSession({ root: p.root, sessionId: "wired" });
    session.beginTurn(1);
    await CORE_TOOLS.write_file!({ path: "a.txt", content: "two\n" }, session.ctx);
    expect((await CORE_TOOLS.bash!({ command: "cat a.txt" }, session.ctx)).output).toBe("two\n[exit code 0]");
    expect((await session.snapshots.rollback()).restored).toEqual(["a.txt"]);
    expect(readFileSync(path.join(p.root, "a.txt"), "utf8")).toBe("one\n");
    await session.close();
    expect((await CORE_TOOLS.bash!({ command: "true" }, session.ctx)).output).toMatch(/closed/);
  });
});
