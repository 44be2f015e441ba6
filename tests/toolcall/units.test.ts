/** One-line tables for the parser's parts: name resolution, coercion, reasoning, pythonic reading, leftover text. */
import { describe, expect, it } from "vitest";
import { coerceArguments } from "../../runtime/toolcall/coerce.js";
import { parseCallList } from "../../runtime/toolcall/pythonic.js";
import { stripReasoning } from "../../runtime/toolcall/reasoning.js";
import { NameResolver } from "../../runtime/toolcall/resolve-name.js";
import { TOOL_SYNONYMS, PARAM_SYNONYMS } from "../../runtime/toolcall/synonyms.js";
import { aliasOptionsFromSpecs, parseToolCalls } from "../../runtime/toolcall/index.js";
import type { OpenAITool } from "../../runtime/model/types.js";

const TOOL_NAMES = ["read_file", "write_file", "edit_file", "bash", "grep", "glob", "list_dir"];

describe("tool name resolution", () => {
  const r = new NameResolver(TOOL_NAMES, { bash: ["sh_exec"] }, TOOL_SYNONYMS);
  it.each([
    ["read_file", "exact", "read_file"],
    ["readFile", "resolved", "read_file"],
    ["READ-FILE", "resolved", "read_file"],
    ["sh_exec", "resolved", "bash"],
    ["run_shell", "resolved", "bash"],
    ["create_file", "resolved", "write_file"],
    ["raed_file", "resolved", "read_file"],
    ["list_dri", "resolved", "list_dir"],
    ["file", "ambiguous", undefined], // inside read_file, write_file, edit_file
    ["gre", "unknown", undefined], // too short to guess
    ["summon_dragon", "unknown", undefined],
  ])("%s → %s %s", (written, kind, name) => {
    const res = r.resolve(written);
    expect(res.kind).toBe(kind);
    if (name) expect(res.kind === "exact" || res.kind === "resolved" ? res.name : undefined).toBe(name);
  });

  it("does not guess by synonym or spelling when fuzzy is off", () => {
    expect(r.resolve("run_shell", false).kind).toBe("unknown");
    expect(r.resolve("readFile", false).kind).toBe("resolved");
  });

  it("lists the closest real names for an unknown one", () => {
    const res = r.resolve("web_grep");
    expect(res.kind === "unknown" ? res.closest[0] : undefined).toBe("grep");
  });
});

describe("parameter resolution", () => {
  const r = new NameResolver(["source_path", "destination_path"], {}, PARAM_SYNONYMS);
  it("refuses a name that fits two parameters", () => {
    expect(r.resolve("path").kind).toBe("ambiguous");
  });
  it("maps a case style", () => {
    expect(r.resolve("sourcePath")).toEqual({ kind: "resolved", name: "source_path", how: "case style" });
  });
});

describe("coercion", () => {
  const schema = {
    type: "object",
    properties: {
      n: { type: "integer" },
      x: { type: "number" },
      b: { type: "boolean" },
      s: { type: "string" },
      o: { type: "object", properties: { k: { type: "integer" } } },
      a: { type: "array", items: { type: "string" } },
      e: { type: "string", enum: ["low", "high"] },
      opt: { type: "string" },
    },
  };
  it.each([
    [{ n: "10" }, { n: 10 }],
    [{ n: "1.5" }, { n: "1.5" }], // not an integer: left for the validator to report
    [{ x: "-2.5e1" }, { x: -25 }],
    [{ b: "true" }, { b: true }],
    [{ b: "no" }, { b: false }],
    [{ s: 42 }, { s: "42" }],
    [{ s: { a: 1 } }, { s: '{\n  "a": 1\n}\n' }],
    [{ o: '{"k": "3"}' }, { o: { k: 3 } }],
    [{ a: "one" }, { a: ["one"] }],
    [{ a: '["x", "y"]' }, { a: ["x", "y"] }],
    [{ e: "HIGH" }, { e: "high" }],
    [{ opt: null }, {}],
    [{ unknown: "7" }, { unknown: "7" }],
  ])("%j → %j", (input, output) => {
    expect(coerceArguments(input, schema, [])).toEqual(output);
  });
});

describe("reasoning", () => {
  it.each([
    ["<think>a</think>b", "b"],
    ["reasoning first</think>answer", "answer"],
    ["<think>never closed", ""],
    ["<think>plan<tool_call>{}</tool_call>", "<tool_call>{}</tool_call>"],
    ["[THINK]x[/THINK]y", "y"],
    ["x<|end|>y", "x<|end|>y"], // a bare <|end|> is a turn end, not the close of a reasoning channel
  ])("%j → %j", (input, text) => {
    expect(stripReasoning(input).text).toBe(text);
  });
});

describe("pythonic reader", () => {
  it.each([
    ['[f(a=1, b="x")]', [{ name: "f", kwargs: { a: 1, b: "x" }, positional: [] }]],
    [
      "[f(a=True, b=None, c=[1, 'two'], d={'k': 1.5})]",
      [{ name: "f", kwargs: { a: true, b: null, c: [1, "two"], d: { k: 1.5 } }, positional: [] }],
    ],
    [
      '[ns.f("p"), g()]',
      [
        { name: "ns.f", kwargs: {}, positional: ["p"] },
        { name: "g", kwargs: {}, positional: [] },
      ],
    ],
    ["[f(s='it\\'s')]", [{ name: "f", kwargs: { s: "it's" }, positional: [] }]],
  ])("%s", (src, calls) => {
    const r = parseCallList(src, 0);
    expect(r?.calls.map(({ name, kwargs, positional }) => ({ name, kwargs, positional }))).toEqual(calls);
  });
  it("marks a call cut off inside a string", () => {
    expect(parseCallList('[f(a="unfinished', 0)?.calls[0]?.truncated).toBe(true);
  });
  it("rejects what is not a call list", () => {
    expect(parseCallList("[1, 2, 3]", 0)).toBeNull();
  });
});

const TOOLS: OpenAITool[] = [
  {
    type: "function",
    function: {
      name: "read_file",
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  },
];

describe("leftover text and diagnostics", () => {
  it("removes markup, reasoning and template tokens, keeps the prose", () => {
    const r = parseToolCalls(
      {
        text: '<think>hmm</think>\nLet me read it.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a"}}\n</tool_call><|im_end|>',
      },
      TOOLS,
    );
    expect(r.text).toBe("Let me read it.");
  });

  it("keeps a rejected mention in the text", () => {
    const r = parseToolCalls({ text: 'For example: {"name": "read_file", "arguments": {"path": "a"}}' }, TOOLS);
    expect(r.calls).toEqual([]);
    expect(r.text).toContain('"read_file"');
  });

  it("tells the model the expected parameters when validation fails", () => {
    const r = parseToolCalls({ text: '<tool_call>{"name": "read_file", "arguments": {}}</tool_call>' }, TOOLS);
    expect(r.diagnostics[0]?.message).toContain('missing required argument "path"');
    expect(r.diagnostics[0]?.message).toContain("path (string, required)");
  });

  it("builds alias options from tool specs", () => {
    const opts = aliasOptionsFromSpecs([
      { name: "read_file", nameAliases: ["cat_file"], paramAliases: { path: ["p"] } },
    ]);
    const r = parseToolCalls(
      { text: '<tool_call>{"name": "cat_file", "arguments": {"p": "x"}}</tool_call>' },
      TOOLS,
      opts,
    );
    expect(r.calls.map((c) => [c.name, c.arguments])).toEqual([["read_file", { path: "x" }]]);
  });
});
