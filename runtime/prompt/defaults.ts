/**
 * A ready PromptRuntime for a project: pooled model clients, the on-disk cache under `.smallcode/cache/prompts`
 * and, when asked, JSONL spans under `.smallcode/traces/`. Callers with their own pieces pass them instead.
 */
import { join } from "node:path";
import type { ModelClientConfig } from "../model/config.js";
import { DiskCache, MemoryCache, promptCacheDir } from "./cache.js";
import { pooledClients } from "./clients.js";
import type { PromptRuntime } from "./run-prompt.js";
import { JsonlTracer, newTraceId } from "./trace.js";

export interface PromptRuntimeOptions {
  /** The repository root; without it the cache stays in memory and no trace file is written. */
  projectRoot?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides for every model client (e.g. a test server's baseUrl, shorter retries). */
  client?: Partial<ModelClientConfig>;
  /** Write spans to `<projectRoot>/.smallcode/traces/<traceId>.jsonl`. */
  trace?: boolean;
  traceId?: string;
  signal?: AbortSignal;
}

export function createPromptRuntime(options: PromptRuntimeOptions = {}): PromptRuntime {
  const traceId = options.traceId ?? newTraceId();
  const runtime: PromptRuntime = {
    clientFor: pooledClients(options.client),
    cache: options.projectRoot ? new DiskCache(promptCacheDir(options.projectRoot)) : new MemoryCache(),
    traceId,
  };
  if (options.env) runtime.env = options.env;
  if (options.signal) runtime.signal = options.signal;
  if (options.trace && options.projectRoot) {
    runtime.tracer = new JsonlTracer(join(options.projectRoot, ".smallcode", "traces", `${traceId}.jsonl`));
  }
  return runtime;
}
