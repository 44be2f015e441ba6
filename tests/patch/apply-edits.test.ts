import { describe, expect, it } from "vitest";
import { applyEdits } from "../../index.js";

const file = "one\ntwo\nthree\nfour\n";

describe("applyEdits: several edits to one file, all or none", () => {
  it("locates every edit in the original file, whatever the order", () => {
    const r = applyEdits(file, [
      { oldText: "four", newText: "FOUR" },
      { oldText: "one", newText: "ONE" },
    ]);
    expect(r.ok && r.content).toBe("ONE\ntwo\nthree\nFOUR\n");
    expect(r.ok && r.edits.map((e) => e.startLine)).toEqual([4, 1]);
  });

  it("does not let one edit's output feed another's search", () => {
    const r = applyEdits(file, [
      { oldText: "one", newText: "two" },
      { oldText: "two", newText: "2" },
    ]);
    expect(r.ok && r.content).toBe("two\n2\nthree\nfour\n");
  });

  it("refuses overlapping edits and applies none", () => {
    const r = applyEdits(file, [
      { oldText: "two\nthree", newText: "x" },
      { oldText: "three", newText: "y" },
    ]);
    expect(r).toMatchObject({ ok: false, reason: "invalid" });
    expect(!r.ok && r.message).toMatch(/overlaps edit 1/);
  });

  it("applies none when one edit fails, and says which", () => {
    const r = applyEdits(file, [
      { oldText: "one", newText: "ONE" },
      { oldText: "five", newText: "FIVE" },
    ]);
    expect(r).toMatchObject({ ok: false, reason: "not_found" });
    expect(!r.ok && r.message).toMatch(/^Edit 2 of 2:/);
  });

  it("allows edits on adjacent lines", () => {
    const r = applyEdits(file, [
      { oldText: "one", newText: "1" },
      { oldText: "two", newText: "2" },
    ]);
    expect(r.ok && r.content).toBe("1\n2\nthree\nfour\n");
  });

  it("treats an edit whose text is already in place as done, and refuses when nothing changes", () => {
    const r = applyEdits(file, [
      { oldText: "thre", newText: "three" },
      { oldText: "two", newText: "2" },
    ]);
    expect(r.ok && r.content).toBe("one\n2\nthree\nfour\n");
    expect(r.ok && r.edits[0]?.alreadyApplied).toBe(true);
    expect(applyEdits(file, [{ oldText: "thre", newText: "three" }])).toMatchObject({ ok: false, reason: "no_change" });
  });

  it("keeps CRLF and the BOM across several edits", () => {
    const r = applyEdits("\uFEFFa\r\nb\r\nc\r\n", [
      { oldText: "a", newText: "A\nA2" },
      { oldText: "c", newText: "C" },
    ]);
    expect(r.ok && r.content).toBe("\uFEFFA\r\nA2\r\nb\r\nC\r\n");
  });

  it("supports replaceAll per edit", () => {
    const r = applyEdits("x\ny\nx\n", [{ oldText: "x", newText: "z", replaceAll: true }]);
    expect(r.ok && r.content).toBe("z\ny\nz\n");
  });
});
