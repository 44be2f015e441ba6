import { describe, expect, it } from "vitest";
import { repetition } from "../../runtime/guards/repetition.js";
import { repeatedSegments, tailLoop } from "../../runtime/guards/text-repeat.js";
import { call, edit, read, spec, turn, view } from "./builder.js";

const S = spec("repetition"); // window 6, maxRepeats 3, minChars 40
const LINE = "I will now look at the calc.js file to find the bug.";

describe("tailLoop / repeatedSegments", () => {
  it("finds a chunk repeated at the end of a text, whitespace-insensitively", () => {
    const text = `Sure. ${"Let me check the test output again carefully. ".repeat(4)}\n Let me check the`;
    const loop = tailLoop(text, 20, 3);
    expect(loop?.repeats).toBeGreaterThanOrEqual(3);
    // The chunk is the repeated sentence as it ends the text: a rotation of it.
    expect("Let me check the test output again carefully. ".repeat(2)).toContain(loop?.chunk);
  });
  it("widens tiny periods to minChars and ignores short or non-repeating text", () => {
    expect(tailLoop("=".repeat(200), 40, 3)?.repeats).toBe(5);
    expect(tailLoop("=".repeat(100), 40, 3)).toBeUndefined();
    expect(tailLoop("A normal explanation of what changed, with no loop in it at all.", 10, 3)).toBeUndefined();
  });
  it("counts long lines and sentences across texts, ignoring short ones", () => {
    const found = repeatedSegments(`${LINE.toUpperCase()}`, [`${LINE}\nok`, `Hm. ${LINE}`], 40);
    expect(found).toEqual({ segment: LINE.toLowerCase(), count: 3 });
    expect(repeatedSegments("ok.\nok.\nok.", ["ok."], 40)).toBeUndefined();
  });
  it("only counts segments the current text repeats", () => {
    expect(
      repeatedSegments("Now something new entirely, reading calc.js next.", [LINE, LINE, LINE], 40),
    ).toBeUndefined();
  });
  it("stays linear: a 200 KB loop is judged at once", () => {
    const big = "The quick brown fox jumps over the lazy dog again. ".repeat(4000);
    // 4000 copies, the last without its trailing space once trimmed: 3999 whole periods.
    expect(tailLoop(big, 40, 3)?.repeats).toBe(3999);
  });
});

describe("repetition", () => {
  it("fires on a reply stuck in a decoding loop", () => {
    const hit = repetition.onReply?.(S, view(), turn(1, { text: `${LINE} `.repeat(5) }));
    expect(hit?.action).toEqual(S.then);
    expect(hit?.detail).toContain("repeats");
  });
  it("fires when the same sentence comes back turn after turn", () => {
    const v = view({
      turns: [
        { text: LINE, calls: [read("a.js")] },
        { text: LINE, calls: [read("b.js")] },
      ],
    });
    expect(repetition.onReply?.(S, v, turn(3, { text: LINE, calls: [read("c.js")] }))?.detail).toContain("3 times");
  });
  it("fires when the same calls are made maxRepeats times within the window", () => {
    const grep = () => call("grep", { pattern: "add" });
    const v = view({ turns: [{ calls: [grep()] }, { calls: [read("x")] }, { calls: [grep()] }] });
    expect(repetition.onReply?.(S, v, turn(4, { calls: [grep()] }))?.detail).toMatch(/same grep call 3 times/);
  });
  it("stays quiet on an edit-test cycle: a file change in between is progress", () => {
    const test = () => call("bash", { command: "npm test" }, { ok: false, toolFailure: false, data: { exitCode: 1 } });
    const say = "Let me run the tests again to check this change.";
    const cycle = [
      { text: say, calls: [test()] },
      { calls: [edit("calc.js", true)] },
      { text: say, calls: [test()] },
      { calls: [edit("calc.js", true)] },
    ];
    expect(repetition.onReply?.(S, view({ turns: cycle }), turn(5, { text: say, calls: [test()] }))).toBeUndefined();
  });
  it("stays quiet once the model moves on from a repeated sentence", () => {
    const v = view({
      turns: [
        { text: LINE, calls: [read("a.js")] },
        { text: LINE, calls: [read("b.js")] },
        { text: LINE, calls: [read("c.js")] },
      ],
    });
    expect(repetition.onReply?.(S, v, turn(4, { calls: [call("edit_file", { path: "calc.js" })] }))).toBeUndefined();
  });
  it("stays quiet when the repeats are spread wider than the window or the text is short", () => {
    const grep = () => call("grep", { pattern: "add" });
    const turns = [{ calls: [grep()] }, ...Array.from({ length: 5 }, (_, i) => ({ calls: [read(`f${i}`)] }))];
    turns.push({ calls: [grep()] });
    expect(repetition.onReply?.(S, view({ turns }), turn(8, { calls: [grep()] }))).toBeUndefined();
    const short = view({ turns: [{ text: "Done." }, { text: "Done." }] });
    expect(repetition.onReply?.(S, short, turn(3, { text: "Done." }))).toBeUndefined();
  });
  it("honours a changed threshold", () => {
    const v = view({
      turns: [
        { text: LINE, calls: [read("a.js")] },
        { text: LINE, calls: [read("b.js")] },
      ],
    });
    const strict = spec("repetition", { maxRepeats: 4 });
    expect(repetition.onReply?.(strict, v, turn(3, { text: LINE, calls: [read("c.js")] }))).toBeUndefined();
  });
  it("takes the escalation after maxSteers steers in a row when declared", () => {
    const s = spec("repetition", { maxSteers: 2 });
    const hit = repetition.onReply?.(s, view({ consecutiveSteers: 2 }), turn(1, { text: `${LINE} `.repeat(5) }));
    expect(hit?.action).toEqual({ kind: "stop", reason: "the model kept repeating itself" });
  });
});
