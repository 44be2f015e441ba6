import { readFileSync, statSync, existsSync, chmodSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../runtime/fs/index.js";
import { CORE_TOOLS, type ToolContext } from "../../runtime/tools/impl/index.js";
import { tempProject, type TempProject } from "./helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

async function ctxFor(root: string, extra: Partial<ToolContext> = {}): Promise<ToolContext> {
  return { workspace: await openWorkspace(root), ...extra };
}

describe("write_file", () => {
  it("writes atomically, keeps the mode of an existing file and leaves no temp file", async () => {
    p = tempProject();
    const abs = p.write("run.sh", "#!/bin/sh\necho old\n", 0o755);
    chmodSync(abs, 0o755);
    const r = await CORE_TOOLS.write_file!({ path: "run.sh", content: "#!/bin/sh\necho new\n" }, await ctxFor(p.root));
    expect(r).toMatchObject({ ok: true, output: "Overwrote run.sh: 2 lines, 19 bytes." });
    expect(readFileSync(abs, "utf8")).toBe("#!/bin/sh\necho new\n");
    expect(statSync(abs).mode & 0o777).toBe(0o755);
    expect(readFileSync(abs).length).toBe(19);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(p.root)).toEqual(["run.sh"]);
  });

  it("creates parent directories inside the root", async () => {
    p = tempProject();
    const r = await CORE_TOOLS.write_file!({ path: "a/b/c.txt", content: "x" }, await ctxFor(p.root));
    expect(r.ok).toBe(true);
    expect(r.output).toBe("Created a/b/c.txt: 1 lines, 1 bytes.");
    expect(readFileSync(path.join(p.root, "a/b/c.txt"), "utf8")).toBe("x");
  });

  it("calls the snapshot hook before writing, and a failing hook prevents the write", async () => {
    p = tempProject({ "f.txt": "before" });
    const seen: string[] = [];
    const ok = await CORE_TOOLS.write_file!(
      { path: "f.txt", content: "after" },
      await ctxFor(p.root, { beforeWrite: async (t) => void seen.push(`${t.rel}:${readFileSync(t.abs, "utf8")}`) }),
    );
    expect(ok.ok).toBe(true);
    expect(seen).toEqual(["f.txt:before"]);
    const refused = await CORE_TOOLS.write_file!(
      { path: "f.txt", content: "again" },
      await ctxFor(p.root, { beforeWrite: () => Promise.reject(new Error("disk full")) }),
    );
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/Snapshot before writing f\.txt failed, so nothing was written: disk full/);
    expect(readFileSync(path.join(p.root, "f.txt"), "utf8")).toBe("after");
  });

  it("says which argument is missing", async () => {
    p = tempProject();
    const r = await CORE_TOOLS.write_file!({ path: "x.txt" }, await ctxFor(p.root));
    expect(r).toMatchObject({ ok: false });
    expect(r.output).toMatch(/the argument "content" is required/);
  });
});

describe("edit_file", () => {
  it("accepts old_text copied straight from read_file output, line numbers and all", async () => {
    p = tempProject({ "m.py": "def a():\n    return 1\n\ndef b():\n    return 2\n" });
    const ctx = await ctxFor(p.root);
    const shown = (await CORE_TOOLS.read_file!({ path: "m.py", start_line: 4, end_line: 5 }, ctx)).output;
    const copied = shown.split("\n").slice(0, 2).join("\n");
    expect(copied).toBe("4 | def b():\n5 |     return 2");
    const r = await CORE_TOOLS.edit_file!({ path: "m.py", old_text: copied, new_text: "def b():\n    return 3" }, ctx);
    expect(r.ok).toBe(true);
    expect(readFileSync(path.join(p.root, "m.py"), "utf8")).toBe("def a():\n    return 1\n\ndef b():\n    return 3\n");
  });

  it("applies a unique edit, keeps CRLF and mode, and shows the edited lines", async () => {
    p = tempProject();
    const abs = p.write("a.py", "def f():\r\n    return 1\r\n\r\nprint(f())\r\n", 0o640);
    chmodSync(abs, 0o640);
    const r = await CORE_TOOLS.edit_file!(
      { path: "a.py", old_text: "    return 1", new_text: "    return 2" },
      await ctxFor(p.root),
    );
    expect(r.ok).toBe(true);
    expect(r.output).toContain("Edited a.py at line 2.");
    expect(r.output).toContain("2 |     return 2");
    expect(readFileSync(abs, "utf8")).toBe("def f():\r\n    return 2\r\n\r\nprint(f())\r\n");
    expect(statSync(abs).mode & 0o777).toBe(0o640);
  });

  it("returns the patcher's refusal (closest lines) and leaves the file alone", async () => {
    p = tempProject({ "a.ts": "const a = 1;\nconst b = 2;\n" });
    const r = await CORE_TOOLS.edit_file!(
      { path: "a.ts", old_text: "const c = 3;", new_text: "x" },
      await ctxFor(p.root),
    );
    expect(r.ok).toBe(false);
    expect(r.data).toMatchObject({ reason: "not_found" });
    expect(r.output).toMatch(/const a = 1;|const b = 2;/);
    expect(readFileSync(path.join(p.root, "a.ts"), "utf8")).toBe("const a = 1;\nconst b = 2;\n");
  });

  it("refuses an ambiguous edit and applies it everywhere with replace_all", async () => {
    p = tempProject({ "a.txt": "x = 1\ny = 2\nx = 1\n" });
    const ctx = await ctxFor(p.root);
    const amb = await CORE_TOOLS.edit_file!({ path: "a.txt", old_text: "x = 1", new_text: "x = 9" }, ctx);
    expect(amb).toMatchObject({ ok: false, data: { reason: "ambiguous" } });
    const all = await CORE_TOOLS.edit_file!(
      { path: "a.txt", old_text: "x = 1", new_text: "x = 9", replace_all: true },
      ctx,
    );
    expect(all.ok).toBe(true);
    expect(readFileSync(path.join(p.root, "a.txt"), "utf8")).toBe("x = 9\ny = 2\nx = 9\n");
  });

  it("refuses to edit a file that is not valid UTF-8 rather than corrupt it", async () => {
    p = tempProject();
    const abs = p.write("latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x78, 0x0a]));
    const r = await CORE_TOOLS.edit_file!({ path: "latin1.txt", old_text: "x", new_text: "y" }, await ctxFor(p.root));
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/not valid UTF-8/);
    expect(readFileSync(abs)).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x78, 0x0a]));
  });

  it("creates a missing file when old_text is empty", async () => {
    p = tempProject();
    const r = await CORE_TOOLS.edit_file!(
      { path: "new/n.txt", old_text: "", new_text: "hello\n" },
      await ctxFor(p.root),
    );
    expect(r.ok).toBe(true);
    expect(r.output).toMatch(/^Created new\/n\.txt\./);
    expect(existsSync(path.join(p.root, "new/n.txt"))).toBe(true);
  });
});
