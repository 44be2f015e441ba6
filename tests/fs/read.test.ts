import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace, readForModel } from "../../runtime/fs/index.js";
import { tempProject, type TempProject } from "./helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

describe("read_file for the model", () => {
  it("numbers lines as `  N | text`, without a phantom line after the final newline", async () => {
    p = tempProject({ "a.txt": "one\ntwo\r\nthree\n" });
    const r = await readForModel(await openWorkspace(p.root), "a.txt");
    expect(r).toMatchObject({ ok: true, kind: "full", totalLines: 3 });
    expect(r.ok && r.text).toBe("1 | one\n2 | two\n3 | three");
  });

  it("pads numbers to the width of the last line number and shows a requested range", async () => {
    p = tempProject({ "a.txt": Array.from({ length: 120 }, (_, i) => `line ${i + 1}`).join("\n") });
    const r = await readForModel(await openWorkspace(p.root), "a.txt", { startLine: 9, endLine: 11 });
    expect(r.ok && r.text).toBe("  9 | line 9\n 10 | line 10\n 11 | line 11\n[Lines 9-11 of 120.]");
  });

  it("refuses a start line past the end and a reversed range, saying why", async () => {
    p = tempProject({ "a.txt": "x\ny\n" });
    const ws = await openWorkspace(p.root);
    const past = await readForModel(ws, "a.txt", { startLine: 5 });
    expect(past.ok).toBe(false);
    expect(!past.ok && past.message).toMatch(/has 2 lines; start_line 5 is past the end/);
    const reversed = await readForModel(ws, "a.txt", { startLine: 2, endLine: 1 });
    expect(!reversed.ok && reversed.message).toMatch(/Invalid line range 2-1/);
  });

  it("gives an outline with line numbers plus the first lines when the file is over the budget", async () => {
    const body = ['import { x } from "./x.js";', ""];
    for (let i = 0; i < 200; i++) body.push(`export function fn${i}(a: number): number {`, "  return a + 1;", "}", "");
    p = tempProject({ "src/big.ts": body.join("\n") });
    const r = await readForModel(await openWorkspace(p.root), "src/big.ts", { budgetChars: 4000 });
    expect(r.ok && r.kind).toBe("outline");
    const text = r.ok ? r.text : "";
    expect(text).toContain('  1 | import { x } from "./x.js";');
    expect(text).toContain("  3 | export function fn0(a: number): number {");
    expect(text).toContain("799 | export function fn199(a: number): number {");
    expect(text).toMatch(/call read_file again with start_line and end_line \(e\.g\. start_line=\d+\)/);
    expect(text.length).toBeLessThan(4000 + 8000); // outline plus half the budget of first lines, no more
  });

  it("outlines Python by def/class/import", async () => {
    const body = ["import os", "from x import y", ""];
    for (let i = 0; i < 300; i++) body.push(`def f${i}(a):`, "    return a", "");
    body.push("class Thing:", "    pass");
    p = tempProject({ "m.py": body.join("\n") });
    const r = await readForModel(await openWorkspace(p.root), "m.py", { budgetChars: 3000 });
    const text = r.ok ? r.text : "";
    expect(text).toContain("  1 | import os");
    expect(text).toContain("  4 | def f0(a):");
    expect(text).toMatch(/\d+ \| class Thing:/);
  });

  it("describes a binary file in one line instead of showing it", async () => {
    p = tempProject();
    p.write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]));
    const r = await readForModel(await openWorkspace(p.root), "logo.png");
    expect(r.ok && r.kind).toBe("binary");
    expect(r.ok && r.text).toBe("logo.png: PNG image, 15 B. Binary file: not shown as text.");
  });

  it("says what to do for a missing file, a directory and an empty file", async () => {
    p = tempProject({ "empty.txt": "", "d/x.txt": "x" });
    const ws = await openWorkspace(p.root);
    const missing = await readForModel(ws, "nope.ts");
    expect(!missing.ok && missing.message).toMatch(/does not exist\. Use list_dir or glob/);
    const dir = await readForModel(ws, "d");
    expect(!dir.ok && dir.message).toMatch(/is a directory\. Use list_dir/);
    const empty = await readForModel(ws, "empty.txt");
    expect(empty.ok && empty.text).toBe("empty.txt is empty.");
  });
});
