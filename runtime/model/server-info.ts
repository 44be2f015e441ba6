/**
 * What one OpenAI-compatible server says about itself: which models it serves (embedding-only ones marked), what kind
 * of server it is, and the context window where it exposes one (Ollama `/api/show`, llama.cpp `/props`, vLLM
 * `max_model_len`, LM Studio `/api/v0/models`). Never throws: an unreachable server is `undefined`.
 */

export type ServerKind = "ollama" | "lmstudio" | "llamacpp" | "vllm" | "jan" | "openai-compatible";

export interface ServedModelInfo {
  id: string;
  embedding: boolean;
}

export interface ServerInfo {
  kind: ServerKind;
  /** Base URL ending in /v1. */
  baseUrl: string;
  models: ServedModelInfo[];
}

export interface ContextInfo {
  /** Best knowledge of the window the server actually uses for this model. */
  contextWindow: number;
  /** Where it came from, e.g. "ollama /api/show num_ctx". */
  source: string;
  /** A caveat for the user, when the figure may not be what the server really applies. */
  note?: string;
}

type Json = Record<string, unknown>;

const EMBEDDING_NAME = /embed|bge-|\bbge\b|\be5-|minilm|rerank|nomic-bert/i;

async function getJson(url: string, timeoutMs: number, body?: unknown): Promise<Json | undefined> {
  try {
    const init: RequestInit = { signal: AbortSignal.timeout(timeoutMs) };
    if (body !== undefined) {
      init.method = "POST";
      init.body = JSON.stringify(body);
      init.headers = { "content-type": "application/json" };
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

/** Embedding-only model names according to Ollama's tags (bert families) or LM Studio's model types. */
async function embeddingIds(root: string, timeoutMs: number): Promise<{ ids: Set<string>; kind?: ServerKind }> {
  const [tags, lms] = await Promise.all([
    getJson(`${root}/api/tags`, timeoutMs),
    getJson(`${root}/api/v0/models`, timeoutMs),
  ]);
  const ids = new Set<string>();
  if (tags && Array.isArray(tags["models"])) {
    for (const m of asArray(tags["models"])) {
      const details = (m["details"] ?? {}) as Json;
      const families = [details["family"], ...(Array.isArray(details["families"]) ? details["families"] : [])];
      if (families.some((f) => typeof f === "string" && /bert/i.test(f))) ids.add(String(m["name"]));
    }
    return { ids, kind: "ollama" };
  }
  if (lms && Array.isArray(lms["data"])) {
    for (const m of asArray(lms["data"])) if (m["type"] === "embeddings") ids.add(String(m["id"]));
    return { ids, kind: "lmstudio" };
  }
  return { ids };
}

/** Inspect one server; `hint` names the kind its port suggests when nothing more specific answers. */
export async function inspectServer(
  baseUrl: string,
  timeoutMs = 1000,
  hint: ServerKind = "openai-compatible",
): Promise<ServerInfo | undefined> {
  const base = baseUrl.replace(/\/+$/, "");
  const root = rootOf(base);
  const list = await getJson(`${base}/models`, timeoutMs);
  if (!list || !Array.isArray(list["data"])) return undefined;
  const data = asArray(list["data"]);
  const extra = await embeddingIds(root, timeoutMs);
  let kind: ServerKind = extra.kind ?? hint;
  if (!extra.kind) {
    if (data.some((m) => typeof m["max_model_len"] === "number")) kind = "vllm";
    else if (data.some((m) => m["owned_by"] === "llamacpp")) kind = "llamacpp";
  }
  const models = data
    .filter((m) => typeof m["id"] === "string")
    .map((m) => {
      const id = String(m["id"]);
      return { id, embedding: extra.ids.has(id) || EMBEDDING_NAME.test(id) };
    });
  return { kind, baseUrl: base, models };
}

function ollamaContext(show: Json): ContextInfo | undefined {
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
  timeoutMs = 1000,
): Promise<ContextInfo | undefined> {
  const root = rootOf(info.baseUrl);
  if (info.kind === "ollama") {
    const show = await getJson(`${root}/api/show`, timeoutMs, { model });
    return show ? ollamaContext(show) : undefined;
  }
  if (info.kind === "llamacpp" || info.kind === "openai-compatible") {
    const props = await getJson(`${root}/props`, timeoutMs);
    const nCtx = (props?.["default_generation_settings"] as Json | undefined)?.["n_ctx"];
    if (typeof nCtx === "number") return { contextWindow: nCtx, source: "llama.cpp /props n_ctx" };
  }
  if (info.kind === "lmstudio") {
    const lms = await getJson(`${root}/api/v0/models`, timeoutMs);
    const entry = asArray(lms?.["data"]).find((m) => m["id"] === model);
    const max = entry?.["loaded_context_length"] ?? entry?.["max_context_length"];
    if (typeof max === "number") return { contextWindow: max, source: "lmstudio /api/v0/models" };
  }
  const list = await getJson(`${info.baseUrl}/models`, timeoutMs);
  const entry = asArray(list?.["data"]).find((m) => m["id"] === model);
  const maxLen = entry?.["max_model_len"];
  if (typeof maxLen === "number") return { contextWindow: maxLen, source: "vllm /v1/models max_model_len" };
  return undefined;
}
