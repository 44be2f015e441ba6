/**
 * Each perturbation produces what SmallCode's parser and patcher will actually see: every call format reads back to
 * the same call through the real parser, drifted names resolve through the declared aliases, sloppy old_text no longer
 * matches exactly (and the patcher can still place the fixable kinds), broken output yields no runnable call.
 */
import { describe, expect, it } from "vitest";
import { truncate, think } from "../../bench/sim/perturb/broken-output.js";
import { instructedFormat, renderCall } from "../../bench/sim/perturb/format.js";
import { greeting, prose } from "../../bench/sim/perturb/habits.js";
import { driftedParams, driftParam, missName } from "../../bench/sim/perturb/naming.js";
import { crlf, elideBoth, lineNumbers, slipIndent, spoilEdit, staleText } from "../../bench/sim/perturb/sloppy-edit.js";
import { Rng } from "../../bench/sim/rng.js";
import { SIM_FORMATS, type SimCall } from "../../bench/sim/types.js";
import { bash, edit_file, read_file, write_file } from "../../generated/tools.js";
import { applyEdit } from "../../runtime/patch/index.js";
import { aliasOptionsFromSpecs } from "../../runtime/toolcall/aliases.js";
import { parseToolCalls } from "../../runtime/toolcall/parse.js";
import { toOpenAITool } from "../../runtime/tools/types.js";

const specs = [read_file, write_file, edit_file, bash];
const tools = specs.map(toOpenAITool);
const options = aliasOptionsFromSpecs(specs);
const parse = (r: { content: string; toolCalls: { name: string; arguments: string }[] }) =>
  parseToolCalls({ text: r.content, nativeToolCalls: r.toolCalls }, tools, options);

const EDIT: SimCall = {
  tool: "edit_file",
  args: {
    path: "src/sum.js",
    old_text: "  for (let i = 0; i <= xs.length; i++) {",
    new_text: "  for (let i = 0; i < xs.length; i++) {",
  },
};
const READ: SimCall = { tool: "read_file", args: { path: "src/app.py" } };
const FILE = [
  "function sum(xs) {",
  "  let total = 0;",
  "  for (let i = 0; i <= xs.length; i++) {",
  "    total += xs[i] ?? 0;",
  "  }",
  "  return total;",
  "}",
  "",
].join("\n");
const BLOCK = ["  let total = 0;", "  for (let i = 0; i <= xs.length; i++) {", "    total += xs[i] ?? 0;", "  }"].join(
  "\n",
);
const FIXED_BLOCK = BLOCK.replace("<=", "<");

describe("call formats", () => {
  it.each(SIM_FORMATS)("%s reads back to the same call through the parser", (format) => {
    for (const call of [EDIT, READ, { tool: "bash", args: { command: "node --test test/" } }]) {
      const r = parse(renderCall(call, format, "call_1"));
      expect(r.diagnostics).toEqual([]);
      expect(r.calls).toHaveLength(1);
      expect(r.calls[0]!.name).toBe(call.tool);
      expect(r.calls[0]!.arguments).toEqual(call.args);
    }
  });

  it("native puts the call in tool_calls and nothing in the content; the others are text", () => {
    expect(renderCall(READ, "native", "c").toolCalls).toHaveLength(1);
    expect(renderCall(READ, "native", "c").content).toBe("");
    for (const f of SIM_FORMATS.filter((f) => f !== "native")) expect(renderCall(READ, f, "c").toolCalls).toEqual([]);
  });

  it("follows the format the system prompt teaches", () => {
    expect(instructedFormat('write <tool_call>\n{"name": …}\n</tool_call>')).toBe("hermes");
    expect(instructedFormat("one fenced block:\n```json\n{}\n```")).toBe("fenced-json");
  });
});

