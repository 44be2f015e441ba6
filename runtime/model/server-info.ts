/**
 * What one OpenAI-compatible server says about itself: which models it serves (embedding-only ones marked), what kind
 * of server it is, and the context window where it exposes one (Ollama `/api/show`, llama.cpp `/props`, vLLM
 * `max_model_len`, LM Studio `/api/v0/models`). Never throws: an unreachable server is `undefined`.
 */

export type ServerKind = "ollama" | "lmstudio" | "llamacpp" | "vllm" | "jan" | "openai-compatible";

export interface ServedModelInfo {
  id: string;
  embedding: boolean;
  /** Loaded in memory right now (Ollama `/api/ps`, LM Studio `state`); such a model answers without a load delay. */
  loaded?: boolean;
  /** The window the loaded model runs with, when the server says (Ollama `/api/ps` `context_length`). */
  runningContext?: number;
}

export interface ServerInfo {
  kind: ServerKind;
  /** Base URL ending in /v1. */
  baseUrl: string;
  models: ServedModelInfo[];
}

export interface ContextWindowInfo {
  /** Best knowledge of the window the server actually uses for this model. */
  contextWindow: number;
  /** Where it came from, e.g. "ollama /api/show num_ctx". */
  source: string;
  /** A caveat for the user, when the figure may not be what the server really applies. */
  note?: string;
}

type Json = Record<string, unknown>;

const EMBEDDING_NAME = /embed|bge-|\bbge\b|\be5-|minilm|rerank|nomic-bert/i;

export interface InspectOptions {
  /** Per-request timeout in ms (default 1000). */
  timeoutMs?: number;
  /** Sent as a bearer token (hosted endpoints list models only with a key). */
  apiKey?: string;
}

async function getJson(url: string, o: InspectOptions, body?: unknown): Promise<Json | undefined> {
  try {
    const headers: Record<string, string> = {};
    if (o.apiKey) headers["authorization"] = `Bearer ${o.apiKey}`;
    const init: RequestInit = { signal: AbortSignal.timeout(o.timeoutMs ?? 1000), headers };
    if (body !== undefined) {
      init.method = "POST";
      init.body = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(url, init);
    if (!res.ok) {
      await res.body?.cancel();
      return undefined;
    }
    const parsed: unknown = await res.json();
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined; // not listening, too slow, or not JSON: not a usable server
  }
}

function rootOf(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
}

function asArray(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === "object") : [];
}

interface NativeListing {
  kind?: ServerKind;
  embedding: Set<string>;
  loaded: Set<string>;
  /** Window of loaded models as the server runs them (Ollama `/api/ps`, LM Studio `loaded_context_length`). */
  running: Map<string, number>;
}

function ollamaListing(tags: Json, ps: Json | undefined): NativeListing {
  const listing: NativeListing = { kind: "ollama", embedding: new Set(), loaded: new Set(), running: new Map() };
  for (const m of asArray(tags["models"])) {
    const details = (m["details"] ?? {}) as Json;
    const families = [details["family"], ...(Array.isArray(details["families"]) ? details["families"] : [])];
    if (families.some((f) => typeof f === "string" && /bert/i.test(f))) listing.embedding.add(String(m["name"]));
  }
  for (const m of asArray(ps?.["models"])) {
    const name = String(m["name"] ?? m["model"]);
    listing.loaded.add(name);
    if (typeof m["context_length"] === "number") listing.running.set(name, m["context_length"]);
  }
  return listing;
}

function lmStudioListing(lms: Json): NativeListing {
  const listing: NativeListing = { kind: "lmstudio", embedding: new Set(), loaded: new Set(), running: new Map() };
  for (const m of asArray(lms["data"])) {
    const id = String(m["id"]);
    if (m["type"] === "embeddings") listing.embedding.add(id);
    if (m["state"] === "loaded") listing.loaded.add(id);
    if (typeof m["loaded_context_length"] === "number") listing.running.set(id, m["loaded_context_length"]);
  }
  return listing;
}

/** What the server's own API (Ollama, LM Studio) adds to the OpenAI models list. */
async function nativeListing(root: string, o: InspectOptions): Promise<NativeListing> {
  const [tags, ps, lms] = await Promise.all([
    getJson(`${root}/api/tags`, o),
    getJson(`${root}/api/ps`, o),
    getJson(`${root}/api/v0/models`, o),
  ]);
  if (tags && Array.isArray(tags["models"])) return ollamaListing(tags, ps);
  if (lms && Array.isArray(lms["data"])) return lmStudioListing(lms);
  return { embedding: new Set(), loaded: new Set(), running: new Map() };
}

