/**
 * The guard view of a resumed session: the earlier runs' turns rebuilt from the logged messages, so detectors judge the
 * whole session (a file edited before the resume counts as a change; repeated calls across the resume are repeats).
 * Outcomes keep what the log holds: success, the files written, the output, and a shell command's exit code.
 */
import type { ToolResultMeta } from "../context/types.js";
import type { ChatMessage } from "../model/types.js";
import type { CallRecord, TurnRecord } from "./guard-api.js";
import type { LoopParts } from "./loop-parts.js";
import { callKey } from "./turn.js";

const EXIT_CODE = /\[exit code (-?\d+)\]\s*(?:\[[^\]]*\]\s*)*$/;

function parseArguments(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A turn record for a logged assistant message; its calls are indexed by id for the tool results that follow. */
function turnOf(
  p: LoopParts,
  turn: number,
  message: Extract<ChatMessage, { role: "assistant" }>,
  byId: Map<string, CallRecord>,
): TurnRecord {
  const calls = (message.toolCalls ?? []).map((tc) => {
    const args = parseArguments(tc.arguments);
    const path = typeof args["path"] === "string" ? p.state.relPath(args["path"]) : undefined;
    const call: CallRecord = {
      turn,
      name: tc.name,
      arguments: args,
      known: p.specs.has(tc.name),
      key: callKey({ name: tc.name, arguments: args }),
      toolFailure: false,
      ...(path !== undefined ? { path } : {}),
    };
    byId.set(tc.id, call);
    return call;
  });
  return { turn, text: message.content, calls, parseDiagnostics: [], stage: p.bundle.agent.initialStage };
}

function settle(call: CallRecord, content: string, meta: ToolResultMeta | undefined): void {
  const ok = meta?.ok ?? true;
  const exit = EXIT_CODE.exec(content);
  const data: Record<string, unknown> = { filesTouched: meta?.writes ?? [] };
  if (exit) data["exitCode"] = Number(exit[1]);
  call.outcome = { ok, output: content, data };
  call.toolFailure = !ok && exit === null;
}

/** Rebuilds `p.state.turns` from a logged history. */
export function rebuildTurns(
  p: LoopParts,
  messages: ReadonlyArray<{ message: ChatMessage; meta?: ToolResultMeta }>,
): void {
  const byId = new Map<string, CallRecord>();
  let turn = 0;
  for (const { message, meta } of messages) {
    if (message.role === "assistant") p.state.turns.push(turnOf(p, ++turn, message, byId));
    else if (message.role === "tool") {
      const call = byId.get(message.toolCallId);
      if (call) settle(call, message.content, meta);
    }
  }
}