describe("naming errors", () => {
  it("drifts one parameter name, which the declared aliases map back", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const drifted = driftParam(READ, new Rng(seed))!;
      expect(drifted.args["path"]).toBeUndefined();
      expect(driftedParams(drifted, READ.args)).toEqual(["path"]);
      seen.add(Object.keys(drifted.args)[0]!);
      const r = parse(renderCall(drifted, "native", "c"));
      expect(r.calls[0]?.arguments).toEqual(READ.args);
    }
    expect([...seen].sort()).toEqual(["file_path", "filename", "filepath"]);
  });

  it("near-miss names resolve to the tool; made-up names are not tools", () => {
    for (let seed = 0; seed < 20; seed++) {
      const near = missName(READ, "tool-near-miss", new Rng(seed))!;
      expect(near.tool).not.toBe("read_file");
      expect(parse(renderCall(near, "native", "c")).calls[0]?.name).toBe("read_file");
      const madeUp = missName(EDIT, "tool-made-up", new Rng(seed))!;
      expect(specs.map((s) => s.name)).not.toContain(madeUp.tool);
    }
  });
});

describe("sloppy edits", () => {
  const fixed = FILE.replace(BLOCK, FIXED_BLOCK);

  it("every kind breaks the exact match", () => {
    const spoiled = [
      slipIndent(BLOCK, new Rng(3)),
      elideBoth(BLOCK, FIXED_BLOCK, new Rng(3))?.old,
      staleText(BLOCK, new Rng(3)),
      crlf(BLOCK),
      lineNumbers(BLOCK, new Rng(3)),
    ];
    for (const s of spoiled) {
      expect(s).toBeDefined();
      expect(FILE.includes(s!)).toBe(false);
    }
  });

  it.each(["edit-indent", "edit-elided", "edit-crlf", "edit-line-numbers"] as const)(
    "the patcher still places an edit spoiled by %s, with the intended result",
    (kind) => {
      for (let seed = 0; seed < 10; seed++) {
        const e = spoilEdit(BLOCK, FIXED_BLOCK, kind, new Rng(seed))!;
        expect(e.kind).toBe(kind);
        const r = applyEdit(FILE, e.old, e.updated);
        expect(r.ok, `${kind} seed ${seed}: ${JSON.stringify(e)}`).toBe(true);
        if (r.ok) expect(r.content).toBe(fixed);
      }
    },
  );

  it("elision skips the same unchanged lines in old_text and new_text", () => {
    const e = elideBoth(BLOCK, FIXED_BLOCK, new Rng(1))!;
    const marker = (t: string) => t.split("\n").filter((l) => l.includes("...")).length;
    expect(marker(e.old)).toBe(1);
    expect(marker(e.updated)).toBe(1);
    expect(e.updated).toContain("i < xs.length");
  });

  it("a one-line old_text cannot be elided; another kind is used", () => {
    expect(elideBoth("i <= xs.length", "i < xs.length", new Rng(1))).toBeUndefined();
    const r = spoilEdit("i <= xs.length", "i < xs.length", "edit-elided", new Rng(1))!;
    expect(r.kind).not.toBe("edit-elided");
    expect(r.old).not.toBe("i <= xs.length");
  });

  it("stale text changes one word of the longest line and leaves new_text alone", () => {
    const e = spoilEdit(BLOCK, FIXED_BLOCK, "edit-stale", new Rng(5))!;
    expect(e.old.split("\n").filter((l, i) => l !== BLOCK.split("\n")[i])).toHaveLength(1);
    expect(e.updated).toBe(FIXED_BLOCK);
  });
});

describe("broken output and habits", () => {
  it("a truncated call yields no runnable call, in JSON arguments or in text", () => {
    for (const format of ["native", "hermes", "fenced-json"] as const) {
      const r = parse(truncate(renderCall(EDIT, format, "c"), new Rng(9)));
      expect(r.calls).toEqual([]);
    }
  });

  it("a closed think block is stripped; an unclosed one holds the rest of the reply", () => {
    const closed = think(renderCall(READ, "hermes", "c"), READ, true, new Rng(1));
    expect(closed.content).toMatch(/^<think>[\s\S]*<\/think>/);
    expect(parse(closed).calls[0]?.name).toBe("read_file");
    const open = think(renderCall(READ, "hermes", "c"), READ, false, new Rng(1));
    expect(open.content.startsWith("<think>")).toBe(true);
    expect(open.content).not.toContain("</think>");
  });

  it("greetings and prose carry no call", () => {
    for (let seed = 0; seed < 5; seed++) {
      expect(parse({ content: greeting(new Rng(seed)), toolCalls: [] }).calls).toEqual([]);
      expect(parse({ content: prose(EDIT, new Rng(seed)), toolCalls: [] }).calls).toEqual([]);
    }
  });
});
