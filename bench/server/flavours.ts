/**
 * The non-chat endpoints by which real local servers reveal themselves, so discovery can be tested against each:
 * Ollama (`/api/tags`, `/api/show`, `/api/ps`, `/api/version`), llama.cpp (`/props`, `/health`), LM Studio (`/api/v0/models`),
 * vLLM (`max_model_len` in `/v1/models`), and a plain OpenAI-compatible server (models list only).
 */

export type ServerFlavour = "openai" | "ollama" | "llamacpp" | "lmstudio" | "vllm" | "jan";

export interface ServedModel {
  id: string;
  /** An embedding-only model (discovery must skip it). */
  embedding?: boolean;
  /** The model's context window as the flavour exposes it (Ollama model_info, llama.cpp n_ctx, vLLM max_model_len). */
  contextLength?: number;
  /** Ollama only: `num_ctx` in the model's parameters (the window actually used). */
  numCtx?: number;
  /** Loaded in memory: listed by Ollama's `/api/ps` and marked `state: "loaded"` by LM Studio. */
  loaded?: boolean;
  /** Ollama only: the window the loaded model runs with, as `/api/ps` reports it (default numCtx, else 4096). */
  runningContext?: number;
}

export interface FlavourAnswer {
  status: number;
  body: unknown;
}

const OWNER: Record<ServerFlavour, string> = {
  openai: "system",
  ollama: "library",
  llamacpp: "llamacpp",
  lmstudio: "organization_owner",
  vllm: "vllm",
  jan: "jan",
};

/** GET /v1/models for every flavour. */
export function modelsList(flavour: ServerFlavour, models: readonly ServedModel[]): FlavourAnswer {
  const data = models.map((m) => {
    const entry: Record<string, unknown> = {
      id: m.id,
      object: "model",
      created: 1_700_000_000,
      owned_by: OWNER[flavour],
    };
    if (flavour === "vllm" && m.contextLength !== undefined) entry["max_model_len"] = m.contextLength;
    if (flavour === "llamacpp" && m.contextLength !== undefined) entry["meta"] = { n_ctx_train: m.contextLength };
    return entry;
  });
  return { status: 200, body: { object: "list", data } };
}

function ollamaTags(models: readonly ServedModel[]): FlavourAnswer {
  return {
    status: 200,
    body: {
      models: models.map((m) => ({
        name: m.id,
        model: m.id,
        size: 5_000_000_000,
        digest: "0".repeat(64),
        details: {
          format: "gguf",
          family: m.embedding ? "bert" : "qwen3",
          families: m.embedding ? ["bert"] : ["qwen3"],
          parameter_size: m.embedding ? "137M" : "8.2B",
          quantization_level: "Q4_K_M",
        },
      })),
    },
  };
}

function ollamaShow(models: readonly ServedModel[], requestBody: unknown): FlavourAnswer {
  const wanted =
    requestBody && typeof requestBody === "object"
      ? ((requestBody as Record<string, unknown>)["model"] ?? (requestBody as Record<string, unknown>)["name"])
      : undefined;
  const model = models.find((m) => m.id === wanted);
  if (!model) return { status: 404, body: { error: `model '${String(wanted)}' not found` } };
  const arch = model.embedding ? "bert" : "qwen3";
  const modelInfo: Record<string, unknown> = { "general.architecture": arch };
  if (model.contextLength !== undefined) modelInfo[`${arch}.context_length`] = model.contextLength;
  const parameters =
    model.numCtx !== undefined ? `num_ctx                        ${model.numCtx}\nstop "<|im_end|>"` : "";
  return {
    status: 200,
    body: {
      modelfile: `FROM ${model.id}`,
      parameters,
      template: "{{ .Prompt }}",
      details: { format: "gguf", family: arch },
      model_info: modelInfo,
      capabilities: model.embedding ? ["embedding"] : ["completion", "tools"],
    },
  };
}

function ollamaPs(models: readonly ServedModel[]): FlavourAnswer {
  return {
    status: 200,
    body: {
      models: models
        .filter((m) => m.loaded)
        .map((m) => ({
          name: m.id,
          model: m.id,
          size: 6_000_000_000,
          digest: "0".repeat(64),
          details: { format: "gguf", family: "qwen3" },
          expires_at: "2030-01-01T00:00:00Z",
          size_vram: 6_000_000_000,
          context_length: m.runningContext ?? m.numCtx ?? 4096,
        })),
    },
  };
}

function llamacppProps(models: readonly ServedModel[]): FlavourAnswer {
  const m = models[0];
  return {
    status: 200,
    body: {
      default_generation_settings: { n_ctx: m?.contextLength ?? 4096, temperature: 0.8 },
      total_slots: 1,
      model_path: `/models/${m?.id ?? "model"}.gguf`,
      chat_template: "{{ messages }}",
    },
  };
}

function lmstudioModels(models: readonly ServedModel[]): FlavourAnswer {
  return {
    status: 200,
    body: {
      object: "list",
      data: models.map((m) => ({
        id: m.id,
        object: "model",
        type: m.embedding ? "embeddings" : "llm",
        state: m.loaded ? "loaded" : "not-loaded",
        max_context_length: m.contextLength ?? 4096,
        ...(m.loaded && m.runningContext !== undefined ? { loaded_context_length: m.runningContext } : {}),
      })),
    },
  };
}

/** The flavour-specific answer for a non-chat path, or undefined when this flavour has no such endpoint. */
export function flavourEndpoint(
  flavour: ServerFlavour,
  method: string,
  path: string,
  models: readonly ServedModel[],
  body: unknown,
): FlavourAnswer | undefined {
  if (flavour === "ollama") {
    if (method === "GET" && path === "/api/tags") return ollamaTags(models);
    if (method === "POST" && path === "/api/show") return ollamaShow(models, body);
    if (method === "GET" && path === "/api/ps") return ollamaPs(models);
    if (method === "GET" && path === "/api/version") return { status: 200, body: { version: "0.12.0" } };
    if (method === "GET" && path === "/") return { status: 200, body: "Ollama is running" };
  }
  if (flavour === "llamacpp") {
    if (method === "GET" && path === "/props") return llamacppProps(models);
    if (method === "GET" && path === "/health") return { status: 200, body: { status: "ok" } };
  }
  if (flavour === "lmstudio" && method === "GET" && path === "/api/v0/models") return lmstudioModels(models);
  return undefined;
}
