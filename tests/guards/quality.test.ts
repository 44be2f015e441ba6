import { describe, expect, it } from "vitest";
import { closestTools } from "../../runtime/guards/closest-tools.js";
import { emptyTurn } from "../../runtime/guards/empty-turn.js";
import { exactRepeatCall } from "../../runtime/guards/exact-repeat-call.js";
import { greetingRegression } from "../../runtime/guards/greeting-regression.js";
import { hallucinatedTool } from "../../runtime/guards/hallucinated-tool.js";
import { TOOLS, bash, call, edit, pending, read, spec, turn, view } from "./builder.js";

describe("closestTools", () => {
  it.each([
    ["read_files", "read_file"],
    ["readFile", "read_file"],
    ["file_read", "read_file"],
    ["edit", "edit_file"],
    ["bsh", "bash"],
    ["search_grep", "grep"],
    ["listdir", "list_dir"],
  ])("%s → %s first", (written, best) => {
    expect(closestTools(written, TOOLS, 3)[0]).toBe(best);
  });
  it("returns the declared order for a blank name and nothing for count 0", () => {
    expect(closestTools(" ", TOOLS, 2)).toEqual(["read_file", "write_file"]);
    expect(closestTools("x", TOOLS, 0)).toEqual([]);
  });
});

describe("hallucinated_tool", () => {
  const S = spec("hallucinated_tool"); // suggestions 3, maxSteers 2
  it("rejects an unknown call, naming the closest real tools", () => {
    const hit = hallucinatedTool.beforeCall?.(S, view(), pending("open_file", { path: "a" }));
    expect(hit && "action" in hit ? hit.action : undefined).toEqual(S.then);
    expect(hit?.detail).toMatch(/There is no tool named "open_file"\. The closest real tools: [\w, ]+\./);
    expect(hit?.detail?.split(":")[1]?.split(",")).toHaveLength(3);
  });
  it("rejects a blank name and only suggests tools that are still available", () => {
    const hit = hallucinatedTool.beforeCall?.(S, view({ available: ["bash", "grep"] }), pending(""));
    expect(hit?.detail).toBe("The tool name was blank. The closest real tools: bash, grep.");
  });
  it("steers when the parser already dropped an unknown call and nothing usable is left", () => {
    const diag = 'There is no tool named "run_tests". The closest tools are: bash. Available tools: bash.';
    const hit = hallucinatedTool.onReply?.(S, view(), turn(2, { diagnostics: [diag] }));
    expect(hit?.action).toEqual({ kind: "steer", message: S.then.kind === "reject" ? S.then.message : "" });
    expect(hit?.detail).toContain('There is no tool named "run_tests".');
  });
  it("after maxSteers steers in a row, re-asks instead of steering again", () => {
    const diag = 'There is no tool named "run_tests".';
    const hit = hallucinatedTool.onReply?.(S, view({ consecutiveSteers: 2 }), turn(2, { diagnostics: [diag] }));
    expect(hit?.action.kind).toBe("retry");
  });
  it("stays quiet for real tools and for turns with usable calls", () => {
    expect(hallucinatedTool.beforeCall?.(S, view(), pending("read_file", { path: "a" }))).toBeUndefined();
    const diag = 'There is no tool named "x".';
    expect(hallucinatedTool.onReply?.(S, view(), turn(1, { calls: [read("a")], diagnostics: [diag] }))).toBeUndefined();
  });
});

describe("exact_repeat_call", () => {
  const S = spec("exact_repeat_call"); // maxRepeats 2
  const grep = () => call("grep", { pattern: "add" });
  it("refuses the same call made in each of the last maxRepeats turns", () => {
    const hit = exactRepeatCall.beforeCall?.(S, view({ turns: [{ calls: [grep()] }, { calls: [grep()] }] }), grep());
    expect(hit && "action" in hit ? hit.action.kind : undefined).toBe("reject");
    expect(hit?.detail).toContain("3 turns in a row");
  });
  it("stays quiet when the repeats are not consecutive or a file changed in between", () => {
    const gap = view({ turns: [{ calls: [grep()] }, { calls: [read("a")] }, { calls: [grep()] }] });
    expect(exactRepeatCall.beforeCall?.(S, gap, grep())).toBeUndefined();
    const test = () => bash("npm test", 1);
    const edited = view({ turns: [{ calls: [test()] }, { calls: [edit("calc.js", true), test()] }] });
    expect(exactRepeatCall.beforeCall?.(S, edited, test())).toBeUndefined();
  });
});

describe("empty_turn", () => {
  const S = spec("empty_turn"); // maxConsecutive 2
  it("fires on the maxConsecutive-th empty reply in a row", () => {
    const hit = emptyTurn.onReply?.(S, view({ turns: [{}] }), turn(2));
    expect(hit?.action).toEqual(S.then);
  });
  it("stays quiet on one empty reply, or a reply with text, calls or parse problems", () => {
    expect(emptyTurn.onReply?.(S, view(), turn(1))).toBeUndefined();
    expect(emptyTurn.onReply?.(S, view({ turns: [{}] }), turn(2, { text: "Working." }))).toBeUndefined();
    expect(emptyTurn.onReply?.(S, view({ turns: [{}] }), turn(2, { diagnostics: ["bad json"] }))).toBeUndefined();
  });
});

describe("greeting_regression", () => {
  const S = spec("greeting_regression"); // minTurn 2
  it("fires on a greeting after the start, re-injecting the task", () => {
    const v = view({ task: "Rename foo to bar in util.py.", turns: [{ calls: [read("util.py")] }] });
    const hit = greetingRegression.onReply?.(S, v, turn(2, { text: "Hello! How can I help you today?" }));
    expect(hit?.action).toEqual(S.then);
    expect(hit?.detail).toBe("The task:\nRename foo to bar in util.py.");
  });
  it("stays quiet on turn 1, on task talk, and when the reply calls a tool", () => {
    expect(greetingRegression.onReply?.(S, view(), turn(1, { text: "How can I help?" }))).toBeUndefined();
    const v = view({ turns: [{}] });
    expect(greetingRegression.onReply?.(S, v, turn(2, { text: "I fixed how the helper is called." }))).toBeUndefined();
    expect(greetingRegression.onReply?.(S, v, turn(2, { text: "How can I help", calls: [read("a")] }))).toBeUndefined();
  });
});
