import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer, type LlmServerOptions } from "../../bench/server/index.js";
import { probeToolMode, TOOL_MODE_CACHE_FILE } from "../../runtime/model/index.js";

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

async function setup(options?: LlmServerOptions) {
  server = await startLlmServer(options);
  const cacheDir = join(await mkdtemp(join(tmpdir(), "probe-")), ".smallcode", "cache");
  return { server, cacheDir, config: { baseUrl: server.baseUrl, model: "m", ...FAST } };
}

describe("tool-calling mode probe", () => {
  it("detects native tool calling, offers exactly one tool, and caches the answer", async () => {
    const { server, cacheDir, config } = await setup();
    server.enqueue(reply().tool("get_weather", { city: "Paris" }).stop());
    const first = await probeToolMode(config, { cacheDir });
    expect(first).toMatchObject({ mode: "native", source: "probe" });
    const body = server.chatRequests[0]?.body;
    expect(body.tools).toHaveLength(1);
    expect(body.tools[0].function.name).toBe("get_weather");
    const cached = await probeToolMode(config, { cacheDir });
    expect(cached).toMatchObject({ mode: "native", source: "cache" });
    expect(server.chatRequests).toHaveLength(1);
    const file = JSON.parse(await readFile(join(cacheDir, TOOL_MODE_CACHE_FILE), "utf8"));
    expect(file[`${server.baseUrl}|m`].mode).toBe("native");
  });

  it("falls back to prompt mode when the server rejects tools", async () => {
    const { cacheDir, config } = await setup({ rejectTools: true });
    const decision = await probeToolMode(config, { cacheDir });
    expect(decision.mode).toBe("prompt");
    expect(decision.reason).toMatch(/rejected native tools/);
    expect((await probeToolMode(config, { cacheDir })).source).toBe("cache");
  });

  it("does not blame tools for a 4xx that is about something else", async () => {
    const { server, cacheDir, config } = await setup();
    server.enqueue(reply().httpError(404, "model 'm' not found, try pulling it first"));
    const decision = await probeToolMode(config, { cacheDir });
    expect(decision.reason).toMatch(/inconclusive/);
    expect(decision.reason).toContain("not found");
  });

  it("chooses prompt mode when the model writes its call as text", async () => {
    const { server, cacheDir, config } = await setup();
    server.enqueue(reply().text('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>'));
    const decision = await probeToolMode(config, { cacheDir });
    expect(decision).toMatchObject({ mode: "prompt", source: "probe" });
    expect(decision.reason).toMatch(/as text/);
  });

  it("keys the cache by base URL and model, and refresh re-probes", async () => {
    const { server, cacheDir, config } = await setup();
    server.enqueue(reply().tool("get_weather", { city: "x" }), reply().text("no tools here"));
    await probeToolMode(config, { cacheDir });
    const other = await probeToolMode({ ...config, model: "other" }, { cacheDir });
    expect(other).toMatchObject({ mode: "prompt", source: "probe" });
    server.enqueue(reply().text("plain"));
    const refreshed = await probeToolMode(config, { cacheDir, refresh: true });
    expect(refreshed).toMatchObject({ mode: "prompt", source: "probe" });
  });

  it("treats a probe cut by the length limit while reasoning as inconclusive", async () => {
    const { server, cacheDir, config } = await setup();
    server.enqueue(reply().reasoning("Let me think about the weather tool...").finish("length"));
    const decision = await probeToolMode(config, { cacheDir });
    expect(decision.reason).toMatch(/inconclusive/);
    server.enqueue(reply().tool("get_weather", { city: "Paris" }));
    expect(await probeToolMode(config, { cacheDir })).toMatchObject({ mode: "native", source: "probe" });
  });

  it("lets configuration override without any request", async () => {
    const { server, cacheDir, config } = await setup();
    expect(await probeToolMode(config, { cacheDir, override: "prompt" })).toMatchObject({ source: "config" });
    expect(server.requests).toHaveLength(0);
  });

  it("does not cache an inconclusive probe (server error), and survives a corrupt cache file", async () => {
    const { server, cacheDir, config } = await setup();
    server.enqueue(reply().httpError(500), reply().httpError(500));
    const decision = await probeToolMode(config, { cacheDir });
    expect(decision.reason).toMatch(/inconclusive/);
    await expect(readFile(join(cacheDir, TOOL_MODE_CACHE_FILE), "utf8")).rejects.toThrow();
    await probeToolMode(config, { cacheDir, override: "native" });
    const dir = join(cacheDir);
    await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeFile(join(cacheDir, TOOL_MODE_CACHE_FILE), "{ not json");
    server.enqueue(reply().tool("get_weather", { city: "x" }));
    expect(await probeToolMode(config, { cacheDir })).toMatchObject({ mode: "native", source: "probe" });
  });
});
