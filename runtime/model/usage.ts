/**
 * Token accounting for one completion: the server's usage when it reports one (which also calibrates the fast
 * estimate), an estimate marked `estimated: true` when it does not, and detection of silent context truncation.
 */
import { estimateMessagesTokens, estimateTokens, type TokenCalibrator } from "../context/tokens.js";
import type { ChatMessage, NativeToolCall, OpenAITool, Usage } from "./types.js";

/** Reported prompt tokens below this share of the calibrated estimate mean the server dropped part of the prompt. */
export const TRUNCATION_RATIO = 0.6;
/** …and only when the gap is at least this many tokens (small prompts are too noisy to judge). */
export const TRUNCATION_MIN_GAP = 256;

export interface ContextTruncation {
  /** Calibrated estimate of the prompt tokens sent. */
  sentTokens: number;
  /** Prompt tokens the server says it processed: about its effective window. */
  processedTokens: number;
}

export interface UsageOutcome {
  usage: Usage;
  truncation?: ContextTruncation;
}

/** Raw (uncalibrated) estimate of a request's prompt, tools included. */
export function estimatePrompt(messages: readonly ChatMessage[], tools: readonly OpenAITool[] | undefined): number {
  return estimateMessagesTokens(messages) + (tools && tools.length > 0 ? estimateTokens(JSON.stringify(tools)) : 0);
}

export function estimateCompletion(text: string, reasoning: string, toolCalls: readonly NativeToolCall[]): number {
  let total = estimateTokens(text) + estimateTokens(reasoning);
  for (const call of toolCalls) total += 6 + estimateTokens(call.name) + estimateTokens(call.arguments);
  return total;
}

export interface UsageInput {
  rawPromptEstimate: number;
  completionEstimate: number;
  reported?: { promptTokens: number; completionTokens: number };
  calibrator: TokenCalibrator;
}

/** Final usage for a result; feeds the calibrator with trustworthy reports. */
export function settleUsage(input: UsageInput): UsageOutcome {
  const { rawPromptEstimate, completionEstimate, reported, calibrator } = input;
  const calibrated = calibrator.adjust(rawPromptEstimate);
  if (!reported) {
    return { usage: { promptTokens: calibrated, completionTokens: completionEstimate, estimated: true } };
  }
  const usage: Usage = {
    promptTokens: reported.promptTokens,
    completionTokens: reported.completionTokens,
    estimated: false,
  };
  const truncated =
    reported.promptTokens < calibrated * TRUNCATION_RATIO && calibrated - reported.promptTokens >= TRUNCATION_MIN_GAP;
  if (truncated) return { usage, truncation: { sentTokens: calibrated, processedTokens: reported.promptTokens } };
  // Only honest reports calibrate: a truncated one would teach the estimator that prompts are small.
  calibrator.observe(rawPromptEstimate, reported.promptTokens);
  return { usage };
}

/** The warning shown to the user when the server silently truncated the prompt. */
export function truncationWarning(t: ContextTruncation, baseUrl: string, serverKind?: string): string {
  const isOllama = serverKind === "ollama" || (serverKind === undefined && /:11434\b|ollama/i.test(baseUrl));
  const fix = isOllama
    ? "Ollama uses a small default context (num_ctx 2048-4096). Restart it with a larger window, e.g. " +
      "`OLLAMA_CONTEXT_LENGTH=32768 ollama serve`, or set `PARAMETER num_ctx 32768` in a Modelfile."
    : "Raise the server's context size (Ollama: OLLAMA_CONTEXT_LENGTH or num_ctx; llama.cpp: --ctx-size; " +
      "LM Studio: the model's context length; vLLM: --max-model-len).";
  return (
    `Context truncated: about ${t.sentTokens} prompt tokens were sent but the server processed only ` +
    `${t.processedTokens}, so it silently dropped the start of the conversation. The effective context window is ` +
    `about ${t.processedTokens} tokens. ${fix} Or tell SmallCode the real window (context_window) so it stays within it.`
  );
}
