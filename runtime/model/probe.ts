/**
 * Decides once per model whether native tool calling works: a tiny request offering one tool shows whether
 * `tool_calls` come back, or whether the server rejects `tools`. The answer is cached on disk, keyed by base URL and
 * model, and configuration can override it.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createModelClient } from "./client.js";
import type { ModelClientConfig } from "./config.js";
import type { ModelResult, OpenAITool } from "./types.js";

export type ToolMode = "native" | "prompt";

export interface ToolModeDecision {
  mode: ToolMode;
  /** Where the answer came from. */
  source: "config" | "cache" | "probe";
  /** Why, in words a user can act on. */
  reason: string;
}

export interface ProbeOptions {
  /** Directory for the cache file (e.g. `<repo>/.smallcode/cache`); no caching when absent. */
  cacheDir?: string;
  /** From configuration: skips probing entirely. */
  override?: ToolMode;
  /** Ignore a cached answer and probe again. */
  refresh?: boolean;
  /** Timeout of the probe request (default 60 s: a local model may have to load first). */
  timeoutMs?: number;
}

export const TOOL_MODE_CACHE_FILE = "tool-mode.json";

const PROBE_TOOL: OpenAITool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather for a city.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

interface CacheEntry {
  mode: ToolMode;
  reason: string;
  probedAt: string;
}

type CacheFile = Record<string, CacheEntry>;

function cacheKey(baseUrl: string, model: string): string {
  return `${baseUrl.replace(/\/+$/, "")}|${model}`;
}

async function readCache(dir: string): Promise<CacheFile> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, TOOL_MODE_CACHE_FILE), "utf8"));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as CacheFile) : {};
  } catch {
    return {}; // missing or corrupt: probe again and rewrite it
  }
}

async function writeCache(dir: string, key: string, entry: CacheEntry): Promise<void> {
  await mkdir(dir, { recursive: true });
  const cache = await readCache(dir);
  cache[key] = entry;
  const file = join(dir, TOOL_MODE_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(cache, null, 2)}\n`);
  await rename(tmp, file);
}

/** The decision a probe result supports, or undefined when the probe could not decide (server down, 5xx). */
export function judgeProbe(result: ModelResult): { mode: ToolMode; reason: string } | undefined {
  const called = result.toolCalls.find((c) => c.name === PROBE_TOOL.function.name);
  if (called) return { mode: "native", reason: "the server returned a native tool call" };
  if (result.error?.kind === "http" && result.error.status !== undefined && result.error.status < 500) {
    // Only a rejection that names tools is about tools (Ollama "does not support tools", llama.cpp "requires
    // --jinja", vLLM "--enable-auto-tool-choice"); any other 4xx (auth, unknown model, a bad field) decides nothing.
    if (!/tool|function/i.test(result.error.message)) return undefined;
    return { mode: "prompt", reason: `the server rejected native tools (${result.error.message})` };
  }
  if (result.error) return undefined;
  // A thinking model can spend the whole probe reasoning: that says nothing about tool support.
  if (result.stopReason === "length" && result.toolCalls.length === 0) return undefined;
  if (result.toolCalls.length > 0) {
    return { mode: "native", reason: `the server returned a native tool call (${result.toolCalls[0]?.name})` };
  }
  const mentions = /get_weather|tool_call|"name"\s*:/.test(result.text);
  return {
    mode: "prompt",
    reason: mentions
      ? "the model wrote its tool call as text instead of a native tool call"
      : "the model answered without calling the offered tool",
  };
}

/** Whether to use native tool calling for this model: configuration, else the cache, else a probe. */
export async function probeToolMode(config: ModelClientConfig, options: ProbeOptions = {}): Promise<ToolModeDecision> {
  if (options.override) return { mode: options.override, source: "config", reason: "set in configuration" };
  const key = cacheKey(config.baseUrl, config.model);
  if (options.cacheDir && !options.refresh) {
    const hit = (await readCache(options.cacheDir))[key];
    if (hit && (hit.mode === "native" || hit.mode === "prompt")) {
      return { mode: hit.mode, source: "cache", reason: hit.reason };
    }
  }
  // The configured thinking settings are kept: forcing a thinking switch could itself be rejected by the server
  // and be mistaken for a rejection of tools. A probe that only reasoned until the limit is inconclusive.
  const client = createModelClient({
    ...config,
    compat: { ...config.compat, nativeTools: true },
    retry: { maxAttempts: 2, ...config.retry },
  });
  const result = await client.complete({
    messages: [
      { role: "system", content: "You are a helpful assistant with tools. Use a tool when it helps." },
      { role: "user", content: "What is the weather in Paris right now? Use the get_weather tool." },
    ],
    tools: [PROBE_TOOL],
    temperature: 0,
    maxTokens: 1024,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  const verdict = judgeProbe(result);
  if (!verdict) {
    const why = result.error ? result.error.message : "no usable answer";
    return { mode: "prompt", source: "probe", reason: `probe inconclusive (${why}); using prompt mode for now` };
  }
  if (options.cacheDir) {
    // An unwritable cache only costs a probe next time; the decision itself stands.
    await writeCache(options.cacheDir, key, { ...verdict, probedAt: new Date().toISOString() }).catch(() => undefined);
  }
  return { ...verdict, source: "probe" };
}
