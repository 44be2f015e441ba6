/**
 * Configuration of a model client, and the request body it builds from a ModelRequest under that configuration.
 */
import type { TokenCalibrator } from "../context/tokens.js";
import type { ModelCompat } from "./compat.js";
import type { RetryPolicy } from "./errors.js";
import type { ServerKind } from "./server-info.js";
import { toWireMessages } from "./messages.js";
import type { ModelRequest } from "./types.js";

export interface ThinkingBudget {
  /** false asks the model not to think (Qwen `enable_thinking: false`, or `reasoning_effort` at compat.thinkingOffEffort). */
  enabled?: boolean;
  /** Sent as `reasoning_effort` where the model takes it. */
  effort?: "low" | "medium" | "high";
  /** Hard cap on reasoning per call, in estimated tokens: beyond it the stream is stopped. */
  maxReasoningTokens?: number;
  /**
   * After a hard cut, ask once more with thinking disabled. Default false: the cut result is returned with
   * stopReason "length" and a warning.
   */
  retryWithoutThinking?: boolean;
}

export interface ModelClientConfig {
  /** OpenAI-compatible base URL, e.g. "http://127.0.0.1:11434/v1". */
  baseUrl: string;
  model: string;
  /** Local servers ignore it; default "sk-no-key-required". */
  apiKey?: string;
  /** Overrides of the compatibility flags (see compat.ts for the defaults and presets). */
  compat?: Partial<ModelCompat>;
  /** Retry policy overrides (tests shorten the backoff here). */
  retry?: Partial<RetryPolicy>;
  /**
   * Default per-request timeout in ms: the longest wait for the response to start and, when streaming, the longest
   * silence between two chunks. Default 300 000: on a CPU, loading a model and prefilling a long prompt can take
   * minutes before the first token, and a false timeout costs a whole re-prefill.
   */
  timeoutMs?: number;
  /** Stream responses (default true). */
  stream?: boolean;
  thinking?: ThinkingBudget;
  /** Shared calibrator of the token estimate; one per model is typical. */
  calibrator?: TokenCalibrator;
  /** Extra HTTP headers on every request. */
  headers?: Record<string, string>;
  /** What kind of server this is, when known (discovery tells): it sharpens the advice in warnings. */
  serverKind?: ServerKind;
  /** Extra body fields on every request (e.g. vLLM sampling parameters). */
  extraBody?: Record<string, unknown>;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

/** The thinking-related body fields for one attempt. */
function thinkingFields(compat: ModelCompat, thinking: ThinkingBudget | undefined, disabled: boolean) {
  const fields: Record<string, unknown> = {};
  const off = disabled || thinking?.enabled === false;
  if (compat.thinkingControl === "enable_thinking") {
    if (off) fields["chat_template_kwargs"] = { enable_thinking: false };
    else if (thinking?.enabled === true) fields["chat_template_kwargs"] = { enable_thinking: true };
  } else if (compat.thinkingControl === "reasoning_effort") {
    const effort = off ? compat.thinkingOffEffort : thinking?.effort;
    if (effort) fields["reasoning_effort"] = effort;
  }
  return fields;
}

export interface BodyOptions {
  model: string;
  compat: ModelCompat;
  stream: boolean;
  thinking?: ThinkingBudget;
  /** Thinking switched off for this attempt (a re-ask after a hard cut). */
  thinkingDisabled: boolean;
  extraBody?: Record<string, unknown>;
}

/** The JSON body of one chat-completions request. */
export function buildBody(request: ModelRequest, o: BodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: o.model,
    messages: toWireMessages(request.messages, o.compat),
    stream: o.stream,
  };
  if (request.tools && request.tools.length > 0 && o.compat.nativeTools !== false) body["tools"] = request.tools;
  if (request.temperature !== undefined) body["temperature"] = request.temperature;
  if (request.topP !== undefined) body["top_p"] = request.topP;
  if (request.stop && request.stop.length > 0) body["stop"] = request.stop;
  if (request.maxTokens !== undefined) body[o.compat.maxTokensField] = request.maxTokens;
  if (o.stream && o.compat.streamUsage) body["stream_options"] = { include_usage: true };
  Object.assign(body, thinkingFields(o.compat, o.thinking, o.thinkingDisabled), o.extraBody);
  return body;
}
