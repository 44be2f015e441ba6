/**
 * Classifies what went wrong in one HTTP attempt into the ModelError kinds of types.ts, decides whether it is worth
 * retrying, and computes the wait before the next attempt (exponential backoff, Retry-After honoured within a cap).
 */
import OpenAI from "openai";
import type { ModelError } from "./types.js";

export interface RetryPolicy {
  /** Total HTTP attempts, the first included. Default 3. */
  maxAttempts: number;
  /** First backoff delay; doubles each attempt. Default 500 ms. */
  baseDelayMs: number;
  /** Ceiling of the exponential backoff. Default 8 s. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a server asking for more gets this much. Default 30 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000,
});

/** What the attempt knew when it failed, beyond the thrown value. */
export interface FailureContext {
  timedOut: boolean;
  /** Whether any part of a response body had arrived (a failure then is a cut stream). */
  streamStarted: boolean;
  timeoutMs: number;
}

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const CONTEXT_OVERFLOW = /context (length|size|window)|too (long|many tokens)|exceeds? .*(context|tokens)|n_ctx/i;

function apiMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const detail = body && typeof body.message === "string" ? body.message : error.message;
  const hint =
    error.status === 400 && CONTEXT_OVERFLOW.test(detail)
      ? " The prompt does not fit the server's context window: lower the context budget or raise the server's " +
        "context size (llama.cpp --ctx-size, vLLM --max-model-len, Ollama num_ctx)."
      : "";
  return `HTTP ${error.status}: ${detail}${hint}`;
}

/** The ModelError for a failed attempt. */
export function classifyError(error: unknown, ctx: FailureContext): ModelError {
  if (ctx.timedOut) {
    return {
      kind: "timeout",
      message: `The server accepted the request but then sent nothing for ${ctx.timeoutMs} ms.`,
      retryable: true,
    };
  }
  const inStream =
    error instanceof OpenAI.APIError &&
    error.status === undefined &&
    !(error instanceof OpenAI.APIConnectionError) &&
    !(error instanceof OpenAI.APIUserAbortError);
  if (inStream) {
    // An SSE `{"error": …}` event: the server itself gave up midway (out of memory, context overflow …).
    return { kind: "stream", message: `The server reported an error mid-stream: ${error.message}`, retryable: false };
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    return { kind: "http", message: apiMessage(error), status, retryable: status === 429 || status >= 500 };
  }
  const code = causeCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (ctx.streamStarted) {
    return { kind: "stream", message: `The stream broke off midway: ${detail}`, retryable: true };
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return { kind: "timeout", message: `No answer within ${ctx.timeoutMs} ms.`, retryable: true };
  }
  if (error instanceof OpenAI.APIConnectionError || code !== undefined) {
    const why = code ? ` (${code})` : "";
    return { kind: "connection", message: `Could not reach the server${why}: ${detail}`, retryable: true };
  }
  if (error instanceof SyntaxError || error instanceof TypeError) {
    return {
      kind: "invalid_response",
      message: `The server's answer is not a chat completion: ${detail}`,
      retryable: false,
    };
  }
  return { kind: "connection", message: detail, retryable: true };
}

/** Whether the client retries this failure on its own (timeouts and cut streams are left to the caller). */
export function shouldRetry(error: ModelError): boolean {
  return error.kind === "connection" || (error.kind === "http" && error.retryable);
}

/** Retry-After (seconds or HTTP date) or retry-after-ms of an HTTP error, in ms. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (!(error instanceof OpenAI.APIError) || !error.headers) return undefined;
  const ms = error.headers.get("retry-after-ms");
  if (ms !== null && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = error.headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Wait before attempt `attempt + 1` (attempt counts from 1), with ±20% jitter. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfter: number | undefined): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp * (0.8 + Math.random() * 0.4);
  if (retryAfter === undefined) return Math.round(jittered);
  return Math.round(Math.max(jittered, Math.min(retryAfter, policy.maxRetryAfterMs)));
}
