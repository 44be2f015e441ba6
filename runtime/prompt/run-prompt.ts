/**
 * The executor every emitted prompt function calls. One call: render → cache → token budget → model (with an abort
 * timeout) → parse and validate → on_invalid policy (fail, retry, repair prompt, escalate), with retries that change
 * the temperature, and a trace span for the call and for each model attempt. Never throws: every outcome is typed.
 */
import type { ChatMessage, ModelClient, ModelResult } from "../model/types.js";
import { checkPromptBudget } from "./budget.js";
import { cacheKey, type PromptCache } from "./cache.js";
import { parseOutput, runChecks } from "./output.js";
import { modelChain, retryDelayMs, retryTemperature } from "./policy.js";
import { resolveModel, type PromptSpec, type ResolvedModel } from "./spec.js";
import { renderTemplate } from "./template.js";
import { newSpanId, newTraceId, noopTracer, type Span, type SpanOutcome, type Tracer } from "./trace.js";

export interface PromptRuntime {
  /** The client that talks to `model` (one per endpoint and model id; the caller may pool them). */
  clientFor(model: ResolvedModel): ModelClient;
  /** Where `env(...)` values in model declarations are read; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  cache?: PromptCache;
  tracer?: Tracer;
  signal?: AbortSignal;
  /** Join an existing trace (the agent run's). */
  traceId?: string;
  parentSpanId?: string;
  /** Waits between retries; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Any emitted prompt function (callers that know the prompt pass its params type). */
export type PromptFunction = (params: never, runtime: PromptRuntime) => Promise<PromptResult<unknown>>;

export type PromptFailureReason = "over_budget" | "timeout" | "model_error" | "invalid_output" | "aborted";

export interface PromptCallInfo {
  attempts: number;
  traceId: string;
  spanId: string;
  /** The model id of the last attempt (undefined when nothing was sent). */
  model?: string;
}

export type PromptResult<T> =
  | (PromptCallInfo & { ok: true; value: T; text: string; cached: boolean })
  | (PromptCallInfo & {
      ok: false;
      reason: PromptFailureReason;
      message: string;
      /** The last raw reply, when there was one. */
      text?: string;
      /** For over_budget: the estimate and the limit. */
      tokens?: number;
      limit?: number;
    });

interface CallState {
  traceId: string;
  spanId: string;
  messages: ChatMessage[];
  attempts: number;
  lastText?: string;
  lastModel?: string;
  lastFailure?: { reason: PromptFailureReason; message: string };
}

export async function runPrompt<P extends Record<string, unknown>, T>(
  spec: PromptSpec<P, T>,
  args: P,
  runtime: PromptRuntime,
): Promise<PromptResult<T>> {
  const now = runtime.now ?? Date.now;
  const tracer = runtime.tracer ?? noopTracer;
  const info = { traceId: runtime.traceId ?? newTraceId(), spanId: newSpanId() };
  const started = now();
  const finish = <R extends PromptResult<T>>(result: R, outcome: SpanOutcome): R => {
    const span: Span = {
      ...info,
      name: "prompt " + spec.name,
      startMs: started,
      durationMs: now() - started,
      attempt: result.attempts,
      outcome,
      attributes: { prompt: spec.name, ...(result.model === undefined ? {} : { model: result.model }) },
    };
    if (runtime.parentSpanId !== undefined) span.parentSpanId = runtime.parentSpanId;
    tracer.write(span);
    return result;
  };

  const messages = renderMessages(spec, args);
  const key = spec.cache
    ? cacheKey([spec.name, spec.system, spec.template, ...spec.cache.keyParams.map((p) => args[p])])
    : undefined;
  if (key !== undefined && runtime.cache) {
    const hit = await runtime.cache.get(key);
    const parsed = hit === undefined ? undefined : spec.schema.safeParse(hit);
    if (parsed?.success) {
      return finish({ ...info, ok: true, value: parsed.data, text: "", cached: true, attempts: 0 }, "cache_hit");
    }
  }

  const env = runtime.env ?? process.env;
  const chain = modelChain(spec.model, messages).map((m) => resolveModel(m, env));
  const state: CallState = { ...info, messages, attempts: 0 };
  const result = await attemptAll(spec, chain, state, runtime, info);
  if (result.ok && key !== undefined && runtime.cache) await runtime.cache.set(key, result.value, spec.cache?.ttlMs);
  return finish(result, result.ok ? "ok" : outcomeOf(result.reason));
}

function renderMessages<P extends Record<string, unknown>, T>(spec: PromptSpec<P, T>, args: P): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (spec.system !== undefined) messages.push({ role: "system", content: renderTemplate(spec.system, args) });
  messages.push({ role: "user", content: renderTemplate(spec.template, args) });
  return messages;
}

