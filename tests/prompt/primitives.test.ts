import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DiskCache,
  JsonlTracer,
  NOT_JSON,
  MemoryCache,
  cacheKey,
  checkPromptBudget,
  modelChain,
  parseOutput,
  readJson,
  renderTemplate,
  resolveModel,
  retryDelayMs,
  retryTemperature,
  runChecks,
  templateVariables,
  type ModelSpec,
  type RouterSpec,
} from "../../runtime/prompt/index.js";
import { nextStage, type AgentSpec } from "../../runtime/agent/spec.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "smallcode-prompt-"));
  dirs.push(dir);
  return dir;
}

describe("renderTemplate", () => {
  it.each([
    ["Hi {{name}}!", { name: "Ann" }, "Hi Ann!"],
    ["{{ a }}+{{b}}", { a: 1, b: 2 }, "1+2"],
    ["[{{missing}}]", {}, "[]"],
    ["{{list}}", { list: ["x"] }, '[\n  "x"\n]'],
    ["{{not a var}}", {}, "{{not a var}}"],
  ])("%s", (template, values, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });

  it("lists variables in order of first use", () => {
    expect(templateVariables("{{b}} {{a}} {{b}}")).toEqual(["b", "a"]);
  });
});

describe("cache", () => {
  it("keys are stable under object key order and differ by value", () => {
    expect(cacheKey(["p", { a: 1, b: 2 }])).toBe(cacheKey(["p", { b: 2, a: 1 }]));
    expect(cacheKey(["p", "x"])).not.toBe(cacheKey(["p", "y"]));
  });

  it("memory entries expire after their ttl", async () => {
    let now = 1000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set("k", { v: 1 }, 500);
    expect(await cache.get("k")).toEqual({ v: 1 });
    now = 1499;
    expect(await cache.get("k")).toEqual({ v: 1 });
    now = 1500;
    expect(await cache.get("k")).toBeUndefined();
  });

  it("disk entries survive a new cache object and expire", async () => {
    const dir = await tempDir();
    let now = 0;
    await new DiskCache(dir, { now: () => now }).set("abc", "summary", 1000);
    expect(await new DiskCache(dir, { now: () => now }).get("abc")).toBe("summary");
    now = 1000;
    expect(await new DiskCache(dir, { now: () => now }).get("abc")).toBeUndefined();
  });
});

describe("checkPromptBudget", () => {
  it("refuses over the declared budget and over what the window leaves", () => {
    const messages = [{ role: "user" as const, content: "word ".repeat(200) }];
    expect(checkPromptBudget(messages, { contextWindow: 10_000, maxOutput: 1000 }).ok).toBe(true);
    const declared = checkPromptBudget(messages, { contextWindow: 10_000, maxOutput: 1000, budgetTokens: 50 });
    expect(declared).toMatchObject({ ok: false, limit: 50 });
    const window = checkPromptBudget(messages, { contextWindow: 1100, maxOutput: 1000 });
    expect(window).toMatchObject({ ok: false, limit: 100 });
  });
});

describe("parseOutput", () => {
  const schema = z.object({ steps: z.array(z.string()) });
  it.each([
    ['{"steps": ["a"]}', ["a"]],
    ['Here you go:\n```json\n{"steps": ["b"]}\n```\nDone.', ["b"]],
    ['Sure! {"steps": ["c"]} hope this helps', ["c"]],
    ['{"steps": ["d",]}', ["d"]],
  ])("reads %j leniently", (raw, steps) => {
    expect(parseOutput(raw, "json", schema)).toEqual({ ok: true, value: { steps } });
  });

  it("explains a shape mismatch", () => {
    const result = parseOutput('{"steps": [1]}', "json", schema);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/steps\.0/);
  });

  it("reports text without JSON", () => {
    expect(readJson("no json here")).toBe(NOT_JSON);
    expect(parseOutput("no json here", "json", schema)).toMatchObject({ ok: false });
  });

  it("trims text output and applies enums", () => {
    expect(parseOutput("  yes \n", "text", z.enum(["yes", "no"]))).toEqual({ ok: true, value: "yes" });
    expect(parseOutput("maybe", "text", z.enum(["yes", "no"])).ok).toBe(false);
  });
});

