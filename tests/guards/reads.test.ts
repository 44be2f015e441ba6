import { describe, expect, it } from "vitest";
import { dedup } from "../../runtime/guards/dedup.js";
import { readLoop } from "../../runtime/guards/read-loop.js";
import { isAnswer } from "../../runtime/agent/guard-api.js";
import { bash, call, edit, pending, read, spec, turn, view } from "./builder.js";

describe("read_loop", () => {
  const S = spec("read_loop"); // maxConsecutiveReads 8, maxRereadsPerFile 3
  const reads = (n: number) => Array.from({ length: n }, (_, i) => ({ calls: [read(`f${i}.js`)] }));
  it("fires when read-only calls in a row reach maxConsecutiveReads", () => {
    const hit = readLoop.onReply?.(S, view({ turns: reads(7) }), turn(8, { calls: [call("grep", { pattern: "x" })] }));
    expect(hit?.action).toEqual(S.then);
    expect(hit?.detail).toBe("You have made 8 read-only calls in a row.");
  });
  it("fires when one unchanged file is read again too often", () => {
    const again = Array.from({ length: 3 }, () => ({ calls: [read("calc.js")] }));
    const hit = readLoop.onReply?.(
      S,
      view({ turns: [...again, { calls: [edit("x.js", true)] }] }),
      turn(5, { calls: [read("calc.js")] }),
    );
    expect(hit?.detail).toBe("You have read calc.js 4 times and it has not changed.");
  });
  it("stays quiet when a change breaks the streak or the file changed between reads", () => {
    const broken = view({ turns: [...reads(6), { calls: [edit("a.js", true)] }] });
    expect(readLoop.onReply?.(S, broken, turn(8, { calls: [read("b.js")] }))).toBeUndefined();
    const changed = view({
      turns: [
        { calls: [read("calc.js")] },
        { calls: [read("calc.js")] },
        { calls: [edit("calc.js", true)] },
        { calls: [read("calc.js")] },
      ],
    });
    expect(readLoop.onReply?.(S, changed, turn(5, { calls: [read("calc.js")] }))).toBeUndefined();
  });
});

describe("dedup", () => {
  const S = spec("dedup"); // window 8
  const first = () => call("read_file", { path: "calc.js" }, { output: "1: function add" });
  it("answers an identical read-only call from the earlier result, with the declared note", () => {
    const verdict = dedup.beforeCall?.(
      S,
      view({ turns: [{ calls: [first()] }], filesRead: ["calc.js"] }),
      pending("read_file", { path: "calc.js" }),
    );
    expect(verdict && isAnswer(verdict) ? verdict.answer.output : undefined).toBe("1: function add");
    expect(verdict?.detail).toContain("You already ran this call");
  });
  it("does not reuse a result after a write to that file, a command, or outside the window", () => {
    const q = pending("read_file", { path: "calc.js" });
    expect(
      dedup.beforeCall?.(S, view({ turns: [{ calls: [first()] }, { calls: [edit("calc.js", true)] }] }), q),
    ).toBeUndefined();
    expect(
      dedup.beforeCall?.(S, view({ turns: [{ calls: [first()] }, { calls: [bash("sed -i s/-/+/ calc.js", 0)] }] }), q),
    ).toBeUndefined();
    const old = view({ turns: [{ calls: [first()] }, ...Array.from({ length: 9 }, () => ({ text: "thinking" }))] });
    expect(dedup.beforeCall?.(S, old, q)).toBeUndefined();
  });
  it("keeps a result when a different file changed, but not a folder-wide search", () => {
    const q = pending("read_file", { path: "calc.js" });
    const verdict = dedup.beforeCall?.(
      S,
      view({ turns: [{ calls: [first()] }, { calls: [edit("other.js", true)] }] }),
      q,
    );
    expect(verdict && isAnswer(verdict)).toBe(true);
    const grep = (o = {}) => call("grep", { pattern: "add", path: "src" }, o);
    const v = view({ turns: [{ calls: [grep()] }, { calls: [edit("src/a.js", true)] }] });
    expect(dedup.beforeCall?.(S, v, pending("grep", { pattern: "add", path: "src" }))).toBeUndefined();
  });
  it("never answers writes or failed earlier calls", () => {
    const w = pending("write_file", { path: "n.txt", content: "x" });
    expect(
      dedup.beforeCall?.(S, view({ turns: [{ calls: [call("write_file", { path: "n.txt", content: "x" })] }] }), w),
    ).toBeUndefined();
    const failed = view({ turns: [{ calls: [call("read_file", { path: "nope" }, { ok: false })] }] });
    expect(dedup.beforeCall?.(S, failed, pending("read_file", { path: "nope" }))).toBeUndefined();
  });
});