async function attemptAll<P extends Record<string, unknown>, T>(
  spec: PromptSpec<P, T>,
  chain: ResolvedModel[],
  state: CallState,
  runtime: PromptRuntime,
  info: { traceId: string; spanId: string },
): Promise<PromptResult<T>> {
  const maxAttempts = Math.max(1, spec.retry?.maxAttempts ?? 1);
  let tier = 0;
  let retriesOnTier = 0;
  while (tier < chain.length) {
    const model = chain[tier] as ResolvedModel;
    const budget = checkPromptBudget(state.messages, {
      contextWindow: model.contextWindow,
      maxOutput: spec.maxOutputTokens ?? model.maxOutput,
      ...(spec.budgetTokens === undefined ? {} : { budgetTokens: spec.budgetTokens }),
    });
    if (!budget.ok) {
      const refusal = failure(info, state, "over_budget", budget.message);
      return { ...refusal, tokens: budget.tokens, limit: budget.limit };
    }
    const verdict = await attemptOnce(spec, model, retriesOnTier, state, runtime);
    if (verdict.kind === "done") return { ...info, ...verdict.result };
    if (verdict.kind === "fail") return failure(info, state, verdict.reason, verdict.message);
    if (verdict.kind === "escalate") {
      tier++;
      retriesOnTier = 0;
      continue;
    }
    if (state.attempts >= maxAttempts) break;
    retriesOnTier++;
    if (verdict.repair !== undefined) {
      const repair: ChatMessage[] = [
        { role: "assistant", content: state.lastText ?? "" },
        { role: "user", content: verdict.repair },
      ];
      state.messages = [...state.messages, ...repair];
    }
    const delay = spec.retry ? retryDelayMs(spec.retry, retriesOnTier) : 0;
    if (delay > 0) await (runtime.sleep ?? defaultSleep)(delay);
    if (runtime.signal?.aborted) return failure(info, state, "aborted", "the call was aborted");
  }
  const last = state.lastFailure ?? { reason: "model_error" as const, message: "no model to call" };
  return failure(info, state, last.reason, last.message);
}

function failure<T>(
  info: { traceId: string; spanId: string },
  state: CallState,
  reason: PromptFailureReason,
  message: string,
): PromptResult<T> & { ok: false } {
  const result: PromptResult<T> & { ok: false } = { ...info, ok: false, reason, message, attempts: state.attempts };
  if (state.lastText !== undefined) result.text = state.lastText;
  if (state.lastModel !== undefined) result.model = state.lastModel;
  return result;
}

type Success<T> = { ok: true; value: T; text: string; cached: false; attempts: number; model: string };

type AttemptVerdict<T> =
  | { kind: "done"; result: Success<T> }
  | { kind: "retry"; repair?: string }
  | { kind: "escalate" }
  | { kind: "fail"; reason: PromptFailureReason; message: string };

