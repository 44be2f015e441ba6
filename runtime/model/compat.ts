/**
 * Per-model compatibility flags: the quirks of OpenAI-compatible servers and the models behind them, in one typed
 * object. Defaults suit a local server (Ollama, llama.cpp, LM Studio, vLLM); a few presets, chosen by model name and
 * base URL, adjust them; configuration overrides both.
 */

export type ThinkingControl =
  /** The server has no switch: reasoning can only be cut by the hard cap. */
  | "none"
  /** OpenAI-style `reasoning_effort: "low" | "medium" | "high"` (gpt-oss, o-series, vLLM). */
  | "reasoning_effort"
  /** Qwen3's chat template switch: `chat_template_kwargs: { enable_thinking }` (vLLM, llama.cpp, SGLang). */
  | "enable_thinking";

export interface ModelCompat {
  /** Role of the system prompt. Default "system"; OpenAI reasoning models want "developer". */
  systemRole: "system" | "developer";
  /** Field for the output cap. Default "max_tokens"; api.openai.com wants "max_completion_tokens". */
  maxTokensField: "max_tokens" | "max_completion_tokens";
  /** Send `stream_options: { include_usage: true }`. Default true; turn off for servers that reject it. */
  streamUsage: boolean;
  /** Fields of a message or delta that carry reasoning. Default ["reasoning_content", "reasoning"]. */
  reasoningFields: string[];
  /** Read `<think>…</think>` (and an unclosed `<think>` at the start) out of the content. Default true. */
  thinkTags: boolean;
  /**
   * How the thinking budget is requested. Default "none"; Qwen3 "enable_thinking"; gpt-oss and anything served by
   * Ollama "reasoning_effort" (Ollama's OpenAI endpoint ignores chat_template_kwargs).
   */
  thinkingControl: ThinkingControl;
  /** The `reasoning_effort` that turns thinking off. Default "low" (gpt-oss cannot go lower); Ollama takes "none". */
  thinkingOffEffort: string;
  /** Role for tool results. Default "tool"; "user" for servers that reject `role: "tool"` (sent as user text). */
  toolResultRole: "tool" | "user";
  /** Put the tool's `name` on tool-result messages (some templates require it). Default false. */
  toolResultName: boolean;
  /**
   * Native tool calling: true sends `tools`; false never sends them (tools must be described in the prompt);
   * "auto" (default) sends them, leaving the choice to the caller, usually from `probeToolMode`.
   */
  nativeTools: boolean | "auto";
}

export const DEFAULT_COMPAT: Readonly<ModelCompat> = Object.freeze({
  systemRole: "system",
  maxTokensField: "max_tokens",
  streamUsage: true,
  reasoningFields: ["reasoning_content", "reasoning"],
  thinkTags: true,
  thinkingControl: "none",
  thinkingOffEffort: "low",
  toolResultRole: "tool",
  toolResultName: false,
  nativeTools: "auto",
});

interface Preset {
  /** What the preset is for, for documentation and debugging. */
  why: string;
  matches(model: string, baseUrl: string, serverKind: string | undefined): boolean;
  compat: Partial<ModelCompat>;
}

const PRESETS: readonly Preset[] = [
  {
    why: "Qwen3 chat templates switch thinking with chat_template_kwargs.enable_thinking",
    matches: (model) => /qwen3|qwq/i.test(model),
    compat: { thinkingControl: "enable_thinking" },
  },
  {
    why: "gpt-oss takes reasoning_effort and streams reasoning in a `reasoning` field",
    matches: (model) => /gpt-oss/i.test(model),
    compat: { thinkingControl: "reasoning_effort" },
  },
  {
    why: "Ollama's OpenAI endpoint maps reasoning_effort to its think switch, with 'none' turning thinking off",
    matches: (_model, baseUrl, kind) => kind === "ollama" || (kind === undefined && /:11434(\/|$)/.test(baseUrl)),
    compat: { thinkingControl: "reasoning_effort", thinkingOffEffort: "none" },
  },
  {
    why: "api.openai.com rejects max_tokens for newer models and uses the developer role for reasoning models",
    matches: (_model, baseUrl) => /api\.openai\.com/i.test(baseUrl),
    compat: { maxTokensField: "max_completion_tokens", thinkTags: false },
  },
  {
    why: "OpenAI o-series and gpt-5 models want the developer role and reasoning_effort",
    matches: (model, baseUrl) => /api\.openai\.com/i.test(baseUrl) && /^(o\d|gpt-5)/i.test(model),
    compat: { systemRole: "developer", thinkingControl: "reasoning_effort" },
  },
];

/**
 * The compatibility flags for a model: defaults, then matching presets in order (later ones win), then explicit
 * overrides. `serverKind` (from discovery) is more reliable than guessing the server from the port.
 */
export function resolveCompat(
  model: string,
  baseUrl: string,
  overrides?: Partial<ModelCompat>,
  serverKind?: string,
): ModelCompat {
  const compat: ModelCompat = { ...DEFAULT_COMPAT, reasoningFields: [...DEFAULT_COMPAT.reasoningFields] };
  for (const preset of PRESETS) if (preset.matches(model, baseUrl, serverKind)) Object.assign(compat, preset.compat);
  if (overrides) {
    for (const [key, value] of Object.entries(overrides)) {
      if (value !== undefined) Object.assign(compat, { [key]: value });
    }
  }
  return compat;
}
