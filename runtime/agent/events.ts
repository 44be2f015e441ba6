/**
 * The agent's one typed event stream. It feeds `--json` (one object per line), the stderr progress renderer, the
 * session log and, later, the TUI. Every event is plain JSON-serialisable data.
 */
import type { BudgetBreakdown, ContextEvent } from "../context/types.js";
import type { StopReason, Usage } from "../model/types.js";
import type { ExitReason } from "./types.js";

export type AgentEvent =
  | {
      type: "run_start";
      sessionId: string;
      task: string;
      model: string;
      baseUrl: string;
      toolMode: "native" | "prompt";
      cwd: string;
      resumed: boolean;
      /** How a resumed run rebuilt its context: from the snapshot the last run saved, or by replaying the messages. */
      resumedFrom?: "snapshot" | "replay";
      /** Where the declarations came from: "built-in" or the team build's directory. */
      source: string;
    }
  | {
      type: "stage";
      stage: string;
      kind: "loop" | "run" | "prompt";
      visit: number;
      /** Set when the stage was not run because its `when:` did not hold (the message says why); it counts as passed. */
      skipped?: string;
    }
  | {
      type: "model_request";
      turn: number;
      stage: string;
      messages: number;
      promptTokens: number;
      tools: string[];
      temperature: number;
      attempt: number;
      /** The context budget by part for this request (for the TUI's budget bar and /budget). */
      budget?: BudgetBreakdown;
    }
  | { type: "model_delta"; turn: number; text?: string; reasoning?: string }
  | {
      type: "model_response";
      turn: number;
      stopReason: StopReason;
      text: string;
      toolCalls: number;
      usage: Usage;
      durationMs: number;
      error?: string;
    }
  | {
      type: "tool_call";
      turn: number;
      id: string;
      name: string;
      arguments: Record<string, unknown>;
      format: string;
      offered: boolean;
      /** Each fix the parser applied to read this call ("renamed parameter file_path → path"); empty when none. */
      repairs?: string[];
    }
  | {
      /** Something in the reply looked like a tool call but could not be used (the model is told in format_error). */
      type: "parse_diagnostic";
      turn: number;
      code: string;
      message: string;
      format?: string;
      tool?: string;
    }
  | {
      type: "tool_result";
      turn: number;
      id: string;
      name: string;
      ok: boolean;
      output: string;
      durationMs: number;
      handledBy?: string;
      data?: Record<string, unknown>;
    }
  | {
      type: "guard";
      turn: number;
      guard: string;
      hook: "beforeTurn" | "onReply" | "beforeCall" | "afterCall";
      action: string;
      message: string;
      triggers: number;
    }
  | { type: "compaction"; turn: number; detail: ContextEvent }
  | { type: "warning"; message: string }
  | { type: "command"; stage: string; command: string; exitCode: number | null; output: string; durationMs: number }
  | {
      type: "done";
      reason: ExitReason;
      success: boolean;
      detail: string;
      text: string;
      turns: number;
      usage: { promptTokens: number; completionTokens: number };
      durationMs: number;
      sessionId: string;
      filesChanged: string[];
    };

export type AgentEventType = AgentEvent["type"];
export type AgentEventOf<T extends AgentEventType> = Extract<AgentEvent, { type: T }>;
export type AgentListener = (event: AgentEvent) => void;

/** A minimal synchronous emitter; a listener that throws is isolated (it never breaks the run). */
export class EventBus {
  private readonly listeners = new Set<AgentListener>();

  on(listener: AgentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AgentEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed stdout, a UI bug) must not end the run.
      }
    }
  }
}
