import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";

let server: LlmServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options?: Parameters<typeof startLlmServer>[0]): Promise<{ server: LlmServer; client: OpenAI }> {
  server = await startLlmServer(options);
  return { server, client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test", maxRetries: 0, timeout: 5000 }) };
}

const ask = [{ role: "user" as const, content: "hi" }];

describe("test LLM server: non-streaming", () => {
  it("answers text with usage and records the request", async () => {
    const { server, client } = await start();
    server.enqueue(reply().text("Hello").stop());
    const res = await client.chat.completions.create({ model: "m", messages: ask, temperature: 0.3 });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(res.choices[0]?.message.content).toBe("Hello");
    expect(res.choices[0]?.finish_reason).toBe("stop");
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(res.usage?.completion_tokens).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe("POST");
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.body.temperature).toBe(0.3);
    expect(server.requests[0]?.headers["authorization"]).toBe("Bearer test");
  });

  it("returns native tool calls, JSON-encoded or raw", async () => {
    const { server, client } = await start();
    server.enqueue(reply().tool("read_file", { path: "a.ts" }).stop());
    server.enqueue(reply().toolRaw("read_file", "{'path': 'a.ts'").stop());
    const first = await client.chat.completions.create({ model: "m", messages: ask });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("read_file");
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({ path: "a.ts" });
    const second = await client.chat.completions.create({ model: "m", messages: ask });
    const raw = second.choices[0]?.message.tool_calls?.[0];
    expect(raw?.type === "function" && raw.function.arguments).toBe("{'path': 'a.ts'");
  });

  it("sends reasoning, explicit usage, no usage, and a length finish", async () => {
    const { server, client } = await start();
    server.enqueue(reply().reasoning("thinking").text("ok").usage({ prompt: 11, completion: 7 }).stop());
    server.enqueue(reply().text("cut").noUsage().finish("length"));
    const a = await client.chat.completions.create({ model: "m", messages: ask });
    expect((a.choices[0]?.message as unknown as Record<string, unknown>)["reasoning_content"]).toBe("thinking");
    expect(a.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    const b = await client.chat.completions.create({ model: "m", messages: ask });
    expect(b.usage).toBeUndefined();
    expect(b.choices[0]?.finish_reason).toBe("length");
  });

  it("answers scripted HTTP errors and 500 when the script runs out", async () => {
    const { server, client } = await start();
    server.enqueue(reply().httpError(429, "slow down", { "retry-after": "1" }));
    const error = await client.chat.completions.create({ model: "m", messages: ask }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain("slow down");
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toBe("1");
    const empty = await client.chat.completions.create({ model: "m", messages: ask }).catch((e: unknown) => e);
    expect((empty as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    expect((empty as Error).message).toContain("script ran out");
  });

  it("decides replies per request with respond(), after the queue", async () => {
    const { server, client } = await start();
    server.enqueue(reply().text("queued"));
    server.respond((request) => reply().text(`echo ${request.body.messages.at(-1).content}`));
    const a = await client.chat.completions.create({ model: "m", messages: ask });
    const b = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "again" }] });
    expect(a.choices[0]?.message.content).toBe("queued");
    expect(b.choices[0]?.message.content).toBe("echo again");
  });

  it("rejects tools and roles when configured, like servers lacking those features", async () => {
    const { client } = await start({ rejectTools: true, rejectRoles: ["developer"] });
    const tools = [{ type: "function" as const, function: { name: "f", parameters: { type: "object" } } }];
    const e1 = await client.chat.completions.create({ model: "m", messages: ask, tools }).catch((e: unknown) => e);
    expect((e1 as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    const dev = [{ role: "developer" as const, content: "x" }, ...ask];
    const e2 = await client.chat.completions.create({ model: "m", messages: dev }).catch((e: unknown) => e);
    expect((e2 as Error).message).toContain("developer");
  });
});

describe("test LLM server: streaming", () => {
  it("streams chunked text, tool calls, [DONE] and a usage chunk", async () => {
    const { server, client } = await start();
    server.enqueue(reply().reasoning("hmm").text("Hello world").chunked(3).tool("grep", { q: "x" }).stop());
    const stream = await client.chat.completions.create({
      model: "m",
      messages: ask,
      stream: true,
      stream_options: { include_usage: true },
    });
    const texts: string[] = [];
    let reasoning = "";
    let args = "";
    let finish: string | null = null;
    let usage: unknown;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) texts.push(choice.delta.content);
      const delta = choice?.delta as Record<string, unknown> | undefined;
      if (typeof delta?.["reasoning_content"] === "string") reasoning += delta["reasoning_content"];
      for (const t of choice?.delta.tool_calls ?? []) args += t.function?.arguments ?? "";
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(texts).toEqual(["Hell", "o wo", "rld"]);
    expect(reasoning).toBe("hmm");
    expect(JSON.parse(args)).toEqual({ q: "x" });
    expect(finish).toBe("tool_calls");
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
  });

  it("omits the usage chunk unless requested, and with noUsage()", async () => {
    const { server, client } = await start();
    server.enqueue(reply().text("a"), reply().text("b").noUsage());
    for (const opts of [{}, { stream_options: { include_usage: true } }]) {
      const stream = await client.chat.completions.create({ model: "m", messages: ask, stream: true, ...opts });
      let sawUsage = false;
      for await (const chunk of stream) if (chunk.usage) sawUsage = true;
      expect(sawUsage).toBe(false);
    }
  });

  it("cuts the stream after N chunks with streamError()", async () => {
    const { server, client } = await start();
    server.enqueue(reply().text("abcdef").chunked(3).streamError(2));
    const stream = await client.chat.completions.create({ model: "m", messages: ask, stream: true });
    const got: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) got.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(got.join("")).toBe("abcd");
  });

  it("sends an SSE error event with streamError(n, message)", async () => {
    const { server, client } = await start();
    server.enqueue(reply().text("abcdef").chunked(3).streamError(1, "out of memory"));
    const stream = await client.chat.completions.create({ model: "m", messages: ask, stream: true });
    const got: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) got.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain("out of memory");
    expect(got.join("")).toBe("ab");
  });

  it("hangs until the client gives up, and close() frees hung sockets", async () => {
    const { server } = await start();
    server.enqueue(reply().hang());
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: "t", maxRetries: 0, timeout: 200 });
    const error = await client.chat.completions.create({ model: "m", messages: ask }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    server.enqueue(reply().hang());
    const pending = fetch(`${server.baseUrl}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: ask }),
    }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it("delays a reply", async () => {
    const { server, client } = await start();
    server.enqueue(reply().text("late").delay(150));
    const started = Date.now();
    const res = await client.chat.completions.create({ model: "m", messages: ask });
    expect(res.choices[0]?.message.content).toBe("late");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("test LLM server: flavours", () => {
  it("lists models for every flavour", async () => {
    const { client } = await start({ models: ["a", "b"] });
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["a", "b"]);
  });

  it("imitates Ollama's /api/tags and /api/show", async () => {
    const { server } = await start({
      flavour: "ollama",
      models: [
        { id: "qwen3:8b", contextLength: 40960, numCtx: 8192 },
        { id: "nomic-embed-text", embedding: true },
      ],
    });
    const root = server.baseUrl.replace(/\/v1$/, "");
    const tags = (await (await fetch(`${root}/api/tags`)).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((m) => m.name)).toEqual(["qwen3:8b", "nomic-embed-text"]);
    const show = (await (
      await fetch(`${root}/api/show`, { method: "POST", body: JSON.stringify({ model: "qwen3:8b" }) })
    ).json()) as { model_info: Record<string, unknown>; parameters: string };
    expect(show.model_info["qwen3.context_length"]).toBe(40960);
    expect(show.parameters).toMatch(/num_ctx\s+8192/);
  });

  it("imitates llama.cpp's /props and vLLM's max_model_len", async () => {
    const llama = await startLlmServer({ flavour: "llamacpp", contextLength: 16384 });
    const vllm = await startLlmServer({ flavour: "vllm", contextLength: 32768, models: ["Qwen/Qwen3-8B"] });
    try {
      const props = (await (await fetch(llama.baseUrl.replace(/\/v1$/, "/props"))).json()) as {
        default_generation_settings: { n_ctx: number };
      };
      expect(props.default_generation_settings.n_ctx).toBe(16384);
      const models = (await (await fetch(`${vllm.baseUrl}/models`)).json()) as { data: Array<Record<string, unknown>> };
      expect(models.data[0]).toMatchObject({ id: "Qwen/Qwen3-8B", max_model_len: 32768 });
      const none = await fetch(vllm.baseUrl.replace(/\/v1$/, "/api/tags"));
      expect(none.status).toBe(404);
    } finally {
      await llama.close();
      await vllm.close();
    }
  });

  it("a truncating server reports far fewer prompt tokens than sent", async () => {
    const { server, client } = await start({ truncateAt: 50 });
    server.enqueue(reply().text("ok"), reply().text("ok"));
    const long = [{ role: "user" as const, content: "word ".repeat(2000) }];
    const res = await client.chat.completions.create({ model: "m", messages: long });
    expect(res.usage?.prompt_tokens).toBe(50);
    const short = await client.chat.completions.create({ model: "m", messages: ask });
    expect(short.usage?.prompt_tokens).toBeLessThan(50);
  });
});

describe("test LLM server: standalone process", () => {
  it("serves a script file given on the command line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "llm-server-"));
    const script = join(dir, "script.json");
    await writeFile(
      script,
      JSON.stringify([{ content: "from file" }, { toolCalls: [{ name: "read_file", arguments: { path: "a.ts" } }] }]),
    );
    const child = spawn(process.execPath, ["--import", "tsx", "bench/server/main.ts", "--script", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening (\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
      });
      const client = new OpenAI({ baseURL: baseUrl, apiKey: "t", maxRetries: 0 });
      const res = await client.chat.completions.create({ model: "m", messages: ask });
      expect(res.choices[0]?.message.content).toBe("from file");
      const call = (await client.chat.completions.create({ model: "m", messages: ask })).choices[0]?.message
        .tool_calls?.[0];
      expect(call?.type === "function" && call.function.arguments).toBe('{"path":"a.ts"}');
    } finally {
      child.kill("SIGTERM");
    }
  });
});
