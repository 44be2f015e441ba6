/** Small queries over a RunView's history shared by several detectors. */
import type { CallRecord, RunView, TurnRecord } from "../agent/guard-api.js";

/** Every completed call, oldest first. */
export function pastCalls(view: RunView): CallRecord[] {
  return view.turns.flatMap((t) => t.calls);
}

/** The completed turns numbered at least `fromTurn`. */
export function turnsSince(view: RunView, fromTurn: number): readonly TurnRecord[] {
  const out: TurnRecord[] = [];
  for (let i = view.turns.length - 1; i >= 0; i--) {
    const t = view.turns[i];
    if (!t || t.turn < fromTurn) break;
    out.push(t);
  }
  return out.reverse();
}

/** The files a call reports having changed (`data.filesTouched`), project-relative. */
export function filesTouched(call: CallRecord): readonly string[] {
  const files = call.outcome?.ok ? call.outcome.data?.["filesTouched"] : undefined;
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
}

/** A shell command that ran: its outcome carries an exit code. Exiting non-zero is a result, not a tool failure. */
export function commandRan(call: CallRecord): boolean {
  return typeof call.outcome?.data?.["exitCode"] === "number";
}

/** A real failure of the tool itself: not a command that ran, not a call a guard refused or answered. */
export function isToolFailure(call: CallRecord): boolean {
  return call.toolFailure && call.known && call.handledBy === undefined && !commandRan(call);
}

/** Normalises text for comparison: lower case, whitespace collapsed, trimmed. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** A signature of the calls a turn made (their keys, sorted), or "" for a turn without calls. */
export function callSignature(turn: TurnRecord): string {
  return turn.calls
    .map((c) => c.key)
    .sort()
    .join("\n");
}
