/**
 * exact_repeat_call (quality monitor): the same call, with the same arguments, as in the turns just before.
 *
 * Threshold: `maxRepeats` (turns in a row that may make the same call; the next one in a row is refused). A turn in
 * which a file changed breaks the run: running the tests again after an edit is not a repeat.
 */
import type { CallRecord, GuardDetector, GuardHit, RunView } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { filesTouched } from "./history.js";
import { actionFor, num } from "./thresholds.js";

/** Consecutive completed turns, ending with the previous one, that made the call `key` and changed no file. */
export function repeatRun(view: RunView, key: string): number {
  let run = 0;
  let expected = view.turn - 1;
  for (let i = view.turns.length - 1; i >= 0; i--) {
    const t = view.turns[i];
    if (!t || t.turn !== expected) break;
    if (!t.calls.some((c) => c.key === key) || t.calls.some((c) => filesTouched(c).length > 0)) break;
    run++;
    expected--;
  }
  return run;
}

export const exactRepeatCall: GuardDetector = {
  beforeCall(spec: GuardSpec, view: RunView, call: CallRecord): GuardHit | undefined {
    const max = num(spec, "maxRepeats");
    if (max === undefined) return undefined;
    const run = repeatRun(view, call.key);
    if (run < max) return undefined;
    return { action: actionFor(spec, view), detail: `This is the same ${call.name} call ${run + 1} turns in a row.` };
  },
};