async function attemptOnce<P extends Record<string, unknown>, T>(
  spec: PromptSpec<P, T>,
  model: ResolvedModel,
  retryIndex: number,
  state: CallState,
  runtime: PromptRuntime,
): Promise<AttemptVerdict<T>> {
  state.attempts++;
  state.lastModel = model.model;
  const reply = await callModel(spec, model, retryIndex, state, runtime);
  if (reply.kind === "aborted") return { kind: "fail", reason: "aborted", message: "the call was aborted" };
  if (reply.kind !== "text") {
    const reason = reply.kind === "timeout" ? "timeout" : "model_error";
    state.lastFailure = { reason, message: reply.message };
    return reply.retryable ? { kind: "retry" } : { kind: "fail", reason, message: reply.message };
  }
  state.lastText = reply.text;
  const parsed = parseOutput(reply.text, spec.output, spec.schema);
  const problem = parsed.ok
    ? runChecks(reply.text, parsed.value, [...spec.validate, ...spec.constraints])
    : parsed.error;
  if (parsed.ok && problem === undefined) {
    return {
      kind: "done",
      result: {
        ok: true,
        value: parsed.value,
        text: reply.text,
        cached: false,
        attempts: state.attempts,
        model: model.model,
      },
    };
  }
  const message = problem ?? "invalid output";
  state.lastFailure = { reason: "invalid_output", message };
  switch (spec.onInvalid) {
    case "fail":
      return { kind: "fail", reason: "invalid_output", message };
    case "retry":
      return { kind: "retry" };
    case "retry_with_repair_prompt":
      return { kind: "retry", repair: repairMessage(message, spec.returns) };
    case "escalate":
      return { kind: "escalate" };
  }
}

/** The message that re-asks after invalid output: what was wrong and what to send instead. */
export function repairMessage(problem: string, returns: string): string {
  return `Your previous reply was not usable: ${problem}. Reply again with only ${returns}, and nothing else.`;
}

type Reply =
  | { kind: "text"; text: string }
  | { kind: "timeout" | "error"; message: string; retryable: boolean }
  | { kind: "aborted" };

async function callModel<P extends Record<string, unknown>, T>(
  spec: PromptSpec<P, T>,
  model: ResolvedModel,
  retryIndex: number,
  state: CallState,
  runtime: PromptRuntime,
): Promise<Reply> {
  const now = runtime.now ?? Date.now;
  const timeout = new AbortController();
  let timedOut = false;
  const timer =
    spec.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          timeout.abort();
        }, spec.timeoutMs);
  const signal = runtime.signal ? AbortSignal.any([runtime.signal, timeout.signal]) : timeout.signal;
  const base = spec.temperature ?? model.temperature ?? DEFAULT_TEMPERATURE;
  const started = now();
  let result: ModelResult;
  try {
    result = await runtime.clientFor(model).complete({
      messages: state.messages,
      temperature: retryTemperature(base, retryIndex),
      maxTokens: spec.maxOutputTokens ?? model.maxOutput,
      signal,
      ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
      ...(model.topP === undefined ? {} : { topP: model.topP }),
      ...(model.stop === undefined ? {} : { stop: [...model.stop] }),
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  const reply = classify(result, timedOut, spec.timeoutMs);
  writeAttemptSpan(runtime, state, model, started, result, reply);
  return reply;
}

const DEFAULT_TEMPERATURE = 0.2;

function classify(result: ModelResult, timedOut: boolean, timeoutMs: number | undefined): Reply {
  if (timedOut || result.error?.kind === "timeout") {
    return {
      kind: "timeout",
      message: `the model did not answer within ${timeoutMs ?? "the timeout"} ms`,
      retryable: true,
    };
  }
  if (result.stopReason === "aborted") return { kind: "aborted" };
  if (result.stopReason === "error") {
    const error = result.error;
    return { kind: "error", message: error?.message ?? "the model call failed", retryable: error?.retryable ?? false };
  }
  return { kind: "text", text: result.text };
}

function writeAttemptSpan(
  runtime: PromptRuntime,
  state: CallState,
  model: ResolvedModel,
  started: number,
  result: ModelResult,
  reply: Reply,
): void {
  const now = runtime.now ?? Date.now;
  const outcome: SpanOutcome = reply.kind === "text" ? "ok" : reply.kind === "error" ? "model_error" : reply.kind;
  (runtime.tracer ?? noopTracer).write({
    traceId: state.traceId,
    spanId: newSpanId(),
    parentSpanId: state.spanId,
    name: "model " + model.model,
    startMs: started,
    durationMs: now() - started,
    attempt: state.attempts,
    outcome,
    tokens: {
      prompt: result.usage.promptTokens,
      completion: result.usage.completionTokens,
      estimated: result.usage.estimated,
    },
    attributes: { model: model.model, stopReason: result.stopReason },
  });
}

function outcomeOf(reason: PromptFailureReason): SpanOutcome {
  return reason === "timeout" ? "timeout" : reason === "aborted" ? "aborted" : reason;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