/** The chat model to use: the preferred one if served, else one already loaded, else the first listed. */
export function chooseModel(info: ServerInfo, prefer?: string): string | undefined {
  const chat = info.models.filter((m) => !m.embedding);
  if (prefer && chat.some((m) => m.id === prefer)) return prefer;
  // A model already in memory answers at once and is the one the user was last working with.
  return (chat.find((m) => m.loaded) ?? chat[0])?.id;
}

/** Inspect one server; `hint` names the kind its port suggests when nothing more specific answers. */
export async function inspectServer(
  baseUrl: string,
  options: InspectOptions & { hint?: ServerKind } = {},
): Promise<ServerInfo | undefined> {
  const base = baseUrl.replace(/\/+$/, "");
  const root = rootOf(base);
  const list = await getJson(`${base}/models`, options);
  if (!list || !Array.isArray(list["data"])) return undefined;
  const data = asArray(list["data"]);
  const extra = await nativeListing(root, options);
  const hint = options.hint ?? "openai-compatible";
  let kind: ServerKind = extra.kind ?? hint;
  if (!extra.kind) {
    if (data.some((m) => typeof m["max_model_len"] === "number")) kind = "vllm";
    else if (data.some((m) => m["owned_by"] === "llamacpp")) kind = "llamacpp";
  }
  const models = data
    .filter((m) => typeof m["id"] === "string")
    .map((m) => {
      const id = String(m["id"]);
      const model: ServedModelInfo = { id, embedding: extra.embedding.has(id) || EMBEDDING_NAME.test(id) };
      if (extra.loaded.has(id)) model.loaded = true;
      const running = extra.running.get(id);
      if (running !== undefined) model.runningContext = running;
      return model;
    });
  return { kind, baseUrl: base, models };
}

function ollamaContext(show: Json): ContextWindowInfo | undefined {
  const params = typeof show["parameters"] === "string" ? show["parameters"] : "";
  const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(params)?.[1];
  if (numCtx) return { contextWindow: Number(numCtx), source: "ollama /api/show num_ctx" };
  const info = (show["model_info"] ?? {}) as Json;
  const key = Object.keys(info).find((k) => k.endsWith(".context_length"));
  const trained = key ? info[key] : undefined;
  if (typeof trained !== "number") return undefined;
  return {
    contextWindow: trained,
    source: `ollama /api/show ${key}`,
    note:
      "Ollama runs models with a smaller default context unless OLLAMA_CONTEXT_LENGTH or num_ctx is set; " +
      "SmallCode warns if it sees the prompt truncated.",
  };
}

/** The context window of `model` on this server, where the server exposes it. */
export async function learnContextWindow(
  info: ServerInfo,
  model: string,
  options: InspectOptions = {},
): Promise<ContextWindowInfo | undefined> {
  const root = rootOf(info.baseUrl);
  const running = info.models.find((m) => m.id === model)?.runningContext;
  if (running !== undefined) {
    const source = info.kind === "ollama" ? "ollama /api/ps context_length" : `${info.kind} loaded context length`;
    return { contextWindow: running, source };
  }
  if (info.kind === "ollama") {
    const show = await getJson(`${root}/api/show`, options, { model });
    return show ? ollamaContext(show) : undefined;
  }
  if (info.kind === "llamacpp" || info.kind === "openai-compatible") {
    const props = await getJson(`${root}/props`, options);
    const nCtx = (props?.["default_generation_settings"] as Json | undefined)?.["n_ctx"];
    if (typeof nCtx === "number") return { contextWindow: nCtx, source: "llama.cpp /props n_ctx" };
  }
  if (info.kind === "lmstudio") {
    const lms = await getJson(`${root}/api/v0/models`, options);
    const entry = asArray(lms?.["data"]).find((m) => m["id"] === model);
    const max = entry?.["loaded_context_length"] ?? entry?.["max_context_length"];
    if (typeof max === "number") return { contextWindow: max, source: "lmstudio /api/v0/models" };
  }
  const list = await getJson(`${info.baseUrl}/models`, options);
  const entry = asArray(list?.["data"]).find((m) => m["id"] === model);
  const maxLen = entry?.["max_model_len"];
  if (typeof maxLen === "number") return { contextWindow: maxLen, source: "vllm /v1/models max_model_len" };
  return undefined;
}
