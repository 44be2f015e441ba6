/** Observability: session traces (JSONL spans), their HTML timeline, the token monitor and secret redaction. */
export { SessionTrace, traceFile, type SessionTraceOptions } from "./session-trace.js";
export { TokenMonitor, renderTokenTable, type TokenCall, type TokenTotals } from "./token-monitor.js";
export { listTraces, readTrace, parseTrace, summarize, type TraceSummary, type TraceRead } from "./store.js";
export { renderTimelineHtml } from "./html.js";
export { createRedactor, type Redactor } from "./redact.js";
export { TRACES_DIR, type TraceSpan, type SpanKind } from "./types.js";
