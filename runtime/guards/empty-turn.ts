/**
 * empty_turn (quality monitor): a reply with no text, no tool call and nothing the parser could even complain about.
 *
 * Thresholds: `maxConsecutive` (empty replies in a row, this one included, before the guard fires), `maxSteers`
 * (steering messages in a row before a different action: the declared `escalate`, or a re-ask).
 */
import type { GuardDetector, GuardHit, RunView, TurnRecord } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { actionFor, num } from "./thresholds.js";

export function isEmptyTurn(turn: TurnRecord): boolean {
  return turn.text.trim() === "" && turn.calls.length === 0 && turn.parseDiagnostics.length === 0;
}

export const emptyTurn: GuardDetector = {
  onReply(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined {
    const limit = num(spec, "maxConsecutive");
    if (limit === undefined || !isEmptyTurn(turn)) return undefined;
    let run = 1;
    for (let i = view.turns.length - 1; i >= 0; i--) {
      const t = view.turns[i];
      if (!t || !isEmptyTurn(t)) break;
      run++;
    }
    if (run < limit) return undefined;
    return { action: actionFor(spec, view), detail: `That was ${run} empty replies in a row.` };
  },
};