describe("runChecks", () => {
  it.each([
    ["", [{ kind: "non_empty" as const }], /empty/],
    ["a\nb", [{ kind: "single_line" as const }], /single line/],
    ["abcdef", [{ kind: "max_chars" as const, max: 3 }], /6 characters/],
    ["maybe", [{ kind: "one_of" as const, values: ["yes", "no"] }], /one of "yes", "no"/],
    ["abc", [{ kind: "matches" as const, pattern: "^\\d+$" }], /match/],
  ])("%j fails %j", (text, checks, message) => {
    expect(runChecks(text, text, checks)).toMatch(message);
  });

  it("passes good output", () => {
    expect(runChecks("yes", "yes", [{ kind: "non_empty" }, { kind: "one_of", values: ["yes"] }])).toBeUndefined();
  });
});

describe("retry policy", () => {
  it("goes lower on the first retry and higher on the second", () => {
    expect([0, 1, 2, 3].map((i) => retryTemperature(0.2, i))).toEqual([0.2, 0.1, 0.5, 0.6]);
    expect(retryTemperature(0, 1)).toBe(0);
    expect(retryTemperature(1, 5)).toBe(1.2);
  });

  it("computes backoff delays", () => {
    expect([1, 2, 3].map((n) => retryDelayMs({ maxAttempts: 4, backoff: "exponential", intervalMs: 100 }, n))).toEqual([
      100, 200, 400,
    ]);
    expect(retryDelayMs({ maxAttempts: 4, backoff: "linear", intervalMs: 100 }, 3)).toBe(300);
    expect(retryDelayMs({ maxAttempts: 4, backoff: "none", intervalMs: 100 }, 3)).toBe(0);
  });
});

describe("models and routers", () => {
  const small: ModelSpec = {
    name: "Small",
    provider: "openai_compat",
    model: { env: "M", default: "qwen3:8b" },
    contextWindow: 8000,
    maxOutput: 1000,
  };
  const big: ModelSpec = {
    name: "Big",
    provider: "openai_compat",
    model: "qwen3:32b",
    contextWindow: 32000,
    maxOutput: 4000,
  };
  const huge: ModelSpec = { ...big, name: "Huge", model: "huge" };
  const router: RouterSpec = {
    name: "R",
    tiers: [
      { maxTokens: 50, model: small },
      { maxTokens: 5000, model: big },
    ],
    default: small,
    fallback: huge,
  };

  it("reads env values, treating empty as unset", () => {
    expect(resolveModel(small, { M: "llama" }).model).toBe("llama");
    expect(resolveModel(small, { M: "" }).model).toBe("qwen3:8b");
  });

  it("routes by prompt size and escalates through later tiers to the fallback", () => {
    const short = [{ role: "user" as const, content: "hi" }];
    const long = [{ role: "user" as const, content: "word ".repeat(200) }];
    expect(modelChain({ kind: "router", router }, short).map((m) => m.name)).toEqual(["Small", "Big", "Huge"]);
    expect(modelChain({ kind: "router", router }, long).map((m) => m.name)).toEqual(["Big", "Huge"]);
    expect(modelChain({ kind: "model", model: small }, long).map((m) => m.name)).toEqual(["Small"]);
  });
});

describe("JsonlTracer", () => {
  it("appends one JSON line per span, in order", async () => {
    const file = join(await tempDir(), "traces", "run.jsonl");
    const tracer = new JsonlTracer(file);
    const base = { traceId: "t", startMs: 0, durationMs: 1, attempt: 1, outcome: "ok" as const };
    tracer.write({ ...base, spanId: "a", name: "one" });
    tracer.write({ ...base, spanId: "b", name: "two" });
    await tracer.flush();
    const lines = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { name: string });
    expect(lines.map((l) => l.name)).toEqual(["one", "two"]);
  });
});

describe("nextStage", () => {
  const agent: AgentSpec = {
    name: "a",
    model: { kind: "model", name: "Local" },
    budget: "default",
    tools: [],
    guards: [],
    initialStage: "act",
    stages: [
      { name: "act", action: { kind: "loop", until: "done" }, next: "verify" },
      {
        name: "verify",
        action: { kind: "run", command: { kind: "project", key: "test_command" } },
        next: "done",
        onFail: { kind: "retry", stage: "act", times: 2, otherwise: { kind: "rollback" } },
      },
    ],
  };
  it("follows next on success and retries, then rolls back, on failure", () => {
    expect(nextStage(agent, "act", "success", new Map())).toEqual({ stage: "verify" });
    expect(nextStage(agent, "verify", "success", new Map())).toEqual({ stage: "done" });
    expect(nextStage(agent, "verify", "failure", new Map([["act", 1]]))).toEqual({ stage: "act" });
    expect(nextStage(agent, "verify", "failure", new Map([["act", 2]]))).toEqual({ stop: "rollback" });
    expect(nextStage(agent, "act", "failure", new Map())).toEqual({ stop: "failed" });
  });
});
