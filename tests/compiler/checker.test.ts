/** One-line checker cases: a source → the codes (and lines) it must produce. The valid cases must produce none. */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/program.js";

const PRELUDE = [
  'model Local { provider: openai_compat, name: "qwen3:8b" }',
  'tool read_file(path: string) { category: read, description: "Read." }',
  'guard spiral { then: steer("Smaller edits.") }',
  "budget default { context: 85% }",
].join("\n");

function codes(text: string): string[] {
  return compile([{ path: "t.marrow", text: `${PRELUDE}\n${text}` }]).diagnostics.map((d) => d.code);
}

const valid: string[] = [
  'prompt p(a: string, b?: int) -> string { model: Local, template: "{{a}} {{ b }}", timeout: 60s }',
  'prompt p(a: string) -> { ok: bool, items: string[] } { model: Local, template: "{{a}}", cache: { key: hash(a), ttl: 10m } }',
  'prompt p(a: string) { model: Local, template: "{{a}}", retry: { max_attempts: 3, backoff: exponential, interval: 1s } }',
  'prompt p(a: string) { model: Local, template: "{{a}}", budget: 2k tokens, on_invalid: escalate, validate: json }',
  'prompt p(a: string) { model: Local, template: "{{a}}", constraints: [output in ["yes", "no"]] }',
  'model Big { provider: vllm, name: env("BIG", "qwen3:32b"), context_window: 128k tokens, temperature: env("T", 0.1) }',
  "router R { tiers: [ { max: 8k tokens -> Local }, { max: 16k -> Local } ], default: Local, on_low_confidence: escalate }",
  'evaluation e { prompt: p, cases: [ { input: { a: "x" }, expect: contains("x") } ], baseline: { min_pass_rate: 0.8 } }\nprompt p(a: string) { model: Local, template: "{{a}}" }',
  'guard g { failures_per_file: 4, window: 10m, patterns: ["hi"], escalate: { after: 2, then: abort("stop") }, then: reject("no") }',
  "budget b { context: 0.85, output_reserve: 4k tokens, tool_result: 4k chars, compact_at: 80%, compact_to: 50%, keep_recent_turns: 6 }",
  "agent a { model: Local, budget: default, tools: [read_file], guards: [spiral]\n stage act { loop until done } }",
  "agent a { model: Local, budget { context: 70% }\n stage act { loop until done, next: v }\n stage v { run: project.test_command, on_fail: retry(act, 2, rollback), next: done } }",
  'agent a { model: Local\n stage s { run: "npm test", on_pass: done, on_fail: goto(s) } }',
  'tool t(path: string) { category: read, description: "x", aliases: { tool: [cat], path: [file] }, shell: "cat {{path}}", result_cap: 8k }',
  'routing r { categories: { read: { keywords: ["look"] }, search: { after: [read] } }, always: [read], fallback: [search], continue_phrases: ["go"], hold_steps: 3 }',
  "routing r { categories: {}, always: [read] }\nagent a { model: Local, routing: r\n stage s { loop until done } }",
  'agent a { model: Local, system: "In {{cwd}}: {{ project }}", tools_prompt: "{{tools}}", messages { format_error: "{{problems}}", check_failed: "{{command}} {{exit_code}} {{output}}" }\n stage s { loop until done } }',
  "agent a { model: Local, loop { max_format_errors: 2, check_output: 2k chars, tool_timeout: 90s, retry_temperature_step: 0.2 }\n stage s { loop until done } }",
  "agent a { model: Local\n stage s { loop until done, next: v }\n stage v { run: project.test_command, when: files_changed, next: done } }",
];

