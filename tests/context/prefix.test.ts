import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../runtime/model/types.js";
import { prefixStability, promptSegments, type PromptLike } from "../../runtime/context/prefix.js";

const sys: ChatMessage = { role: "system", content: "You are a coding agent. ".repeat(20) };
const task: ChatMessage = { role: "user", content: "Fix the failing test in tests/math.test.ts." };
const tool = (name: string) => ({
  type: "function" as const,
  function: { name, description: `${name} tool ${"d ".repeat(40)}` },
});
const base: PromptLike = { messages: [sys, task], tools: [tool("read_file"), tool("bash")] };
const more: PromptLike = {
  messages: [
    sys,
    task,
    { role: "assistant", content: "Reading." } as ChatMessage,
    { role: "user", content: "ok" } as ChatMessage,
  ],
  tools: base.tools,
};

describe("prefixStability", () => {
  // [label, previous, next, min, max]
  const cases: Array<[string, PromptLike, PromptLike, number, number]> = [
    ["identical requests", base, base, 1, 1],
    ["an appended turn keeps the whole old prompt", base, more, 0.85, 0.99],
    [
      "a changed system prompt breaks everything",
      base,
      { ...base, messages: [{ role: "system", content: "Other." }, task] },
      0,
      0.05,
    ],
    ["a changed tool set keeps only the system prompt", base, { ...base, tools: [tool("grep")] }, 0.3, 0.75],
    [
      "a rewritten task keeps system and tools",
      base,
      { ...base, messages: [sys, { role: "user", content: "Add a feature." }] },
      0.8,
      0.99,
    ],
  ];
  it.each(cases)("%s", (_label, previous, next, min, max) => {
    const share = prefixStability(previous, next);
    expect(share).toBeGreaterThanOrEqual(min);
    expect(share).toBeLessThanOrEqual(max);
  });

  it("counts with the given tokenizer: the shared segments over all of the next request", () => {
    const chars = (t: string): number => t.length;
    const total = (p: PromptLike): number => promptSegments(p).reduce((n, s) => n + s.length, 0);
    expect(prefixStability(base, more, chars)).toBeCloseTo(total(base) / total(more), 10);
  });
});
