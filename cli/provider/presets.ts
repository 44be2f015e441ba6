/** The providers the wizard offers, each with its default OpenAI-compatible base URL. */

export interface ProviderPreset {
  id: "lmstudio" | "ollama" | "llamacpp" | "vllm" | "openrouter" | "openai" | "deepseek" | "custom";
  label: string;
  /** Empty for "custom": the user types it. */
  baseUrl: string;
  /** Hosted services need a key; local servers usually do not (the wizard still asks if one answers 401). */
  needsKey: boolean;
  /** Where to get a key, or how to start the server. */
  hint: string;
  /** An endpoint that answers 401 to a bad key when /models does not need one (OpenRouter's is public). */
  keyCheckPath?: string;
}

export const PROVIDERS: readonly ProviderPreset[] = [
  {
    id: "lmstudio",
    label: "LM Studio",
    baseUrl: "http://127.0.0.1:1234/v1",
    needsKey: false,
    hint: "Start the server in LM Studio's Developer tab (or `lms server start`) and load a model.",
  },
  {
    id: "ollama",
    label: "Ollama",
    baseUrl: "http://127.0.0.1:11434/v1",
    needsKey: false,
    hint: "Start it with `ollama serve` and pull a model, e.g. `ollama pull qwen3:8b`.",
  },
  {
    id: "llamacpp",
    label: "llama.cpp (llama-server)",
    baseUrl: "http://127.0.0.1:8080/v1",
    needsKey: false,
    hint: "Start it with `llama-server -m model.gguf --jinja` (add --api-key if you set one).",
  },
  {
    id: "vllm",
    label: "vLLM",
    baseUrl: "http://127.0.0.1:8000/v1",
    needsKey: false,
    hint: "Start it with `vllm serve <model> --enable-auto-tool-choice --tool-call-parser hermes`.",
  },
  {
    id: "openrouter",
    label: "OpenRouter",
    baseUrl: "https://openrouter.ai/api/v1",
    needsKey: true,
    hint: "Create a key at https://openrouter.ai/keys.",
    keyCheckPath: "/key",
  },
  {
    id: "openai",
    label: "OpenAI",
    baseUrl: "https://api.openai.com/v1",
    needsKey: true,
    hint: "Create a key at https://platform.openai.com/api-keys.",
  },
  {
    id: "deepseek",
    label: "DeepSeek",
    baseUrl: "https://api.deepseek.com/v1",
    needsKey: true,
    hint: "Create a key at https://platform.deepseek.com/api_keys.",
  },
  {
    id: "custom",
    label: "Custom OpenAI-compatible endpoint",
    baseUrl: "",
    needsKey: false,
    hint: "Any server that speaks the OpenAI chat-completions API; the URL usually ends in /v1.",
  },
];

/** The preset whose default URL is `baseUrl`, if any. */
export function presetForUrl(baseUrl: string | undefined): ProviderPreset | undefined {
  if (!baseUrl) return undefined;
  const norm = baseUrl.replace(/\/+$/, "").replace("localhost", "127.0.0.1");
  return PROVIDERS.find((p) => p.baseUrl !== "" && p.baseUrl === norm);
}
