/**
 * Human progress on stderr for `smallcode run`: one line per turn, tool call and result, guard and warning, and a
 * closing line. Streaming deltas are not echoed (headless runs are usually logged); `--json` carries everything.
 */
import type { AgentEvent } from "../../runtime/agent/events.js";

const MAX_ARG = 80;

function short(text: string, max = MAX_ARG): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function describeArgs(args: Record<string, unknown>): string {
  const main = args["path"] ?? args["command"] ?? args["pattern"];
  if (typeof main === "string") return short(main);
  return short(JSON.stringify(args));
}

function firstLine(text: string): string {
  return short(text.split("\n").find((l) => l.trim() !== "") ?? "");
}

/** The line (or lines) to print for an event, or undefined for events shown silently. */
export function renderProgress(event: AgentEvent): string | undefined {
  switch (event.type) {
    case "run_start":
      return (
        `smallcode · ${event.model} at ${event.baseUrl} · ${event.toolMode} tools · ` +
        `${event.source === "built-in" ? "built-in agent" : `team agent (${event.source})`} · session ${event.sessionId}` +
        (event.resumed ? " (resumed)" : "")
      );
    case "stage":
      if (event.skipped) return `[${event.stage}] skipped: ${event.skipped}`;
      return event.kind === "loop" && event.visit === 1
        ? undefined
        : `[${event.stage}] ${event.kind} stage, visit ${event.visit}`;
    case "model_request":
      return `turn ${event.turn}${event.attempt > 0 ? ` (retry ${event.attempt})` : ""} · ~${event.promptTokens} prompt tokens · tools: ${event.tools.join(", ")}`;
    case "tool_call":
      return `  → ${event.name} ${describeArgs(event.arguments)}`;
    case "tool_result":
      return `    ${event.ok ? "✓" : "✗"} ${event.name}${event.handledBy ? ` (${event.handledBy})` : ""}: ${firstLine(event.output)}`;
    case "guard":
      return `  ! guard ${event.guard} → ${event.action}${event.message ? `: ${short(event.message)}` : ""}`;
    case "compaction":
      return event.detail.kind === "compacted"
        ? `  · compacted ${event.detail.turns} turns (${event.detail.tokensBefore} → ${event.detail.tokensAfter} tokens)`
        : undefined;
    case "warning":
      return `warning: ${event.message}`;
    case "parse_diagnostic":
      return `  ? unreadable call: ${short(event.message)}`;
    case "command":
      return `[${event.stage}] $ ${event.command} → exit ${event.exitCode ?? "killed"}`;
    case "done": {
      const tokens = event.usage.promptTokens + event.usage.completionTokens;
      const summary = `${event.turns} turns, ${tokens} tokens, ${(event.durationMs / 1000).toFixed(1)}s`;
      const files = event.filesChanged.length > 0 ? ` · changed ${event.filesChanged.join(", ")}` : "";
      return `${event.success ? "done" : `stopped (${event.reason})`}: ${event.detail} (${summary})${files}`;
    }
    case "model_response":
      return event.error ? `  model error: ${event.error}` : undefined;
    case "model_delta":
      return undefined;
  }
}
