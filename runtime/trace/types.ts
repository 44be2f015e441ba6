/**
 * Session trace records: the prompt layer's Span (runtime/prompt/trace.ts) plus what a session timeline needs, so
 * the same JsonlTracer writes both and readers of either format keep working.
 */
import type { Span } from "../prompt/trace.js";

export type SpanKind = "run" | "model" | "tool" | "guard" | "validation" | "compaction" | "warning";

export interface TraceSpan extends Span {
  kind: SpanKind;
  /** error: the tool failed, the validation command exited non-zero, the model call ended in an error. */
  status: "ok" | "error";
  /** The agent turn the span belongs to (0 for the run and events outside a turn). */
  turn: number;
}

export const TRACES_DIR = ".smallcode/traces";
