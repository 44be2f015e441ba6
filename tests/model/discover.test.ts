import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startLlmServer, type LlmServer, type LlmServerOptions } from "../../bench/server/index.js";
import {
  discoverServer,
  ollamaHostCandidate,
  resolveEndpoint,
  type DiscoveryCandidate,
} from "../../runtime/model/index.js";

const servers: LlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: LlmServerOptions): Promise<LlmServer> {
  const s = await startLlmServer(options);
  servers.push(s);
  return s;
}

async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const candidate = (kind: DiscoveryCandidate["kind"], port: number, label: string = kind): DiscoveryCandidate => ({
  kind,
  port,
  label,
});

describe("zero-configuration discovery", () => {
  it("finds Ollama, skips its embedding model, and reads num_ctx from /api/show", async () => {
    const s = await start({
      flavour: "ollama",
      models: [
        { id: "nomic-embed-text:latest", embedding: true },
        { id: "qwen3:8b", contextLength: 40960, numCtx: 8192 },
      ],
    });
    const result = await discoverServer({ candidates: [candidate("ollama", s.port, "Ollama")] });
    expect(result.found).toBe(true);
    if (!result.found) return;
    expect(result.server).toMatchObject({
      kind: "ollama",
      baseUrl: s.baseUrl,
      model: "qwen3:8b",
      models: ["qwen3:8b"],
      context: { contextWindow: 8192, source: "ollama /api/show num_ctx" },
    });
  });

  it("prefers the model Ollama has loaded, with the window /api/ps says it runs with", async () => {
    const s = await start({
      flavour: "ollama",
      models: [
        { id: "llama3.1:8b", contextLength: 131072 },
        { id: "qwen3:14b", contextLength: 40960, loaded: true, runningContext: 4096 },
      ],
    });
    const result = await discoverServer({ candidates: [candidate("ollama", s.port)] });
    expect(result.found && result.server).toMatchObject({
      model: "qwen3:14b",
      models: ["llama3.1:8b", "qwen3:14b"],
      context: { contextWindow: 4096, source: "ollama /api/ps context_length" },
    });
    const preferred = await discoverServer({ candidates: [candidate("ollama", s.port)], preferModel: "llama3.1:8b" });
    expect(preferred.found && preferred.server.model).toBe("llama3.1:8b");
  });

  it("falls back to Ollama's trained context length with a note", async () => {
    const s = await start({ flavour: "ollama", models: [{ id: "llama3.1:8b", contextLength: 131072 }] });
    const result = await discoverServer({ candidates: [candidate("ollama", s.port)] });
    expect(result.found && result.server.context).toMatchObject({ contextWindow: 131072 });
    expect(result.found && result.server.context?.note).toMatch(/OLLAMA_CONTEXT_LENGTH/);
  });

  it("reads llama.cpp's n_ctx from /props", async () => {
    const s = await start({ flavour: "llamacpp", models: ["qwen2.5-coder-7b.gguf"], contextLength: 16384 });
    const result = await discoverServer({ candidates: [candidate("llamacpp", s.port)] });
    expect(result.found && result.server).toMatchObject({
      kind: "llamacpp",
      model: "qwen2.5-coder-7b.gguf",
      context: { contextWindow: 16384 },
    });
  });

  it("reads vLLM's max_model_len from the models list", async () => {
    const s = await start({ flavour: "vllm", models: ["Qwen/Qwen3-8B"], contextLength: 32768 });
    const result = await discoverServer({ candidates: [candidate("vllm", s.port)] });
    expect(result.found && result.server).toMatchObject({ kind: "vllm", context: { contextWindow: 32768 } });
  });

  it("handles LM Studio (skipping its embedding model) and a plain server with no context info", async () => {
    const lms = await start({
      flavour: "lmstudio",
      models: [
        { id: "text-embedding-nomic-embed-text-v1.5", embedding: true, loaded: true },
        { id: "gemma-3-4b", contextLength: 131072 },
        { id: "qwen3-8b", contextLength: 32768, loaded: true, runningContext: 8192 },
      ],
    });
    const a = await discoverServer({ candidates: [candidate("lmstudio", lms.port)] });
    expect(a.found && a.server).toMatchObject({
      kind: "lmstudio",
      model: "qwen3-8b",
      context: { contextWindow: 8192 },
    });
    const jan = await start({ flavour: "jan", models: ["llama3.2-3b-instruct"] });
    const b = await discoverServer({ candidates: [candidate("jan", jan.port, "Jan")] });
    expect(b.found && b.server).toMatchObject({ kind: "jan", label: "Jan", model: "llama3.2-3b-instruct" });
    expect(b.found && b.server.context).toBeUndefined();
  });

  it("picks the first live server in priority order, probing in parallel", async () => {
    const dead = await deadPort();
    const vllm = await start({ flavour: "vllm", models: ["second"] });
    const llama = await start({ flavour: "llamacpp", models: ["first"] });
    const started = Date.now();
    const result = await discoverServer({
      candidates: [candidate("ollama", dead), candidate("llamacpp", llama.port), candidate("vllm", vllm.port)],
    });
    expect(result.found && result.server.model).toBe("first");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("says exactly what to do when nothing is found", async () => {
    const ports = [await deadPort(), await deadPort()];
    const result = await discoverServer({
      candidates: [candidate("ollama", ports[0]!, "Ollama"), candidate("llamacpp", ports[1]!, "llama.cpp")],
      timeoutMs: 300,
    });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain(`tried ports ${ports[0]} (Ollama), ${ports[1]} (llama.cpp)`);
    expect(result.message).toContain("ollama serve");
    expect(result.message).toContain("llama-server -m model.gguf");
    expect(result.message).toContain("--base-url http://HOST:PORT/v1");
    expect(result.message).toContain("SMALLCODE_BASE_URL");
    expect(result.tried).toEqual(ports.map((p) => `127.0.0.1:${p}`));
  });

  it("reports a live server with only embedding models as not usable", async () => {
    const s = await start({ flavour: "ollama", models: [{ id: "mxbai-embed-large", embedding: true }] });
    const result = await discoverServer({ candidates: [candidate("ollama", s.port, "Ollama")] });
    expect(result.found).toBe(false);
    expect(!result.found && result.message).toMatch(/Ollama answers on 127\.0\.0\.1:\d+ but serves no chat model/);
  });

  it("does not hang on a server that accepts but never answers", async () => {
    const s = await start({ flavour: "openai" });
    // A raw TCP server that accepts connections and stays silent.
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const result = await discoverServer({
        candidates: [candidate("ollama", silentPort), candidate("vllm", s.port)],
        timeoutMs: 500,
      });
      expect(result.found && result.server.baseUrl).toBe(s.baseUrl);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });
});

describe("endpoint resolution", () => {
  it("prefers flags, then the environment, then discovery", async () => {
    const s = await start({ flavour: "llamacpp", models: ["served"], contextLength: 4096 });
    const flags = await resolveEndpoint({ baseUrl: s.baseUrl, model: "x", env: { SMALLCODE_MODEL: "y" } });
    expect(flags).toMatchObject({ ok: true, model: "x", source: "flags" });
    const env = await resolveEndpoint({ env: { SMALLCODE_BASE_URL: s.baseUrl } });
    expect(env).toMatchObject({ ok: true, model: "served", source: "env", context: { contextWindow: 4096 } });
    const found = await resolveEndpoint({ discover: { candidates: [candidate("llamacpp", s.port)] } });
    expect(found).toMatchObject({ ok: true, model: "served", source: "discovered", baseUrl: s.baseUrl });
  });

  it("passes SMALLCODE_API_KEY through and strips a trailing slash", async () => {
    const s = await start({ models: ["hosted"], apiKey: "secret" });
    const r = await resolveEndpoint({ env: { SMALLCODE_BASE_URL: `${s.baseUrl}/`, SMALLCODE_API_KEY: "secret" } });
    expect(r).toMatchObject({ ok: true, baseUrl: s.baseUrl, apiKey: "secret", model: "hosted" });
    const withoutKey = await resolveEndpoint({ env: { SMALLCODE_BASE_URL: s.baseUrl }, discover: { timeoutMs: 500 } });
    expect(withoutKey.ok).toBe(false);
  });

  it("reads OLLAMA_HOST as an extra discovery candidate", () => {
    expect(ollamaHostCandidate(undefined)).toBeUndefined();
    expect(ollamaHostCandidate("127.0.0.1:11434")).toBeUndefined();
    expect(ollamaHostCandidate("0.0.0.0:11500")).toMatchObject({ kind: "ollama", host: "127.0.0.1", port: 11500 });
    expect(ollamaHostCandidate("http://gpu-box:11434")).toMatchObject({ host: "gpu-box", port: 11434 });
    expect(ollamaHostCandidate("gpu-box")).toMatchObject({ host: "gpu-box", port: 11434 });
  });

  it("explains an unreachable base URL when no model is named", async () => {
    const port = await deadPort();
    const result = await resolveEndpoint({ baseUrl: `http://127.0.0.1:${port}/v1`, discover: { timeoutMs: 300 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/Cannot list models at http:\/\/127\.0\.0\.1:\d+\/v1\/models/);
  });
});
