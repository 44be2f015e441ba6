import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { completeAtPath } from "../../cli/tui/complete.js";
import { Transcript } from "../../cli/tui/transcript.js";
import { wrapText } from "../../cli/tui/wrap.js";

const call = (id: string, name: string, args: Record<string, unknown>): AgentEvent => ({
  type: "tool_call",
  turn: 1,
  id,
  name,
  arguments: args,
  format: "native",
  offered: true,
});
const result = (id: string, name: string, ok: boolean, output: string, data?: Record<string, unknown>): AgentEvent => ({
  type: "tool_result",
  turn: 1,
  id,
  name,
  ok,
  output,
  durationMs: 5,
  ...(data ? { data } : {}),
});

describe("transcript", () => {
  it("streams text into one item and keeps it when the reply ends", () => {
    const t = new Transcript();
    t.addUser("fix it");
    t.handle({ type: "model_delta", turn: 1, reasoning: "hmm" });
    expect(t.render(80).map((l) => l.text)).toContain("thinking… (3 chars)");
    t.handle({ type: "model_delta", turn: 1, text: "Hello " });
    t.handle({ type: "model_delta", turn: 1, text: "world\nsecond line" });
    t.handle({
      type: "model_response",
      turn: 1,
      stopReason: "stop",
      text: "Hello world\nsecond line",
      toolCalls: 0,
      usage: { promptTokens: 1, completionTokens: 1, estimated: false },
      durationMs: 1,
    });
    expect(t.render(80).map((l) => l.text)).toEqual(["› fix it", "", "Hello world", "second line"]);
  });

  it("shows the whole reply when the server did not stream, and nothing for an empty one", () => {
    const t = new Transcript();
    const response = (text: string): AgentEvent => ({
      type: "model_response",
      turn: 1,
      stopReason: "stop",
      text,
      toolCalls: 0,
      usage: { promptTokens: 1, completionTokens: 1, estimated: true },
      durationMs: 1,
    });
    t.handle(response("All at once."));
    t.handle(response(""));
    expect(t.render(80).map((l) => l.text)).toEqual(["All at once."]);
  });

  it("a pending call becomes its card: edit diff, shell card, failure, guard-handled call", () => {
    const t = new Transcript();
    t.handle(call("1", "edit_file", { path: "a.js", old_text: "x = 1;", new_text: "x = 2;" }));
    expect(t.render(80)[0]?.text).toBe("… edit_file a.js");
    t.handle(result("1", "edit_file", true, "Edited", { startLine: 7 }));
    t.handle(call("2", "bash", { command: "npm test" }));
    t.handle(result("2", "bash", false, "1 failing\nnot ok 1 add", { exitCode: 1 }));
    t.handle(call("3", "read_file", { path: "missing.js" }));
    t.handle(result("3", "read_file", false, "No such file: missing.js"));
    t.handle({
      type: "guard",
      turn: 2,
      guard: "repetition",
      hook: "onReply",
      action: "steer",
      message: "Try another way.",
      triggers: 1,
    });
    const text = t.render(100).map((l) => `${l.style}|${l.text}`);
    expect(text).toEqual([
      "accent|✎ edit a.js  +1 -1",
      "hunk|@@ -7,1 +7,1 @@",
      "del|-x = 1;",
      "add|+x = 2;",
      "error|$ npm test   exit 1",
      "dim|  1 failing",
      "dim|  not ok 1 add",
      "error|✗ read_file missing.js",
      "dim|  No such file: missing.js",
      "guard|⚑ guard repetition → steer: Try another way.",
    ]);
  });

  it("wraps to the width with indented continuation lines for cards", () => {
    expect(wrapText("aaaa bbbb cccc", 9)).toEqual(["aaaa bbbb", "cccc"]);
    expect(wrapText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    expect(wrapText("tab\there\u0007", 40)).toEqual(["tab  here"]);
    const t = new Transcript();
    t.addLines([{ text: "y".repeat(30), style: "plain" }], "card");
    expect(t.render(20).map((l) => l.text)).toEqual(["y".repeat(20), `    ${"y".repeat(10)}`]);
    t.addLines([{ text: `${"z".repeat(38)} end`, style: "plain" }], "card");
    expect(
      t
        .render(20)
        .slice(2)
        .map((l) => l.text),
    ).toEqual(["z".repeat(20), `    ${"z".repeat(16)}`, `    ${"z".repeat(2)} end`]);
  });
});

describe("@path completion", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("completes one match, a common prefix of several, directories with a slash, and skips .git", () => {
    dir = mkdtempSync(join(tmpdir(), "smallcode-complete-"));
    mkdirSync(join(dir, "src", "util"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "src", "calc.js"), "");
    writeFileSync(join(dir, "src", "calendar.js"), "");
    writeFileSync(join(dir, "README.md"), "");
    expect(completeAtPath(dir, "look at @REA", 12)).toEqual({
      value: "look at @README.md",
      cursor: 18,
      candidates: [],
    });
    expect(completeAtPath(dir, "@sr", 3)?.value).toBe("@src/");
    const several = completeAtPath(dir, "@src/cal and more", 8);
    expect(several).toEqual({ value: "@src/cal and more", cursor: 8, candidates: ["calc.js", "calendar.js"] });
    expect(completeAtPath(dir, "@src/u", 6)?.value).toBe("@src/util/");
    expect(completeAtPath(dir, "@.gi", 4)).toBeUndefined();
    expect(completeAtPath(dir, "no token", 8)).toBeUndefined();
    expect(completeAtPath(dir, "email a@b", 9)).toBeUndefined();
  });
});
