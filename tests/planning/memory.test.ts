import { describe, expect, it } from "vitest";
import { applyMemory, renderMemoryPin } from "../../runtime/planning/index.js";

const limits = { maxNotes: 3, maxNoteChars: 50 };

describe("applyMemory", () => {
  it("adds, replaces and clears notes by number or all at once", () => {
    let notes: string[] = [];
    const step = (req: Parameters<typeof applyMemory>[1]) => {
      const r = applyMemory(notes, req, limits);
      if (!r.ok) throw new Error(r.error);
      notes = r.notes;
      return r.message;
    };
    expect(step({ action: "add", note: "tests:  npm test" })).toBe("Noted.");
    step({ action: "add", note: "bug is in add()" });
    expect(notes).toEqual(["tests: npm test", "bug is in add()"]);
    expect(step({ action: "replace", index: 2, note: "bug fixed" })).toBe("Replaced note 2.");
    expect(step({ action: "clear", index: 1 })).toBe("Cleared note 1.");
    expect(notes).toEqual(["bug fixed"]);
    step({ action: "replace", note: "fresh start" });
    expect(notes).toEqual(["fresh start"]);
    step({ action: "clear" });
    expect(notes).toEqual([]);
  });
  it("drops the oldest notes beyond the limit and says so", () => {
    const r = applyMemory(["a", "b", "c"], { action: "add", note: "d" }, limits);
    expect(r).toEqual({ ok: true, notes: ["b", "c", "d"], message: "Noted; the oldest 1 note(s) were dropped." });
  });
  it.each([
    [{ action: "add" as const }, /needs a "note"/],
    [{ action: "add" as const, note: "x".repeat(51) }, /51 characters; keep notes under 50/],
    [{ action: "clear" as const, index: 3 }, /There is no note 3; notes are numbered 1 to 1\./],
  ])("refuses %j with a message", (req, error) => {
    const r = applyMemory(["only"], req, limits);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
  it("renders numbered notes for the pinned block", () => {
    expect(renderMemoryPin(["a", "b"])).toBe("1. a\n2. b");
  });
});
