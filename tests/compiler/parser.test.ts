import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentDecl, PromptDecl, RouterDecl, ToolDecl, Value } from "../../compiler/ast.js";
import { getEntry, getField, isAgent, isPrompt, isRouter, isTool } from "../../compiler/ast.js";
import { parseFile } from "../../compiler/parse-file.js";

const sketch = readFileSync(join(import.meta.dirname, "fixtures", "sketch.marrow"), "utf8");

function parseOk(text: string): ReturnType<typeof parseFile> {
  const result = parseFile("t.marrow", text);
  expect(result.diagnostics).toEqual([]);
  return result;
}

function firstValue(text: string): Value {
  const item = parseOk(`model M { v: ${text} }`).ast.items[0];
  if (item === undefined || item.kind === "Import") throw new Error("no declaration");
  const field = item.fields[0];
  if (field === undefined) throw new Error("no field");
  return field.value;
}

describe("parser and AST", () => {
  it("parses the language sketch without diagnostics", () => {
    const { ast } = parseOk(sketch);
    expect(ast.items.map((i) => i.kind)).toEqual([
      "Import",
      "Model",
      "Model",
      "Tool",
      "Tool",
      "Prompt",
      "Prompt",
      "Router",
      "Evaluation",
      "Guard",
      "Budget",
      "Agent",
      "Extend",
    ]);
  });

  it("reads tool parameters, optional markers and the return type", () => {
    const tool = parseOk(sketch).ast.items.find((i): i is ToolDecl => isTool(i) && i.name === "read_file");
    expect(
      tool?.params.map((p) => [p.name, p.optional, p.type.kind === "NamedType" ? p.type.name : p.type.kind]),
    ).toEqual([
      ["path", false, "string"],
      ["start_line", true, "int"],
      ["end_line", true, "int"],
    ]);
    const prompt = parseOk(sketch).ast.items.find((i): i is PromptDecl => isPrompt(i) && i.name === "classify");
    expect(prompt?.returns).toMatchObject({ kind: "UnionType", members: [{ value: "small" }, { value: "large" }] });
  });

  it("keeps units, spans and multipliers on values", () => {
    expect(firstValue("32k tokens")).toMatchObject({ kind: "Number", value: 32000, unit: "tokens", raw: "32k tokens" });
    expect(firstValue("-1")).toMatchObject({ kind: "Number", value: -1 });
    const v = firstValue("500ms");
    expect(v.span).toMatchObject({ line: 1, column: 14, length: 5, offset: 13 });
  });

  it("parses calls, lists, maps, arrows and comparisons", () => {
    expect(firstValue('env("SMALLCODE_MODEL", "qwen3:8b")')).toMatchObject({
      kind: "Call",
      callee: "env",
      args: [
        { kind: "String", value: "SMALLCODE_MODEL" },
        { kind: "String", value: "qwen3:8b" },
      ],
    });
    expect(firstValue("retry(act, 2)")).toMatchObject({
      kind: "Call",
      args: [
        { kind: "Ident", name: "act" },
        { kind: "Number", value: 2 },
      ],
    });
    expect(firstValue("[a, b, c,]")).toMatchObject({
      kind: "List",
      items: [{ name: "a" }, { name: "b" }, { name: "c" }],
    });
    expect(firstValue("[]")).toMatchObject({ kind: "List", items: [] });
    expect(firstValue("f()")).toMatchObject({ kind: "Call", callee: "f", args: [] });
    expect(firstValue("{ max: 8k tokens -> Local }")).toMatchObject({
      kind: "Map",
      entries: [{ key: "max", value: { kind: "Arrow", from: { value: 8000 }, to: { name: "Local" } } }],
    });
    expect(firstValue('output in ["yes", "no"]')).toMatchObject({ kind: "Binary", op: "in", left: { name: "output" } });
    expect(firstValue("project.test_command")).toMatchObject({ kind: "Ident", parts: ["project", "test_command"] });
    expect(firstValue("true")).toMatchObject({ kind: "Bool", value: true });
  });

  it("does not take the next field's name as a unit", () => {
    const item = parseOk('guard g {\n  window: 6\n  max_repeats: 3\n  then: steer("x")\n}').ast.items[0];
    expect(item?.kind === "Guard" ? item.fields.map((f) => f.name) : []).toEqual(["window", "max_repeats", "then"]);
  });

  it("reads agents with stages, loop clauses and the `budget { … }` shorthand", () => {
    const agent = parseOk(
      "agent a { model: L\n budget { context: 85% }\n stage act { loop until done, next: v }\n stage v { next: done } }",
    ).ast.items[0] as AgentDecl;
    expect(isAgent(agent)).toBe(true);
    expect(getField(agent, "budget")?.value.kind).toBe("Map");
    expect(agent.stages.map((s) => [s.name, s.loop?.until.name])).toEqual([
      ["act", "done"],
      ["v", undefined],
    ]);
  });

  it("parses router tiers as maps of arrows", () => {
    const router = parseOk(sketch).ast.items.find((i): i is RouterDecl => isRouter(i));
    const tiers = router === undefined ? undefined : getField(router, "tiers")?.value;
    const first =
      tiers?.kind === "List" && tiers.items[0]?.kind === "Map" ? getEntry(tiers.items[0], "max") : undefined;
    expect(first).toMatchObject({ kind: "Arrow", to: { name: "Local" } });
  });

  it("recovers and reports several syntax errors in one run", () => {
    const result = parseFile("t.marrow", "model A { x 1 }\nmodel B { y: [1, 2 }\ntool t( { }\nmodel C { z: 3 }");
    expect(result.diagnostics.map((d) => [d.code, d.span.line])).toEqual([
      ["MS1004", 1],
      ["MS1004", 2],
      ["MS1004", 3],
    ]);
    expect(result.ast.items.some((i) => i.kind === "Model" && i.name === "C")).toBe(true);
  });

  it("requires commas between list items and call arguments", () => {
    expect(parseFile("t", "model A { x: [a b] }").diagnostics.map((d) => d.message)).toEqual([
      "Expected ']' but found 'b'.",
    ]);
    expect(parseFile("t", "model A { x: f(a b) }").diagnostics.map((d) => d.message)).toEqual([
      "Expected ')' but found 'b'.",
    ]);
  });

  it("says a '}' is missing when a new declaration starts inside a body", () => {
    const result = parseFile("t", 'model A {\n  name: "x"\n\nprompt p() { }');
    expect(result.diagnostics.map((d) => [d.message, d.span.line])).toEqual([["Expected '}' but found 'prompt'.", 4]]);
    expect(result.ast.items.map((i) => i.kind)).toEqual(["Model", "Prompt"]);
  });

  it("refuses nesting deeper than 64 levels instead of overflowing the stack", () => {
    const ok = parseFile("t", `model A { x: ${"[".repeat(63)}${"]".repeat(63)} }`);
    expect(ok.diagnostics).toEqual([]);
    const deep = parseFile("t", `model A { x: ${"[".repeat(10_000)} }`);
    expect(deep.diagnostics.map((d) => [d.code, d.span.column])).toEqual([["MS1006", 77]]);
  });

  it("reports unterminated strings and comments, and odd characters", () => {
    expect(parseFile("t", 'model A { x: "abc\n}').diagnostics.map((d) => d.code)).toEqual(["MS1002"]);
    expect(parseFile("t", "model A { }\n/* open").diagnostics.map((d) => d.code)).toEqual(["MS1003"]);
    expect(parseFile("t", "model A { x: 1 # }").diagnostics.map((d) => d.code)).toEqual(["MS1001"]);
    expect(parseFile("t", "model A {").diagnostics.map((d) => d.code)).toEqual(["MS1005"]);
  });
});
