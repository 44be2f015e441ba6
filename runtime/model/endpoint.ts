/**
 * Which server and model to talk to: explicit values (flags) first, then SMALLCODE_BASE_URL / SMALLCODE_MODEL, then
 * zero-configuration discovery. With a base URL but no model, the server's own list supplies the model.
 */
import { DEFAULT_CANDIDATES, discoverServer, ollamaHostCandidate, type DiscoverOptions } from "./discover.js";
import {
  chooseModel,
  inspectServer,
  learnContextWindow,
  type ContextWindowInfo,
  type InspectOptions,
  type ServerKind,
} from "./server-info.js";

export interface EndpointQuery {
  baseUrl?: string;
  model?: string;
  /** Environment to read SMALLCODE_BASE_URL / SMALLCODE_MODEL from (default: none). */
  env?: Record<string, string | undefined>;
  discover?: DiscoverOptions;
}

export type ResolvedEndpoint =
  | {
      ok: true;
      baseUrl: string;
      model: string;
      source: "flags" | "env" | "discovered";
      /** From SMALLCODE_API_KEY, for hosted endpoints; local servers need none. */
      apiKey?: string;
      kind?: ServerKind;
      context?: ContextWindowInfo;
    }
  | { ok: false; message: string };

type Resolved = Extract<ResolvedEndpoint, { ok: true }>;

async function discovered(query: EndpointQuery, model: string | undefined): Promise<ResolvedEndpoint> {
  const discover: DiscoverOptions = { ...query.discover, ...(model ? { preferModel: model } : {}) };
  const fromOllamaHost = ollamaHostCandidate(query.env?.["OLLAMA_HOST"]);
  if (!query.discover?.candidates && fromOllamaHost) discover.candidates = [fromOllamaHost, ...DEFAULT_CANDIDATES];
  const found = await discoverServer(discover);
  if (!found.found) return { ok: false, message: found.message };
  const s = found.server;
  const result: Resolved = {
    ok: true,
    baseUrl: s.baseUrl,
    model: model ?? s.model,
    source: "discovered",
    kind: s.kind,
  };
  if (s.context && result.model === s.model) result.context = s.context;
  return result;
}

async function named(baseUrl: string, model: string | undefined, source: "flags" | "env", o: InspectOptions) {
  const info = await inspectServer(baseUrl, o);
  if (!info && model === undefined) {
    return {
      ok: false,
      message:
        `Cannot list models at ${baseUrl}/models: nothing answered there. Check that the server is running and the ` +
        "URL ends in /v1, or name the model with --model (or SMALLCODE_MODEL).",
    } as const;
  }
  const chosen = model ?? (info ? chooseModel(info) : undefined);
  if (!chosen) {
    return {
      ok: false,
      message: `The server at ${baseUrl} serves no chat model; load one or pass --model NAME.`,
    } as const;
  }
  const result: Resolved = { ok: true, baseUrl, model: chosen, source };
  if (info) {
    result.kind = info.kind;
    const context = await learnContextWindow(info, chosen, o);
    if (context) result.context = context;
  }
  return result;
}

/** Resolve the endpoint; never throws. */
export async function resolveEndpoint(query: EndpointQuery): Promise<ResolvedEndpoint> {
  const env = query.env ?? {};
  const envUrl = env["SMALLCODE_BASE_URL"]?.trim() || undefined;
  const model = query.model ?? (env["SMALLCODE_MODEL"]?.trim() || undefined);
  const baseUrl = (query.baseUrl ?? envUrl)?.replace(/\/+$/, "");
  const apiKey = env["SMALLCODE_API_KEY"]?.trim() || undefined;
  const inspect: InspectOptions = { timeoutMs: query.discover?.timeoutMs ?? 2000, ...(apiKey ? { apiKey } : {}) };
  const source = query.baseUrl !== undefined ? "flags" : "env";
  const result = baseUrl === undefined ? await discovered(query, model) : await named(baseUrl, model, source, inspect);
  if (result.ok && apiKey) result.apiKey = apiKey;
  return result;
}
