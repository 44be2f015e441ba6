/** runPrompt against the project's OpenAI-compatible test server, over real HTTP. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import {
  MemoryCache,
  MemoryTracer,
  pooledClients,
  runPrompt,
  type ModelSpec,
  type PromptRuntime,
  type PromptSpec,
  type RouterSpec,
} from "../../runtime/prompt/index.js";

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const small: ModelSpec = {
  name: "Small",
  provider: "openai_compat",
  model: "small-model",
  endpoint: { env: "TEST_BASE_URL", default: "http://127.0.0.1:9/v1" },
  contextWindow: 4000,
  maxOutput: 500,
  temperature: 0.2,
};

function runtime(extra: Partial<PromptRuntime> = {}): PromptRuntime & { tracer: MemoryTracer } {
  return {
    ...extra,
    clientFor: pooledClients({ retry: { maxAttempts: 1 }, stream: false }),
    env: { TEST_BASE_URL: server.baseUrl },
    tracer: new MemoryTracer(),
    sleep: async () => {},
  };
}

type Params = { question: string };
function spec(overrides: Partial<PromptSpec<Params, "yes" | "no">> = {}): PromptSpec<Params, "yes" | "no"> {
  return {
    name: "ask",
    params: ["question"],
    template: "Answer yes or no: {{question}}",
    model: { kind: "model", model: small },
    output: "text",
    schema: z.enum(["yes", "no"]),
    returns: "yes or no",
    validate: [{ kind: "non_empty" }],
    constraints: [],
    onInvalid: "fail",
    ...overrides,
  };
}

const temperatures = () => server.chatRequests.map((r) => r.body.temperature as number);

describe("runPrompt over HTTP", () => {
  it("renders the template, sends it with the model's settings, and returns the typed value", async () => {
    server.enqueue(reply().text("yes").stop());
    const result = await runPrompt(spec(), { question: "is the sky blue?" }, runtime());
    expect(result).toMatchObject({ ok: true, value: "yes", cached: false, attempts: 1, model: "small-model" });
    const body = server.chatRequests[0]?.body;
    expect(body.model).toBe("small-model");
    expect(body.messages).toEqual([{ role: "user", content: "Answer yes or no: is the sky blue?" }]);
    expect(body.temperature).toBe(0.2);
  });

  it("misses then hits the cache: the second call sends nothing", async () => {
    const cache = new MemoryCache();
    const cached = spec({ cache: { keyParams: ["question"], ttlMs: 60_000 } });
    server.enqueue(reply().text("no").stop());
    const first = await runPrompt(cached, { question: "q1" }, runtime({ cache }));
    const second = await runPrompt(cached, { question: "q1" }, runtime({ cache }));
    expect(first).toMatchObject({ ok: true, value: "no", cached: false });
    expect(second).toMatchObject({ ok: true, value: "no", cached: true, attempts: 0 });
    expect(server.chatRequests).toHaveLength(1);
    server.enqueue(reply().text("yes").stop());
    expect(await runPrompt(cached, { question: "q2" }, runtime({ cache }))).toMatchObject({
      value: "yes",
      cached: false,
    });
    expect(server.chatRequests).toHaveLength(2);
  });

  it("times out a hanging server and reports it as a typed failure", async () => {
    server.enqueue(reply().hang());
    const started = Date.now();
    const result = await runPrompt(spec({ timeoutMs: 300 }), { question: "q" }, runtime());
    expect(result).toMatchObject({ ok: false, reason: "timeout", attempts: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("retries invalid output, lower temperature first and higher second", async () => {
    server.enqueue(reply().text("maybe").stop(), reply().text("perhaps").stop(), reply().text("yes").stop());
    const retrying = spec({ onInvalid: "retry", retry: { maxAttempts: 3, backoff: "fixed", intervalMs: 1 } });
    const result = await runPrompt(retrying, { question: "q" }, runtime());
    expect(result).toMatchObject({ ok: true, value: "yes", attempts: 3 });
    expect(temperatures()).toEqual([0.2, 0.1, 0.5]);
  });

  it("gives up after max_attempts with the validation error", async () => {
    server.enqueue(reply().text("maybe").stop(), reply().text("maybe").stop());
    const retrying = spec({ onInvalid: "retry", retry: { maxAttempts: 2, backoff: "none", intervalMs: 0 } });
    const result = await runPrompt(retrying, { question: "q" }, runtime());
    expect(result).toMatchObject({ ok: false, reason: "invalid_output", attempts: 2, text: "maybe" });
    expect(server.chatRequests).toHaveLength(2);
  });

  it("re-asks with a repair prompt that quotes the problem", async () => {
    server.enqueue(reply().text("I think so").stop(), reply().text("yes").stop());
    const repairing = spec({
      onInvalid: "retry_with_repair_prompt",
      retry: { maxAttempts: 2, backoff: "none", intervalMs: 0 },
    });
    const result = await runPrompt(repairing, { question: "q" }, runtime());
    expect(result).toMatchObject({ ok: true, value: "yes", attempts: 2 });
    const messages = server.chatRequests[1]?.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[1]?.content).toBe("I think so");
    expect(messages[2]?.content).toMatch(/not usable: .*does not match.*Reply again with only yes or no/);
  });

  it("fails at once on invalid output when on_invalid is fail", async () => {
    server.enqueue(reply().text("maybe").stop());
    const result = await runPrompt(
      spec({ retry: { maxAttempts: 3, backoff: "none", intervalMs: 0 } }),
      { question: "q" },
      runtime(),
    );
    expect(result).toMatchObject({ ok: false, reason: "invalid_output", attempts: 1 });
  });

  it("refuses a prompt over its token budget without sending anything", async () => {
    const result = await runPrompt(spec({ budgetTokens: 20 }), { question: "why ".repeat(100) }, runtime());
    expect(result).toMatchObject({ ok: false, reason: "over_budget", attempts: 0, limit: 20 });
    expect(!result.ok && result.tokens).toBeGreaterThan(20);
    expect(server.chatRequests).toHaveLength(0);
  });

  it("escalates invalid output to the router's next tier, then the fallback", async () => {
    const big: ModelSpec = { ...small, name: "Big", model: "big-model" };
    const huge: ModelSpec = { ...small, name: "Huge", model: "huge-model" };
    const router: RouterSpec = {
      name: "R",
      tiers: [
        { maxTokens: 1000, model: small },
        { maxTokens: 3000, model: big },
      ],
      default: small,
      fallback: huge,
    };
    server.enqueue(reply().text("hmm").stop(), reply().text("unsure").stop(), reply().text("no").stop());
    const result = await runPrompt(
      spec({ model: { kind: "router", router }, onInvalid: "escalate" }),
      { question: "q" },
      runtime(),
    );
    expect(result).toMatchObject({ ok: true, value: "no", model: "huge-model", attempts: 3 });
    expect(server.chatRequests.map((r) => r.body.model)).toEqual(["small-model", "big-model", "huge-model"]);
  });

  it("retries a server error under the retry policy", async () => {
    server.enqueue(reply().httpError(500), reply().text("yes").stop());
    const result = await runPrompt(
      spec({ retry: { maxAttempts: 2, backoff: "none", intervalMs: 0 } }),
      { question: "q" },
      runtime(),
    );
    expect(result).toMatchObject({ ok: true, value: "yes", attempts: 2 });
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    server.enqueue(reply().text("yes").delay(3000).stop());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const retrying = spec({ retry: { maxAttempts: 3, backoff: "none", intervalMs: 0 } });
    const result = await runPrompt(retrying, { question: "q" }, runtime({ signal: controller.signal }));
    expect(result).toMatchObject({ ok: false, reason: "aborted", attempts: 1 });
    expect(server.chatRequests).toHaveLength(1);
  });

  it("reads JSON replies leniently against the schema", async () => {
    server.enqueue(reply().text('Here:\n```json\n{"steps": ["read", "edit"]}\n```').stop());
    const json: PromptSpec<Params, { steps: string[] }> = {
      ...spec(),
      output: "json",
      schema: z.object({ steps: z.array(z.string()) }),
      returns: "JSON",
    };
    expect(await runPrompt(json, { question: "q" }, runtime())).toMatchObject({
      ok: true,
      value: { steps: ["read", "edit"] },
    });
  });

  it("writes a span for the call and one per attempt, in one trace", async () => {
    server.enqueue(reply().text("maybe").usage({ prompt: 11, completion: 1 }).stop(), reply().text("no").stop());
    const rt = runtime({ traceId: "trace-1", parentSpanId: "parent" });
    await runPrompt(
      spec({ onInvalid: "retry", retry: { maxAttempts: 2, backoff: "none", intervalMs: 0 } }),
      { question: "q" },
      rt,
    );
    const spans = rt.tracer.spans;
    expect(spans.map((s) => [s.name, s.attempt, s.outcome])).toEqual([
      ["model small-model", 1, "ok"],
      ["model small-model", 2, "ok"],
      ["prompt ask", 2, "ok"],
    ]);
    const call = spans[2];
    expect(spans.every((s) => s.traceId === "trace-1")).toBe(true);
    expect(call?.parentSpanId).toBe("parent");
    expect(spans[0]?.parentSpanId).toBe(call?.spanId);
    expect(spans[0]?.tokens).toEqual({ prompt: 11, completion: 1, estimated: false });
    expect(JSON.parse(JSON.stringify(call))).toEqual(call);
  });
});
