/**
 * read_loop: the model keeps reading without changing anything.
 *
 * Thresholds: `tools` (the read-only tools), `maxConsecutiveReads` (read calls in a row, over turns that only read,
 * before the guard fires; it fires again at each further multiple), `maxRereadsPerFile` (reads of one file after the
 * first, with no change to it in between, before the guard fires).
 */
import type { CallRecord, GuardDetector, GuardHit, RunView, TurnRecord } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { filesTouched, pastCalls } from "./history.js";
import { actionFor, num, words } from "./thresholds.js";

/** Read calls in a row before `turn`, over the latest turns whose calls are all reads. */
function streakBefore(view: RunView, reads: ReadonlySet<string>): number {
  let streak = 0;
  for (let i = view.turns.length - 1; i >= 0; i--) {
    const calls = view.turns[i]?.calls ?? [];
    if (calls.length === 0 || calls.some((c) => !reads.has(c.name))) break;
    streak += calls.length;
  }
  return streak;
}

/** Earlier reads of `path` since it last changed (a call that touched it, or a successful write naming it). */
function readsSinceChange(history: readonly CallRecord[], path: string, reads: ReadonlySet<string>): number {
  let count = 0;
  for (const c of history) {
    const changed = filesTouched(c).includes(path) || (c.path === path && !reads.has(c.name) && c.outcome?.ok);
    if (changed) count = 0;
    else if (c.path === path && reads.has(c.name)) count++;
  }
  return count;
}

export const readLoop: GuardDetector = {
  onReply(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined {
    const reads = new Set(words(spec, "tools"));
    if (turn.calls.length === 0 || turn.calls.some((c) => !reads.has(c.name))) return undefined;
    const maxReads = num(spec, "maxConsecutiveReads");
    if (maxReads !== undefined && maxReads > 0) {
      const before = streakBefore(view, reads);
      const after = before + turn.calls.length;
      if (Math.floor(after / maxReads) > Math.floor(before / maxReads)) {
        return { action: actionFor(spec, view), detail: `You have made ${after} read-only calls in a row.` };
      }
    }
    const maxRereads = num(spec, "maxRereadsPerFile");
    if (maxRereads === undefined) return undefined;
    const history = pastCalls(view);
    for (const call of turn.calls) {
      if (call.path === undefined) continue;
      const rereads = readsSinceChange(history, call.path, reads);
      if (rereads >= maxRereads) {
        return {
          action: actionFor(spec, view),
          detail: `You have read ${call.path} ${rereads + 1} times and it has not changed.`,
        };
      }
    }
    return undefined;
  },
};
