import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer, type LlmServerOptions } from "../../bench/server/index.js";
import { TokenCalibrator } from "../../runtime/context/tokens.js";
import { createModelClient, type ModelClientConfig } from "../../runtime/model/index.js";
import type { ChatMessage, StreamDelta } from "../../runtime/model/types.js";

let server: LlmServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 };
const hi: ChatMessage[] = [{ role: "user", content: "hi" }];

async function setup(options?: LlmServerOptions, config?: Partial<ModelClientConfig>) {
  server = await startLlmServer(options);
  const client = createModelClient({ baseUrl: server.baseUrl, model: "test-model", retry: FAST_RETRY, ...config });
  return { server, client };
}

/** A port nothing listens on: bind an ephemeral port, then release it. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("model client: answers", () => {
  it("streams text, reports deltas, usage and time to first token", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("Hello there, world").chunked(3).usage({ prompt: 20, completion: 5 }).stop());
    const deltas: StreamDelta[] = [];
    const result = await client.complete({ messages: hi, onDelta: (d) => deltas.push(d) });
    expect(result).toMatchObject({ stopReason: "stop", text: "Hello there, world", attempts: 1 });
    expect(result.usage).toEqual({ promptTokens: 20, completionTokens: 5, estimated: false });
    expect(deltas.map((d) => d.text).join("")).toBe("Hello there, world");
    expect(deltas.length).toBe(3);
    expect(result.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    const body = server.chatRequests[0]?.body;
    expect(body).toMatchObject({ model: "test-model", stream: true, stream_options: { include_usage: true } });
    expect(body.messages).toEqual([{ role: "user", content: "hi" }]);
  });

  it("assembles native tool calls and stops with tool_use", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("Reading.").tool("read_file", { path: "a.ts" }).toolRaw("grep", "{'q': 1").stop());
    const tools = [{ type: "function" as const, function: { name: "read_file", parameters: { type: "object" } } }];
    const result = await client.complete({ messages: hi, tools });
    expect(result.stopReason).toBe("tool_use");
    expect(result.text).toBe("Reading.");
    expect(result.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["read_file", '{"path":"a.ts"}'],
      ["grep", "{'q': 1"],
    ]);
    expect(result.toolCalls[0]?.id).toMatch(/\S/);
    expect(server.chatRequests[0]?.body.tools).toEqual(tools);
  });

  it("works without streaming too", async () => {
    const { server, client } = await setup(undefined, { stream: false });
    server.enqueue(reply().reasoning("think").text("plain").tool("ls", {}).stop());
    const result = await client.complete({ messages: hi });
    expect(result).toMatchObject({ stopReason: "tool_use", text: "plain", reasoning: "think" });
    expect(result.toolCalls[0]?.name).toBe("ls");
    expect(server.chatRequests[0]?.body.stream).toBe(false);
  });

  it("maps finish_reason length", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("cut").finish("length"));
    expect((await client.complete({ messages: hi, maxTokens: 3 })).stopReason).toBe("length");
    expect(server.chatRequests[0]?.body.max_tokens).toBe(3);
  });
});

describe("model client: failures", () => {
  it("retries a 500 and then succeeds", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().httpError(500, "boom"), reply().httpError(503), reply().text("ok").stop());
    const result = await client.complete({ messages: hi });
    expect(result).toMatchObject({ stopReason: "stop", text: "ok", attempts: 3 });
    expect(server.chatRequests).toHaveLength(3);
  });

  it("gives up after maxAttempts with the HTTP error", async () => {
    const { server, client } = await setup(undefined, { retry: { ...FAST_RETRY, maxAttempts: 2 } });
    server.enqueue(reply().httpError(502, "bad gateway"), reply().httpError(502, "bad gateway"), reply().text("x"));
    const result = await client.complete({ messages: hi });
    expect(result.stopReason).toBe("error");
    expect(result.error).toMatchObject({ kind: "http", status: 502, retryable: true });
    expect(result.error?.message).toContain("bad gateway");
    expect(result.attempts).toBe(2);
    expect(server.pending).toBe(1);
  });

  it("does not retry a 400", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().httpError(400, "bad request: unknown field"), reply().text("never"));
    const result = await client.complete({ messages: hi });
    expect(result.stopReason).toBe("error");
    expect(result.error).toMatchObject({ kind: "http", status: 400, retryable: false });
    expect(result.attempts).toBe(1);
    expect(server.chatRequests).toHaveLength(1);
  });

  it("explains a 400 for a prompt larger than the server's window", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().httpError(400, "the request exceeds the available context size, try increasing it"));
    const result = await client.complete({ messages: hi });
    expect(result.error?.message).toMatch(/exceeds the available context size.*--ctx-size/);
  });

  it("honours Retry-After on 429 within the configured cap", async () => {
    const { server, client } = await setup(undefined, {
      retry: { baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 5000 },
    });
    server.enqueue(reply().httpError(429, "slow down", { "retry-after-ms": "200" }), reply().text("ok"));
    const started = Date.now();
    const result = await client.complete({ messages: hi });
    expect(result).toMatchObject({ stopReason: "stop", attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("reports a hung server as a timeout, not a dead one", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().hang());
    const result = await client.complete({ messages: hi, timeoutMs: 150 });
    expect(result.stopReason).toBe("error");
    expect(result.error?.kind).toBe("timeout");
    expect(result.attempts).toBe(1);
  });

  it("times out a stream that goes silent midway, keeping what arrived", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("partial answer").chunked(2).hang(1));
    const result = await client.complete({ messages: hi, timeoutMs: 400 });
    expect(result.error?.kind).toBe("timeout");
    expect(result.text).toBe("partial");
  });

  it("reports a dead port as a connection error after retrying", async () => {
    const port = await deadPort();
    const client = createModelClient({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m", retry: FAST_RETRY });
    const result = await client.complete({ messages: hi });
    expect(result.stopReason).toBe("error");
    expect(result.error?.kind).toBe("connection");
    expect(result.attempts).toBe(3);
  });

  it("returns what a cut stream delivered, with kind stream", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("abcdefgh").chunked(4).streamError(2), reply().text("not used"));
    const result = await client.complete({ messages: hi });
    expect(result.stopReason).toBe("error");
    expect(result.error?.kind).toBe("stream");
    expect(result.text).toBe("abcd");
    expect(result.usage.estimated).toBe(true);
    expect(server.pending).toBe(1);
  });

  it("reports an error event inside the stream as kind stream, not retried", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("partial output").chunked(2).streamError(1, "CUDA out of memory"), reply().text("x"));
    const result = await client.complete({ messages: hi });
    expect(result.stopReason).toBe("error");
    expect(result.error).toMatchObject({ kind: "stream", retryable: false });
    expect(result.error?.message).toContain("CUDA out of memory");
    expect(result.text).toBe("partial");
    expect(result.attempts).toBe(1);
  });

  it("retries a stream cut before any content arrived", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("x").streamError(0), reply().text("second").stop());
    const result = await client.complete({ messages: hi });
    expect(result).toMatchObject({ stopReason: "stop", text: "second", attempts: 2 });
  });

  it("aborts via AbortSignal, also during backoff", async () => {
    const { server, client } = await setup(undefined, {
      retry: { ...FAST_RETRY, baseDelayMs: 5000, maxDelayMs: 5000 },
    });
    server.enqueue(reply().text("slow").delay(2000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const a = await client.complete({ messages: hi, signal: controller.signal });
    expect(a.stopReason).toBe("aborted");
    expect(a.error).toBeUndefined();
    server.enqueue(reply().httpError(500));
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 100);
    const started = Date.now();
    const b = await client.complete({ messages: hi, signal: c2.signal });
    expect(b.stopReason).toBe("aborted");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("classifies a non-completion answer as invalid_response", async () => {
    const { server, client } = await setup(undefined, { stream: false });
    server.enqueue(reply().garbage("<html>hello</html>"));
    const result = await client.complete({ messages: hi });
    expect(result.error?.kind).toBe("invalid_response");
    expect(result.attempts).toBe(1);
  });
});

describe("model client: reasoning", () => {
  it("separates reasoning_content and <think> blocks from the text", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().reasoning("field reasoning").text("Answer").stop());
    server.enqueue(reply().text("<think>tag reasoning</think>\n\nThe answer").chunked(7).stop());
    server.enqueue(reply().text("<think>never closed, still thinking").chunked(5).stop());
    server.enqueue(reply().text("prefilled thoughts</think>Done").chunked(4).stop());
    const deltas: StreamDelta[] = [];
    const a = await client.complete({ messages: hi, onDelta: (d) => deltas.push(d) });
    expect([a.text, a.reasoning]).toEqual(["Answer", "field reasoning"]);
    expect(deltas.some((d) => d.reasoning)).toBe(true);
    const b = await client.complete({ messages: hi });
    expect([b.text, b.reasoning]).toEqual(["The answer", "tag reasoning"]);
    const c = await client.complete({ messages: hi });
    expect([c.text, c.reasoning]).toEqual(["", "never closed, still thinking"]);
    const d = await client.complete({ messages: hi });
    expect([d.text, d.reasoning]).toEqual(["Done", "prefilled thoughts"]);
  });

  it("reads a `reasoning` field when the server uses that name", async () => {
    const { server, client } = await setup({ reasoningField: "reasoning" });
    server.enqueue(reply().reasoning("r").text("t"));
    expect(await client.complete({ messages: hi })).toMatchObject({ text: "t", reasoning: "r" });
  });

  it("sends Qwen's enable_thinking switch and reasoning_effort per compat", async () => {
    const qwen = await setup(undefined, { model: "qwen3:8b", thinking: { enabled: false } });
    qwen.server.enqueue(reply().text("x"));
    await qwen.client.complete({ messages: hi });
    expect(qwen.server.chatRequests[0]?.body.chat_template_kwargs).toEqual({ enable_thinking: false });
    const oss = createModelClient({
      baseUrl: qwen.server.baseUrl,
      model: "gpt-oss:20b",
      thinking: { effort: "medium" },
    });
    qwen.server.enqueue(reply().text("y"));
    await oss.complete({ messages: hi });
    expect(qwen.server.chatRequests[1]?.body.reasoning_effort).toBe("medium");
    expect(qwen.server.chatRequests[1]?.body.chat_template_kwargs).toBeUndefined();
    const ollama = createModelClient({
      baseUrl: qwen.server.baseUrl,
      model: "qwen3:8b",
      serverKind: "ollama",
      thinking: { enabled: false },
    });
    qwen.server.enqueue(reply().text("z"));
    await ollama.complete({ messages: hi });
    expect(qwen.server.chatRequests[2]?.body.reasoning_effort).toBe("none");
    expect(qwen.server.chatRequests[2]?.body.chat_template_kwargs).toBeUndefined();
  });

  it("cuts oversized reasoning and returns length with a warning", async () => {
    const { server, client } = await setup(undefined, { thinking: { maxReasoningTokens: 20 } });
    server.enqueue(reply().reasoning("word ".repeat(200)).text("late answer").chunked(20).stop());
    const result = await client.complete({ messages: hi });
    expect(result.stopReason).toBe("length");
    expect(result.text).toBe("");
    expect(result.reasoning.length).toBeLessThan(500);
    expect(result.warnings?.[0]).toMatch(/budget of 20 tokens/);
  });

  it("does not re-ask when the model has no thinking switch", async () => {
    const { server, client } = await setup(undefined, {
      thinking: { maxReasoningTokens: 20, retryWithoutThinking: true },
    });
    server.enqueue(reply().reasoning("word ".repeat(200)).chunked(20), reply().text("unused"));
    const result = await client.complete({ messages: hi });
    expect(result).toMatchObject({ stopReason: "length", attempts: 1 });
    expect(server.pending).toBe(1);
  });

  it("warns when the output limit was spent on reasoning", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().reasoning("thinking and thinking").finish("length"));
    const result = await client.complete({ messages: hi, maxTokens: 8 });
    expect(result.stopReason).toBe("length");
    expect(result.warnings?.[0]).toMatch(/ran out of output tokens while still reasoning/);
  });

  it("re-asks without thinking after a hard cut when configured", async () => {
    const { server, client } = await setup(undefined, {
      model: "qwen3:8b",
      thinking: { maxReasoningTokens: 20, retryWithoutThinking: true },
    });
    server.enqueue(
      reply()
        .text(`<think>${"hmm ".repeat(200)}</think>answer`)
        .chunked(20)
        .stop(),
    );
    server.enqueue(reply().text("direct answer").stop());
    const result = await client.complete({ messages: hi });
    expect(result).toMatchObject({ stopReason: "stop", text: "direct answer", attempts: 2 });
    expect(server.chatRequests[0]?.body.chat_template_kwargs).toBeUndefined();
    expect(server.chatRequests[1]?.body.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(result.warnings?.[0]).toMatch(/thinking disabled/);
  });
});

describe("model client: usage", () => {
  it("estimates usage when the server sends none", async () => {
    const { server, client } = await setup();
    server.enqueue(reply().text("some answer text").noUsage().stop());
    const result = await client.complete({
      messages: [{ role: "user", content: "please explain the code " + "x ".repeat(50) }],
    });
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.promptTokens).toBeGreaterThan(50);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });

  it("calibrates the estimate from reported usage", async () => {
    const calibrator = new TokenCalibrator();
    const { server, client } = await setup(undefined, { calibrator });
    const messages: ChatMessage[] = [{ role: "user", content: "word ".repeat(300) }];
    server.respond((req) =>
      req.body.stream_options ? reply().text("a").usage({ prompt: 600, completion: 1 }) : reply(),
    );
    await client.complete({ messages });
    expect(calibrator.sampleCount).toBe(1);
    expect(calibrator.factor).toBeGreaterThan(1.5);
    server.respond(() => reply().text("b").noUsage());
    const est = await client.complete({ messages });
    expect(est.usage.estimated).toBe(true);
    expect(est.usage.promptTokens).toBeGreaterThan(550);
  });

  it("warns when the server silently truncates the context", async () => {
    const { server, client } = await setup({ truncateAt: 2048 });
    server.respond(() => reply().text("ok"));
    const small = await client.complete({ messages: hi });
    expect(small.warnings).toBeUndefined();
    const big: ChatMessage[] = [
      { role: "system", content: "rules " },
      { role: "user", content: "token ".repeat(6000) },
    ];
    const result = await client.complete({ messages: big });
    expect(result.contextTruncation).toMatchObject({ processedTokens: 2048 });
    expect(result.contextTruncation!.sentTokens).toBeGreaterThan(5000);
    expect(result.warnings?.[0]).toMatch(/processed only 2048/);
    expect(result.warnings?.[0]).toMatch(/effective context window is about 2048/);
    expect(result.warnings?.[0]).toMatch(/OLLAMA_CONTEXT_LENGTH/);
    expect(client.calibrator.sampleCount).toBe(1);
  });

  it("gives server-specific advice when the server kind is known", async () => {
    const { server, client } = await setup({ truncateAt: 1000 }, { serverKind: "llamacpp" });
    server.respond(() => reply().text("ok"));
    const result = await client.complete({ messages: [{ role: "user", content: "token ".repeat(4000) }] });
    expect(result.warnings?.[0]).toMatch(/--ctx-size/);
    expect(result.warnings?.[0]).not.toMatch(/ollama serve/);
  });
});
