/**
 * Trace spans: one JSONL-able record per prompt call and per model attempt within it. A Tracer decides where they
 * go (memory for tests, a JSONL file under `.smallcode/traces/` for runs).
 */
import { randomBytes } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

export type SpanOutcome =
  "ok" | "cache_hit" | "over_budget" | "invalid_output" | "model_error" | "timeout" | "aborted" | "escalated";

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** e.g. "prompt summarize_history" or "model qwen3:8b". */
  name: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationMs: number;
  /** 1-based attempt number for model spans; attempts used for prompt spans. */
  attempt: number;
  outcome: SpanOutcome;
  tokens?: { prompt: number; completion: number; estimated: boolean };
  attributes?: Record<string, string | number | boolean>;
}

export interface Tracer {
  write(span: Span): void;
  /** Resolves when everything written so far is stored. */
  flush(): Promise<void>;
}

export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}

export function newSpanId(): string {
  return randomBytes(8).toString("hex");
}

export class MemoryTracer implements Tracer {
  readonly spans: Span[] = [];
  write(span: Span): void {
    this.spans.push(span);
  }
  async flush(): Promise<void> {}
}

/** Appends one JSON line per span to `file`, in order; write errors are swallowed (tracing never breaks a run). */
export class JsonlTracer implements Tracer {
  readonly #file: string;
  #chain: Promise<void> = Promise.resolve();
  #dirReady = false;

  constructor(file: string) {
    this.#file = file;
  }

  write(span: Span): void {
    const line = JSON.stringify(span) + "\n";
    this.#chain = this.#chain.then(async () => {
      try {
        if (!this.#dirReady) {
          await mkdir(dirname(this.#file), { recursive: true });
          this.#dirReady = true;
        }
        await appendFile(this.#file, line);
      } catch {
        // See the class comment.
      }
    });
  }

  flush(): Promise<void> {
    return this.#chain;
  }
}

export const noopTracer: Tracer = { write() {}, flush: async () => {} };