const invalid: [string, string[]][] = [
  ["routing r { always: [read] }", ["MS2006"]],
  ["routing r { categories: { read: { keyword: [x] } } }", ["MS2003"]],
  ["routing r { categories: { read: {} }, fallback: [serch] }", ["MS2030"]],
  ["routing r { categories: { write: {} } }", ["MS2031"]],
  ["routing r { categories: { read: {} }, hold_steps: 2s }", ["MS2005"]],
  ["agent a { model: Local, routing: default\n stage s { loop until done } }", ["MS2001"]],
  ['agent a { model: Local, messages { empty_reply: "{{turn}}" }\n stage s { loop until done } }', ["MS2032"]],
  ["agent a { model: Local, loop { tool_timeout: 5 }\n stage s { loop until done } }", ["MS2005"]],
  ["agent a { model: Local\n stage s { loop until done, when: changed } }", ["MS2019"]],
  ['prompt p(a: string) { model: Local, template: "{{b}}" }', ["MS2029", "MS2007"]],
  ['prompt p(a: string) { model: Local, template: "{{a}}", timeout: 60 }', ["MS2005"]],
  ['prompt p(a: string) { model: Local, template: "{{a}}", retry: { backoff: linear } }', ["MS2006"]],
  ['prompt p(a: string) { model: Local, template: "{{a}}", retry: 3 }', ["MS2004"]],
  ['prompt p(a: string) { router: Local, template: "{{a}}" }', ["MS2001"]],
  ['model Big { provider: vllm, name: env("BIG", 3) }', ["MS2004"]],
  ["router R { tiers: [ { max: 8k chars -> Local } ] }", ["MS2005"]],
  ["router R { tiers: [ { max: 8k tokens } ] }", ["MS2004"]],
  ["budget b { context: 1.5 }", ["MS2005"]],
  ["budget b { context: 85%, keep_recent_turns: 2.5 }", ["MS2004"]],
  ["agent a { model: Local\n stage s { next: s } }", ["MS2011"]],
  ["agent a { model: Local\n stage s { on_fail: retry(t, 2), next: done } }", ["MS2001"]],
  ["agent a { model: Local\n stage s { next: done, on_fail: jump(s) } }", ["MS2023"]],
  ["agent a { model: read_file\n stage s { next: done } }", ["MS2001"]],
  ['guard g { then: "steer" }', ["MS2004"]],
  ["guard g { then: steer(42) }", ["MS2004"]],
  ['tool t(a: string) { category: read, description: "x", returns: strin }', ["MS2021"]],
  [
    'evaluation e { prompt: p, cases: [ { input: { b: "x" }, expect: "x" } ] }\nprompt p(a: string) { model: Local, template: "{{a}}" }',
    ["MS2022"],
  ],
  ['prompt p(a: string, b: string) { model: Local, template: "{{a}}" }', ["MS2029"]],
  ['tool t(a: string, b: int) { category: run, description: "x", shell: "echo {{a}}" }', ["MS2029"]],
];

describe("checker", () => {
  it("accepts the prelude", () => {
    expect(codes("")).toEqual([]);
  });

  for (const text of valid) {
    it(`accepts: ${text.split("\n")[0]}`, () => {
      expect(codes(text)).toEqual([]);
    });
  }

  for (const [text, expected] of invalid) {
    it(`rejects: ${text.split("\n").join(" / ")} → ${expected.join(", ")}`, () => {
      expect(codes(text)).toEqual(expected);
    });
  }
});

describe("did you mean", () => {
  it("counts a swap of two neighbouring letters as one edit", async () => {
    const { editDistance, closest } = await import("../../compiler/checker/suggest.js");
    expect(editDistance("modle", "model")).toBe(1);
    expect(editDistance("timout", "timeout")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(closest("x", ["%"])).toBeUndefined();
    expect(closest("tempreature", ["temperature", "top_p"])).toBe("temperature");
  });

  it("suggests the declaration keyword for a misspelt one", () => {
    const hints = compile([{ path: "t", text: 'modle Local { name: "x" }' }]).diagnostics.map((d) => d.hint);
    expect(hints).toEqual(["Did you mean 'model'?"]);
  });
});
