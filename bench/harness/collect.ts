/**
 * Turning one run's agent events into the attempt's measurements. Everything here comes from the typed event
 * stream (runtime/agent/events.ts), never from scraping printed output.
 */
import type { AgentEvent } from "../../runtime/agent/events.js";

export interface EventMetrics {
  exit?: "done" | "limits" | "format_error" | "aborted" | "error";
  success: boolean;
  detail: string;
  turns: number;
  toolCalls: number;
  failedToolCalls: number;
  tokensIn: number;
  tokensOut: number;
  guards: Record<string, number>;
  guardInterventions: number;
  parseRepairs: number;
  formats: Record<string, number>;
  patchStrategies: Record<string, number>;
  compactions: number;
  contextWindow?: number;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export class EventCollector {
  private readonly m: EventMetrics = {
    success: false,
    detail: "",
    turns: 0,
    toolCalls: 0,
    failedToolCalls: 0,
    tokensIn: 0,
    tokensOut: 0,
    guards: {},
    guardInterventions: 0,
    parseRepairs: 0,
    formats: {},
    patchStrategies: {},
    compactions: 0,
  };
  private maxTurn = 0;
  private done = false;

  readonly handle = (e: AgentEvent): void => {
    switch (e.type) {
      case "model_request":
        this.maxTurn = Math.max(this.maxTurn, e.turn);
        if (e.budget) this.m.contextWindow = e.budget.window;
        break;
      case "model_response":
        if (!this.done) {
          this.m.tokensIn += e.usage.promptTokens;
          this.m.tokensOut += e.usage.completionTokens;
        }
        break;
      case "tool_call": {
        this.m.toolCalls++;
        bump(this.m.formats, e.format);
        // `repairs` is an optional field of the event (added for the benchmark); a non-native format is a repair too.
        const repairs = (e as { repairs?: unknown }).repairs;
        if (e.format !== "native" || (Array.isArray(repairs) && repairs.length > 0)) this.m.parseRepairs++;
        break;
      }
      case "tool_result": {
        if (!e.ok) this.m.failedToolCalls++;
        const strategy = e.data?.["strategy"];
        if (e.ok && e.name === "edit_file" && typeof strategy === "string") bump(this.m.patchStrategies, strategy);
        break;
      }
      case "guard":
        bump(this.m.guards, e.guard);
        this.m.guardInterventions++;
        break;
      case "compaction":
        this.m.compactions++;
        break;
      case "done":
        this.done = true;
        this.m.exit = e.reason;
        this.m.success = e.success;
        this.m.detail = e.detail;
        this.m.turns = e.turns;
        this.m.tokensIn = e.usage.promptTokens;
        this.m.tokensOut = e.usage.completionTokens;
        break;
      default:
        break;
    }
  };

  metrics(): EventMetrics {
    return { ...this.m, turns: this.done ? this.m.turns : this.maxTurn };
  }
}
