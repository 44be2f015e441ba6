import { describe, expect, it } from "vitest";
import { applyEdit } from "../../index.js";

const file = [
  "def load(path):",
  "    with open(path) as f:",
  "        data = f.read()",
  "    return parse(data)",
  "",
].join("\n");

describe("refusal messages are written for the model", () => {
  it("not_found shows the closest lines with numbers, which line differs and why, and what to send", () => {
    const r = applyEdit(file, "    with open(path) as fh:\n        data = fh.read()", "x");
    if (r.ok) expect.fail("applied");
    expect(r.reason).toBe("not_found");
    expect(r.message).toContain("2 |     with open(path) as f:");
    expect(r.message).toContain("Line 2 differs (the content differs)");
    expect(r.message).toMatch(/Re-read lines 2–3/);
  });

  it("names a whitespace-only difference as such", () => {
    const r = applyEdit(file, "def load(path):\n    with open(path) as f:\n      data = f.read()", "x");
    if (r.ok) expect.fail("applied");
    expect(r.message).toMatch(/only indentation differs: the file has 8 spaces, you sent 6 spaces/);
  });

  it("an unclear indentation frame names the direction the quote is off in", () => {
    const src = "def f():\n    x = 1\n    return x\n";
    const deeper = applyEdit(src, "      x = 1\n      return x", "      x = 1\n        y = 2\n      return x");
    if (deeper.ok) expect.fail("applied");
    expect(deeper.message).toContain("oldText is indented deeper than the lines the file has there");
    const shallower = applyEdit(src, "x = 1\nreturn x", "x = 1\n  y = 2\nreturn x");
    if (shallower.ok) expect.fail("applied");
    expect(shallower.message).toContain("oldText left out indentation the file has there");
  });

  it("says so when oldText is written as a diff hunk, and not for a Markdown list", () => {
    const hunk = applyEdit(file, "@@ -2,2 +2,2 @@\n     with open(path) as f:\n-        data = f.read()", "x");
    if (hunk.ok) expect.fail("applied");
    expect(hunk.message).toContain("looks like a unified diff");
    const mixed = applyEdit(file, "-        data = f.read()\n+        data = f.read().strip()", "x");
    if (mixed.ok) expect.fail("applied");
    expect(mixed.message).toContain("looks like a unified diff");
    const list = applyEdit("# Notes\n\n- alpha\n- beta\n", "- alpha\n- gamma", "- alpha\n- delta");
    if (list.ok) expect.fail("applied");
    expect(list.message).not.toContain("unified diff");
  });

  it("ambiguous lists every place with line numbers and asks for more context", () => {
    const r = applyEdit("a = 1\nb = 2\na = 1\n", "a = 1", "a = 3");
    if (r.ok) expect.fail("applied");
    expect(r.reason).toBe("ambiguous");
    expect(r.message).toContain("line 1, line 3");
    expect(r.message).toContain("3 | a = 1");
    expect(r.message).toMatch(/more surrounding lines/);
  });

  it("no_change says the text is already as requested", () => {
    const r = applyEdit(file, "return parse(data)", "return parse(data)");
    if (r.ok) expect.fail("applied");
    expect(r.reason).toBe("no_change");
    expect(r.message).toMatch(/already as requested/);
    expect(r.message).toContain("4 |     return parse(data)");
  });

  it("shows the start of the file when nothing resembles the text", () => {
    const r = applyEdit(file, "zzz qqq", "x");
    if (r.ok) expect.fail("applied");
    expect(r.message).toContain("1 | def load(path):");
  });
});
