/**
 * Fuzzing parseToolCalls: seeded random token soups and mutated corpus replies never make the parser fail inside
 * (no internal_error diagnostic, which is what a caught exception becomes), every call it returns names a real tool
 * with a plain-object argument list, and parse time grows linearly (sizes compared side by side in one run).
 */
import { describe, expect, it } from "vitest";
import { parseToolCalls, type ToolCallParseResult } from "../../runtime/toolcall/index.js";
import type { OpenAITool } from "../../runtime/model/types.js";
import { loadCorpus } from "./corpus.js";

const corpus = loadCorpus();
const TOOLS = corpus[0]?.tools ?? [];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = [
  "<tool_call>",
  "</tool_call>",
  "<function=",
  "<function=bash>",
  "<parameter=",
  "<parameter=command>",
  "</parameter>",
  "</function>",
  "[TOOL_CALLS]",
  "[ARGS]",
  "[CALL_ID]",
  "<|python_tag|>",
  "<|eom_id|>",
  "<｜tool▁calls▁begin｜>",
  "<｜tool▁call▁begin｜>",
  "<｜tool▁sep｜>",
  "<｜tool▁call▁end｜>",
  "<|tool_call_start|>",
  "<|tool_call_end|>",
  "<|tool_call|>",
  "functools[",
  "```",
  "```json",
  "```tool_code",
  "```yaml",
  "<think>",
  "</think>",
  "[THINK]",
  "<tool_response>",
  "<|channel|>commentary to=functions.bash",
  "<|message|>",
  "<|call|>",
  "<arg_key>",
  "</arg_key>",
  "<arg_value>",
  "</arg_value>",
  "<|tool_call_argument_begin|>",
  "Action: ",
  "Action Input: ",
  "Observation:",
  "<read_file>",
  "</read_file>",
  "<path>",
  "</path>",
  '<invoke name="bash">',
  "</invoke>",
  '"name"',
  '"arguments"',
  '"parameters"',
  ": ",
  ", ",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  '"',
  "'",
  "\\",
  "\\n",
  "\n",
  "\r\n",
  " ",
  "\t",
  "read_file",
  "bash",
  "write_file",
  "ReadFile",
  "run_shell",
  "path",
  "file_path",
  "command",
  "content",
  "=",
  "True",
  "None",
  "null",
  "42",
  "-1.5e3",
  "print(",
  "default_api.",
  "`",
  "> ",
  "e.g. ",
  "Let me ",
  "for example ",
  "é",
  "全",
  "\u0000",
  "\ud800",
  "🙂",
];

function soup(next: () => number, tokens: number): string {
  let s = "";
  for (let i = 0; i < tokens; i++) s += VOCAB[Math.floor(next() * VOCAB.length)];
  return s;
}

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const len = Math.floor(next() * 40);
  switch (Math.floor(next() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + len);
    case 1:
      return text.slice(0, at) + text.slice(at, at + len).repeat(3) + text.slice(at);
    case 2:
      return text.slice(0, at) + soup(next, 1 + Math.floor(next() * 3)) + text.slice(at);
    case 3:
      return text.slice(0, at);
    default:
      return text.slice(at) + text.slice(0, at);
  }
}

function expectSane(r: ToolCallParseResult, tools: readonly OpenAITool[]): void {
  const names = new Set(tools.map((t) => t.function.name));
  expect(r.diagnostics.filter((d) => d.code === "internal_error")).toEqual([]);
  expect(typeof r.text).toBe("string");
  for (const c of r.calls) {
    expect(names.has(c.name)).toBe(true);
    expect(c.arguments !== null && typeof c.arguments === "object" && !Array.isArray(c.arguments)).toBe(true);
  }
}

describe("parseToolCalls fuzz", () => {
  it("survives 600 seeded token soups", () => {
    const next = rng(20240611);
    for (let i = 0; i < 600; i++) {
      const text = soup(next, 1 + Math.floor(next() * 300));
      expectSane(parseToolCalls({ text }, TOOLS), TOOLS);
    }
  });

  it("survives five mutations of every corpus reply", () => {
    const next = rng(7);
    for (const c of corpus) {
      let text = c.input.text;
      for (let k = 0; k < 5; k++) {
        text = mutate(text, next);
        const natives =
          c.input.nativeToolCalls?.map((n) => ({ name: n.name, arguments: mutate(n.arguments, next) })) ?? null;
        expectSane(parseToolCalls({ text, nativeToolCalls: natives }, c.tools, c.options), c.tools);
      }
    }
  });

  it("never throws on inputs of the wrong shape", () => {
    const weird: unknown[] = [
      undefined,
      null,
      42,
      "text",
      { text: 5 },
      { text: "x", nativeToolCalls: "no" },
      { text: "x", nativeToolCalls: [null, 3, { name: 1 }] },
    ];
    const toolSets: unknown[] = [
      undefined,
      null,
      "tools",
      [null, 1, { function: null }, { type: "function", function: { name: "" } }],
      TOOLS,
    ];
    for (const input of weird) {
      for (const tools of toolSets) {
        // Deliberately wrong types: callers in plain JavaScript can pass anything.
        const r = parseToolCalls(input as never, tools as never);
        expect(Array.isArray(r.calls)).toBe(true);
        expect(r.calls).toEqual([]);
      }
    }
  });
});

describe("parseToolCalls cost", () => {
  // Adversarial repetitions: unclosed openers, unbalanced braces, markers on one long line.
  const families: Record<string, string> = {
    "unclosed hermes": "<tool_call> x ",
    "unclosed hermes json": '<tool_call>{"name": "bash", ',
    "unbalanced braces": "{ [ ",
    "qwen3 functions": "<function=bash>\n<parameter=command>\nls\n",
    "mistral tokens": "[TOOL_CALLS]bash ",
    "deepseek begins": "<｜tool▁call▁begin｜>bash<｜tool▁sep｜>{",
    "lfm2 unclosed strings": '<|tool_call_start|>[bash(command="',
    "react inputs": 'Action: bash\nAction Input: {"command": "ls\n',
    "inline code": "` <tool_call> ",
    "xml tags": "<read_file>\n<path>a",
    "calls on one line": 'word {"name": "read_file", "arguments": {"path": "x"}} and ',
    "python tags": "<|python_tag|>{",
    "harmony messages": "<|channel|>commentary to=functions.bash <|message|>{",
    "glm pairs": "<tool_call>bash\n<arg_key>command<arg_value>",
  };

  /** Best of `runs` timings of parsing `text` `times` times in a row. */
  function bestOf(text: string, times: number, runs: number): number {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      for (let k = 0; k < times; k++) parseToolCalls({ text }, TOOLS);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  }

  // Same total bytes both ways: eight 25 KB replies against one 200 KB reply. Linear work gives a ratio near 1,
  // quadratic work near 8; the bound of 4 leaves room for a busy machine without letting a quadratic reader through.
  it.each(Object.entries(families))("grows linearly: %s", (_name, unit) => {
    const small = unit.repeat(Math.ceil(25_000 / unit.length));
    const large = unit.repeat(Math.ceil(200_000 / unit.length));
    bestOf(small, 2, 1); // warm up the JIT
    const eightSmall = Math.max(bestOf(small, 8, 3), 4); // below a few ms, timer noise dominates the ratio
    const oneLarge = bestOf(large, 1, 3);
    expect(oneLarge / eightSmall).toBeLessThan(4);
  });
});
