/**
 * The model client: one chat completion against an OpenAI-compatible server through the `openai` package, streamed.
 * It never throws: every outcome is a ModelResult with a stop reason. It retries connection errors, 429 and 5xx
 * with backoff, tells a timeout from a dead server, keeps what a cut stream delivered, honours an AbortSignal,
 * separates and caps reasoning, and keeps token counts (estimated when the server reports none).
 */
import OpenAI from "openai";
import type { ChatCompletionCreateParams } from "openai/resources/chat/completions";
import { TokenCalibrator } from "../context/tokens.js";
import { CompletionAccumulator } from "./accumulate.js";
import { AttemptGuard } from "./attempt-guard.js";
import { resolveCompat, type ModelCompat } from "./compat.js";
import { buildBody, DEFAULT_TIMEOUT_MS, type ModelClientConfig } from "./config.js";
import { backoffMs, classifyError, DEFAULT_RETRY, retryAfterMs, shouldRetry, type RetryPolicy } from "./errors.js";
import type { ModelClient, ModelError, ModelRequest, ModelResult, StopReason } from "./types.js";
import { estimateCompletion, estimatePrompt, settleUsage, truncationWarning } from "./usage.js";

/** A ModelClient that also exposes its resolved flags and calibrator. */
export interface SmallModelClient extends ModelClient {
  readonly compat: ModelCompat;
  readonly calibrator: TokenCalibrator;
}

interface AttemptOutcome {
  acc: CompletionAccumulator;
  error?: ModelError;
  /** The raw thrown value, for Retry-After. */
  thrown?: unknown;
  aborted: boolean;
  timeToFirstTokenMs?: number;
}

function mapFinish(finish: string | null, hasToolCalls: boolean): StopReason {
  if (finish === "length") return "length";
  if (finish === "tool_calls" || finish === "function_call" || hasToolCalls) return "tool_use";
  return "stop";
}

