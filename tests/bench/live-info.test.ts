/** What a live run records about the server's model: context window and quantisation, from the test server's flavours. */
import { afterEach, describe, expect, it } from "vitest";
import { startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { liveInfo } from "../../bench/harness/live-info.js";

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("liveInfo", () => {
  it("reads Ollama's quantisation level and num_ctx", async () => {
    server = await startLlmServer({
      flavour: "ollama",
      models: [{ id: "qwen3:8b", contextLength: 40960, numCtx: 16384 }],
    });
    expect(await liveInfo(server.baseUrl, "qwen3:8b")).toEqual({ quantization: "Q4_K_M", contextWindow: 16384 });
  });

  it("reads llama.cpp's n_ctx, and the quantisation from the model path when it names one", async () => {
    server = await startLlmServer({ flavour: "llamacpp", models: [{ id: "Qwen3-8B-Q5_K_M", contextLength: 32768 }] });
    expect(await liveInfo(server.baseUrl, "Qwen3-8B-Q5_K_M")).toEqual({ quantization: "Q5_K_M", contextWindow: 32768 });
  });

  it("leaves out what a plain OpenAI-compatible server does not say", async () => {
    server = await startLlmServer({ flavour: "openai", models: ["some-model"] });
    expect(await liveInfo(server.baseUrl, "some-model")).toEqual({});
  });
});
