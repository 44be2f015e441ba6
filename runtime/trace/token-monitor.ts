/**
 * The token monitor: per model call, the prompt and completion tokens (measured by the server, or estimated when it
 * sent no usage), the time to the first streamed token and the output speed. Fed from the AgentEvent stream.
 */
import type { AgentEvent } from "../agent/events.js";
import type { StopReason } from "../model/types.js";
import type { TraceSpan } from "./types.js";

export interface TokenCall {
  turn: number;
  stage: string;
  attempt: number;
  /** SmallCode's estimate of the prompt before sending it. */
  promptEstimate: number;
  promptTokens: number;
  completionTokens: number;
  /** true when the server reported no usage and the figures are estimates. */
  estimated: boolean;
  /** From the request to the first streamed token (the client's figure when the event has it); absent otherwise. */
  timeToFirstTokenMs?: number;
  durationMs: number;
  /** Completion tokens per second after the first token (or over the whole call without streaming). */
  tokensPerSecond?: number;
  stopReason: StopReason;
}

export interface TokenTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Calls whose figures are estimates. */
  estimatedCalls: number;
  /** Median time to first token over the calls that streamed. */
  medianTimeToFirstTokenMs?: number;
}

interface Pending {
  turn: number;
  stage: string;
  attempt: number;
  promptEstimate: number;
  startMs: number;
  firstMs?: number;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * The client's own time to first token, when the event carries it (it also covers replies that are only tool calls,
 * which stream no text deltas); otherwise the monitor times the first streamed delta itself.
 */
export function clientTtft(event: AgentEvent): number | undefined {
  const v = (event as { timeToFirstTokenMs?: unknown }).timeToFirstTokenMs;
  return typeof v === "number" && v >= 0 ? v : undefined;
}

/** Completion tokens per second after the first token (over the whole call without streaming), one decimal. */
function speed(completion: number, durationMs: number, ttft: number | undefined): { tokensPerSecond?: number } {
  const generating = ttft !== undefined ? durationMs - ttft : durationMs;
  return generating > 0 && completion > 0
    ? { tokensPerSecond: Math.round((completion / generating) * 10_000) / 10 }
    : {};
}

export class TokenMonitor {
  readonly calls: TokenCall[] = [];
  #pending: Pending | undefined;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  handle(event: AgentEvent): void {
    if (event.type === "model_request") {
      this.#pending = {
        turn: event.turn,
        stage: event.stage,
        attempt: event.attempt,
        promptEstimate: event.promptTokens,
        startMs: this.#now(),
      };
    } else if (event.type === "model_delta") {
      if (this.#pending && this.#pending.firstMs === undefined) this.#pending.firstMs = this.#now();
    } else if (event.type === "model_response") {
      const p = this.#pending;
      this.#pending = undefined;
      const ttft = clientTtft(event) ?? (p?.firstMs !== undefined ? p.firstMs - p.startMs : undefined);
      const call: TokenCall = {
        turn: event.turn,
        stage: p?.stage ?? "",
        attempt: p?.attempt ?? 1,
        promptEstimate: p?.promptEstimate ?? 0,
        promptTokens: event.usage.promptTokens,
        completionTokens: event.usage.completionTokens,
        estimated: event.usage.estimated,
        durationMs: event.durationMs,
        stopReason: event.stopReason,
        ...(ttft !== undefined ? { timeToFirstTokenMs: ttft } : {}),
        ...speed(event.usage.completionTokens, event.durationMs, ttft),
      };
      this.calls.push(call);
    }
  }

  totals(): TokenTotals {
    const ttfts = this.calls.flatMap((c) => (c.timeToFirstTokenMs !== undefined ? [c.timeToFirstTokenMs] : []));
    const m = median(ttfts);
    return {
      calls: this.calls.length,
      promptTokens: this.calls.reduce((n, c) => n + c.promptTokens, 0),
      completionTokens: this.calls.reduce((n, c) => n + c.completionTokens, 0),
      estimatedCalls: this.calls.filter((c) => c.estimated).length,
      ...(m !== undefined ? { medianTimeToFirstTokenMs: m } : {}),
    };
  }

  /** Rebuilds the calls from a session trace's model spans (how /tokens shows earlier runs). */
  static fromSpans(spans: readonly TraceSpan[]): TokenMonitor {
    const m = new TokenMonitor();
    for (const s of spans) {
      if (s.kind !== "model" || !s.tokens) continue;
      const a = s.attributes ?? {};
      const num = (k: string) => (typeof a[k] === "number" ? a[k] : undefined);
      const ttft = num("timeToFirstTokenMs");
      m.calls.push({
        turn: s.turn,
        stage: typeof a["stage"] === "string" ? a["stage"] : "",
        attempt: num("attempt") ?? s.attempt,
        promptEstimate: num("estimatedPromptTokens") ?? 0,
        promptTokens: s.tokens.prompt,
        completionTokens: s.tokens.completion,
        estimated: s.tokens.estimated,
        durationMs: s.durationMs,
        stopReason: (typeof a["stopReason"] === "string" ? a["stopReason"] : "stop") as StopReason,
        ...(ttft !== undefined ? { timeToFirstTokenMs: ttft } : {}),
        ...speed(s.tokens.completion, s.durationMs, ttft),
      });
    }
    return m;
  }

  clear(): void {
    this.calls.length = 0;
    this.#pending = undefined;
  }
}

function ms(n: number | undefined): string {
  if (n === undefined) return "—";
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}s` : `${Math.round(n)}ms`;
}

/** A plain-text table of the calls and the totals, for `/tokens` and classic mode. */
export function renderTokenTable(monitor: TokenMonitor, lastN = 20): string {
  const t = monitor.totals();
  if (t.calls === 0) return "No model calls yet.";
  const head = ["turn", "stage", "prompt", "completion", "source", "ttft", "time", "tok/s"];
  const rows = monitor.calls
    .slice(-lastN)
    .map((c) => [
      String(c.turn),
      c.stage,
      String(c.promptTokens),
      String(c.completionTokens),
      c.estimated ? "estimated" : "measured",
      ms(c.timeToFirstTokenMs),
      ms(c.durationMs),
      c.tokensPerSecond !== undefined ? String(c.tokensPerSecond) : "—",
    ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const skipped = t.calls > lastN ? [`(${t.calls - lastN} earlier calls not shown)`] : [];
  const est =
    t.estimatedCalls > 0
      ? ` (${t.estimatedCalls} of ${t.calls} estimated: the server sent no usage)`
      : " (all measured)";
  return [
    ...skipped,
    line(head),
    ...rows.map(line),
    "",
    `Total: ${t.calls} calls, ${t.promptTokens} prompt + ${t.completionTokens} completion tokens${est}; median time to first token ${ms(t.medianTimeToFirstTokenMs)}.`,
  ].join("\n");
}