/** Resolves after `ms`, or early (false) when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

class OpenAIModelClient implements SmallModelClient {
  readonly model: string;
  readonly baseUrl: string;
  readonly compat: ModelCompat;
  readonly calibrator: TokenCalibrator;
  private readonly openai: OpenAI;
  private readonly retry: RetryPolicy;

  constructor(private readonly config: ModelClientConfig) {
    this.model = config.model;
    this.baseUrl = config.baseUrl.replace(/\/+$/, "");
    this.compat = resolveCompat(config.model, this.baseUrl, config.compat, config.serverKind);
    this.calibrator = config.calibrator ?? new TokenCalibrator();
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.openai = new OpenAI({
      baseURL: this.baseUrl,
      apiKey: config.apiKey ?? "sk-no-key-required",
      maxRetries: 0, // retries are ours, so that attempts, backoff and Retry-After are visible and bounded
      ...(config.headers ? { defaultHeaders: config.headers } : {}),
    });
  }

  async complete(request: ModelRequest): Promise<ModelResult> {
    const started = Date.now();
    const warnings: string[] = [];
    let attempts = 0;
    let thinkingDisabled = false;
    let reasked = false;
    for (;;) {
      if (request.signal?.aborted) return this.finish(request, started, attempts, warnings, undefined, "aborted");
      attempts++;
      const outcome = await this.attempt(request, thinkingDisabled, started);
      if (outcome.aborted) return this.finish(request, started, attempts, warnings, outcome, "aborted");
      if (outcome.error) {
        const canRetry = shouldRetry(outcome.error) && attempts < this.retry.maxAttempts;
        if (!canRetry) return this.finish(request, started, attempts, warnings, outcome, "error");
        const wait = backoffMs(this.retry, attempts, retryAfterMs(outcome.thrown));
        if (!(await sleep(wait, request.signal))) {
          return this.finish(request, started, attempts, warnings, outcome, "aborted");
        }
        continue;
      }
      if (outcome.acc.overflowed) {
        const cap = this.config.thinking?.maxReasoningTokens ?? 0;
        // Re-asking only helps when the server has a switch to turn thinking off.
        const canSwitchOff = this.compat.thinkingControl !== "none";
        if (this.config.thinking?.retryWithoutThinking && canSwitchOff && !reasked) {
          warnings.push(`Reasoning passed its budget of ${cap} tokens; asked again with thinking disabled.`);
          thinkingDisabled = true;
          reasked = true;
          continue;
        }
        warnings.push(
          `Reasoning passed its budget of ${cap} tokens and was cut off before an answer. ` +
            "Lower the thinking effort, disable thinking, or raise thinking.maxReasoningTokens.",
        );
        return this.finish(request, started, attempts, warnings, outcome, "length");
      }
      return this.finish(request, started, attempts, warnings, outcome, undefined);
    }
  }

  /** One HTTP attempt; never throws. */
  private async attempt(request: ModelRequest, thinkingDisabled: boolean, started: number): Promise<AttemptOutcome> {
    const stream = this.config.stream ?? true;
    const acc = new CompletionAccumulator(this.compat, request.onDelta, this.config.thinking?.maxReasoningTokens);
    const guard = new AttemptGuard(request.timeoutMs ?? this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS, request.signal);
    const body = buildBody(request, {
      model: this.model,
      compat: this.compat,
      stream,
      thinkingDisabled,
      ...(this.config.thinking ? { thinking: this.config.thinking } : {}),
      ...(this.config.extraBody ? { extraBody: this.config.extraBody } : {}),
    });
    // The body carries fields the typed params do not know (chat_template_kwargs, extra sampling fields).
    const params = body as unknown as ChatCompletionCreateParams;
    const outcome: AttemptOutcome = { acc, aborted: false };
    try {
      guard.arm();
      const error = stream
        ? await this.runStream(params, guard, outcome, started)
        : await this.runOnce(params, guard, acc);
      if (error) outcome.error = error;
    } catch (error) {
      if (!guard.overflow) {
        outcome.thrown = error;
        const ctx = { timedOut: guard.timedOut, streamStarted: acc.gotData, timeoutMs: guard.timeoutMs };
        outcome.error = classifyError(error, ctx);
      }
    } finally {
      guard.dispose();
    }
    if (guard.userAborted) {
      outcome.aborted = true;
      delete outcome.error;
    }
    return outcome;
  }

  private requestOptions(guard: AttemptGuard) {
    // openai's own timeout is only a backstop: the guard's silence timer is the one that reports "timeout".
    return { signal: guard.signal, maxRetries: 0, timeout: guard.timeoutMs * 2 };
  }

  /** Stream one completion into the accumulator; returns the error, if the stream ended badly without throwing. */
  private async runStream(
    params: ChatCompletionCreateParams,
    guard: AttemptGuard,
    outcome: AttemptOutcome,
    started: number,
  ): Promise<ModelError | undefined> {
    const acc = outcome.acc;
    const response = await this.openai.chat.completions.create({ ...params, stream: true }, this.requestOptions(guard));
    for await (const chunk of response) {
      guard.arm();
      const before = acc.gotData;
      if (!acc.addChunk(chunk)) continue;
      if (!before && acc.gotData) outcome.timeToFirstTokenMs = Date.now() - started;
      if (acc.overflowed) {
        guard.cutForOverflow();
        break;
      }
    }
    // An aborted stream may end quietly instead of throwing: the guard says why it ended.
    if (guard.timedOut)
      return classifyError(undefined, { timedOut: true, streamStarted: acc.gotData, timeoutMs: guard.timeoutMs });
    if (acc.chunks === 0 && !guard.userAborted) {
      return { kind: "invalid_response", message: "The server sent no completion chunks.", retryable: false };
    }
    return undefined;
  }

  /** One non-streamed completion into the accumulator. */
  private async runOnce(
    params: ChatCompletionCreateParams,
    guard: AttemptGuard,
    acc: CompletionAccumulator,
  ): Promise<ModelError | undefined> {
    const response: unknown = await this.openai.chat.completions.create(
      { ...params, stream: false },
      this.requestOptions(guard),
    );
    if (acc.addCompletion(response)) return undefined;
    const preview = (typeof response === "string" ? response : (JSON.stringify(response) ?? "")).slice(0, 120);
    return {
      kind: "invalid_response",
      message: `The server's answer is not a chat completion: ${preview}`,
      retryable: false,
    };
  }

  private finish(
    request: ModelRequest,
    started: number,
    attempts: number,
    warnings: string[],
    outcome: AttemptOutcome | undefined,
    forced: StopReason | undefined,
  ): ModelResult {
    const { text, reasoning, toolCalls } = outcome?.acc.result() ?? { text: "", reasoning: "", toolCalls: [] };
    const settled = settleUsage({
      rawPromptEstimate: estimatePrompt(request.messages, request.tools),
      completionEstimate: estimateCompletion(text, reasoning, toolCalls),
      ...(outcome?.acc.reported ? { reported: outcome.acc.reported } : {}),
      calibrator: this.calibrator,
    });
    const result: ModelResult = {
      stopReason: forced ?? mapFinish(outcome?.acc.finishReason ?? null, toolCalls.length > 0),
      text,
      reasoning,
      toolCalls,
      usage: settled.usage,
      durationMs: Date.now() - started,
      attempts,
    };
    if (forced === "error" && outcome?.error) result.error = outcome.error;
    if (outcome?.timeToFirstTokenMs !== undefined) result.timeToFirstTokenMs = outcome.timeToFirstTokenMs;
    if (outcome?.acc.finishReason === "content_filter") {
      warnings.push("The server filtered the reply (content_filter).");
    }
    if (result.stopReason === "length" && !forced && text.trim() === "" && toolCalls.length === 0 && reasoning) {
      warnings.push(
        "The reply ran out of output tokens while still reasoning. Raise maxTokens, or cap thinking " +
          "(thinking.enabled: false, thinking.effort, or thinking.maxReasoningTokens).",
      );
    }
    if (settled.truncation) {
      result.contextTruncation = settled.truncation;
      warnings.push(truncationWarning(settled.truncation, this.baseUrl, this.config.serverKind));
    }
    if (warnings.length > 0) result.warnings = warnings;
    return result;
  }
}

/** A model client for one model behind an OpenAI-compatible base URL. */
export function createModelClient(config: ModelClientConfig): SmallModelClient {
  return new OpenAIModelClient(config);
}
