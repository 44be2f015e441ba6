import { describe, expect, it } from "vitest";
import { patchSpiral } from "../../runtime/guards/patch-spiral.js";
import { readBeforeWrite } from "../../runtime/guards/read-before-write.js";
import { call, edit, pending, read, spec, view } from "./builder.js";

const SPIRAL = spec("patch_spiral"); // failuresPerFile 4
const RBW = spec("read_before_write");

describe("patch_spiral", () => {
  const failed = (n: number) => Array.from({ length: n }, () => ({ calls: [edit("calc.js", false)] }));
  it("fires on the failuresPerFile-th failed edit of one file, naming it", () => {
    const hit = patchSpiral.afterCall?.(SPIRAL, view({ turns: failed(3) }), edit("calc.js", false));
    expect(hit?.action).toEqual(SPIRAL.then);
    expect(hit?.detail).toBe("4 edits of calc.js have failed in a row.");
  });
  it("stays quiet below the threshold, across different files, and after a success resets the count", () => {
    expect(patchSpiral.afterCall?.(SPIRAL, view({ turns: failed(2) }), edit("calc.js", false))).toBeUndefined();
    const mixed = view({ turns: [...failed(2), { calls: [edit("other.js", false)] }] });
    expect(patchSpiral.afterCall?.(SPIRAL, mixed, edit("calc.js", false))).toBeUndefined();
    const reset = view({ turns: [...failed(3), { calls: [edit("calc.js", true)] }, ...failed(2)] });
    expect(patchSpiral.afterCall?.(SPIRAL, reset, edit("calc.js", false))).toBeUndefined();
  });
  it("does not count edits a guard refused", () => {
    const refused = Array.from({ length: 3 }, () => ({
      calls: [call("edit_file", { path: "calc.js" }, { ok: false, handledBy: "read_before_write" })],
    }));
    expect(patchSpiral.afterCall?.(SPIRAL, view({ turns: refused }), edit("calc.js", false))).toBeUndefined();
  });
  it("honours a lower threshold", () => {
    const s = spec("patch_spiral", { failuresPerFile: 2 });
    expect(patchSpiral.afterCall?.(s, view({ turns: failed(1) }), edit("calc.js", false))).toBeDefined();
  });
});

describe("read_before_write", () => {
  const write = pending("edit_file", { path: "calc.js", old_text: "a", new_text: "b" });
  it("refuses the first write to an existing file that was not read, with a hint", () => {
    const hit = readBeforeWrite.beforeCall?.(RBW, view({ existing: ["calc.js"] }), write);
    expect(hit && "action" in hit ? hit.action.kind : undefined).toBe("reject");
    expect(hit?.detail).toContain('read_file with {"path": "calc.js"}');
  });
  it("lets it through after a read, for a new file, and after the model's own successful write", () => {
    expect(
      readBeforeWrite.beforeCall?.(RBW, view({ existing: ["calc.js"], filesRead: ["calc.js"] }), write),
    ).toBeUndefined();
    expect(readBeforeWrite.beforeCall?.(RBW, view({ existing: [] }), write)).toBeUndefined();
    const wrote = view({
      existing: ["calc.js"],
      turns: [{ calls: [read("calc.js")] }, { calls: [edit("calc.js", true)] }],
    });
    expect(readBeforeWrite.beforeCall?.(RBW, wrote, write)).toBeUndefined();
  });
  it("ignores tools it does not apply to", () => {
    expect(
      readBeforeWrite.beforeCall?.(RBW, view({ existing: ["calc.js"] }), pending("read_file", { path: "calc.js" })),
    ).toBeUndefined();
  });
});
