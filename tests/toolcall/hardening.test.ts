/**
 * One-line tables for the general causes found by the held-out corpus: JSON decoding that keeps stray backslashes and
 * drops glued closing tags, truncation inside native argument strings, word-order name resolution, and the intent
 * rules around code fences, table rows and example framing.
 */
import { describe, expect, it } from "vitest";
import { decodeJson } from "../../runtime/toolcall/json-args.js";
import { NameResolver } from "../../runtime/toolcall/resolve-name.js";
import { PARAM_SYNONYMS } from "../../runtime/toolcall/synonyms.js";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import type { OpenAITool } from "../../runtime/model/types.js";

const tool = (name: string, props: Record<string, string>, required: string[]): OpenAITool => ({
  type: "function",
  function: {
    name,
    parameters: {
      type: "object",
      properties: Object.fromEntries(Object.entries(props).map(([k, t]) => [k, { type: t }])),
      required,
      additionalProperties: false,
    },
  },
});
const TOOLS = [
  tool("read_file", { path: "string", start_line: "integer" }, ["path"]),
  tool("write_file", { path: "string", content: "string" }, ["path", "content"]),
  tool("bash", { command: "string" }, ["command"]),
];
const calls = (text: string, native?: { name: string; arguments: string }[]) =>
  parseToolCalls(native ? { text, nativeToolCalls: native } : { text }, TOOLS).calls.map((c) => [c.name, c.arguments]);

describe("decodeJson", () => {
  it.each([
    ['{"path": "C:\\Users\\dev\\a.py"}', { path: "C:\\Users\\dev\\a.py" }],
    ['{"re": "\\d+\\.\\d*"}', { re: "\\d+\\.\\d*" }],
    ['{"ok": "line\\nnext \\"q\\" \\u00e9"}', { ok: 'line\nnext "q" é' }],
    ['{"path": "x.py"}</tool_call>', { path: "x.py" }],
    ['{"path": "x.py"} <|im_end|></s>', { path: "x.py" }],
  ])("%s", (text, value) => {
    const d = decodeJson(text);
    expect(d.ok && d.value).toEqual(value);
  });
});

describe("truncation inside argument strings", () => {
  it("never runs a native call cut off inside a value, and names the argument", () => {
    const r = parseToolCalls(
      { text: "", nativeToolCalls: [{ name: "write_file", arguments: '{"path": "a", "content": "def f():\\n  ret' }] },
      TOOLS,
    );
    expect(r.calls).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["truncated_call"]);
    expect(r.diagnostics[0]?.message).toContain('"content"');
  });
  it("closes a native call cut off after its last value", () => {
    expect(calls("", [{ name: "bash", arguments: '{"command": "ls"' }])).toEqual([["bash", { command: "ls" }]]);
  });
});

describe("parameter names in another word order", () => {
  const r = new NameResolver(["start_line", "end_line", "path"], {}, PARAM_SYNONYMS);
  it.each([
    ["line_start", "start_line"],
    ["lineEnd", "end_line"],
    ["LineStart", "start_line"],
  ])("%s → %s", (written, name) => {
    const res = r.resolve(written);
    expect(res.kind === "resolved" ? res.name : res.kind).toBe(name);
  });
});

describe("intent around fences, tables and framing", () => {
  const call = '<tool_call>{"name": "bash", "arguments": {"command": "ls"}}</tool_call>';
  it.each([
    ["a call in a python fence", "```python\nS = '" + call + "'\n```"],
    ["a call in a diff fence", "```diff\n+" + call + "\n```"],
    ["a call in a table row", "| step | call |\n|---|---|\n| 1 | " + call + " |"],
    ["an intro with a blank line before the fence", "You could call it like this:\n\n```\n" + call + "\n```"],
    ["someone else's output", "DeepSeek emits:\n\n```\n" + call + "\n```"],
    ["a report of a past call", "Here is the call I made earlier:\n" + call + "\nIt failed."],
    ["a heading", "Usage:\n" + call],
    ["let me show you", "Let me show you how you could call it:\n" + call],
  ])("no call: %s", (_, text) => {
    expect(calls(text)).toEqual([]);
  });
  it.each([
    ["an intro that merely mentions a schema", "The schema is outdated.\n" + call],
    ["a negation that is not a warning", "I don't see it in utils.ts.\n" + call],
    ["a fence that holds only the call", "```xml\n" + call + "\n```"],
    ["a call that closes the reasoning", "<think>\nList first.\n" + call + "\n</think>"],
  ])("a call: %s", (_, text) => {
    expect(calls(text)).toEqual([["bash", { command: "ls" }]]);
  });
});

describe("raw control characters in long arguments", () => {
  it("reads a 60 KB write_file whose JSON string holds real newlines and tabs (beyond the repairer's limit)", () => {
    const content = Array.from({ length: 1500 }, (_, i) => `def f${i}(x):\n\treturn x * ${i}  # "q"`).join("\n");
    const raw = `{"path": "big.py", "content": "${content.replace(/"/g, '\\"')}"}`;
    expect(raw.length).toBeGreaterThan(32_000);
    expect(calls("", [{ name: "write_file", arguments: raw }])).toEqual([["write_file", { path: "big.py", content }]]);
  });
});
