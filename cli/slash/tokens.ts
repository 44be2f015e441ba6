/**
 * /tokens: the token monitor. Per model call of this interactive session: prompt and completion tokens, whether the
 * server measured them or SmallCode estimated them, the time to the first token and the output speed. The figures
 * come from the session traces (which hold the time to first token); with tracing off, from the events.
 */
import { readTrace, renderTokenTable, TokenMonitor, type TraceSpan } from "../../runtime/trace/index.js";
import { OK, type SlashCommand, type SlashContext } from "./types.js";

/** The agent sessions this interactive session ran, oldest first. */
function sessionIds(ctx: SlashContext): string[] {
  const ids = ctx.session.history.flatMap((h) => (h.sessionId ? [h.sessionId] : []));
  return [...new Set(ids)];
}

export function sessionMonitor(ctx: SlashContext): TokenMonitor {
  const spans: TraceSpan[] = [];
  for (const id of sessionIds(ctx)) {
    const read = readTrace(ctx.session.cwd, id);
    if (read.ok) spans.push(...read.spans);
  }
  const fromTrace = TokenMonitor.fromSpans(spans);
  const responses = ctx.session.events.filter((e) => e.type === "model_response").length;
  // A trace can lag or be off (SMALLCODE_TRACE=false): then the events give everything but the first-token times.
  if (fromTrace.calls.length >= responses) return fromTrace;
  const fromEvents = new TokenMonitor();
  for (const e of ctx.session.events) fromEvents.handle(e);
  return fromEvents;
}

export const command: SlashCommand = {
  name: "tokens",
  summary: "Token monitor: per model call, prompt and completion tokens (measured or estimated), time to first token",
  usage: "/tokens [all]",
  async run(args, ctx) {
    const monitor = sessionMonitor(ctx);
    const lines = renderTokenTable(monitor, args === "all" ? Number.MAX_SAFE_INTEGER : 20).split("\n");
    ctx.out.block("Tokens", lines);
    if (monitor.calls.length > 0 && monitor.calls.every((c) => c.timeToFirstTokenMs === undefined))
      ctx.out.print(
        "Times to first token come from the session trace; turn tracing on (trace = true) to see them.",
        "dim",
      );
    return OK;
  },
};
