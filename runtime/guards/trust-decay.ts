/**
 * trust_decay: a tool that keeps failing is demoted (offered last), then dropped (not offered, calls refused).
 *
 * Thresholds: `demoteAfter`, `dropAfter` (failures of one tool since its last success), `neverDrop` (tools that may
 * be demoted but are always kept). Only failures of the tool itself count: a shell command that ran and exited
 * non-zero (failing tests) is a result, not a failure of `bash`, and a call a guard refused is not the tool's fault.
 * afterCall steers once, when a tool crosses a threshold, naming it.
 */
import type { CallRecord, GuardDetector, GuardHit, RunView } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { isToolFailure, pastCalls } from "./history.js";
import { actionFor, num, words } from "./thresholds.js";

/** Failures of each tool since its last success, over `calls` in order. */
export function failureStreaks(calls: readonly CallRecord[]): Map<string, number> {
  const streaks = new Map<string, number>();
  for (const c of calls) {
    if (!c.known || c.outcome === undefined || c.handledBy !== undefined) continue;
    if (isToolFailure(c)) streaks.set(c.name, (streaks.get(c.name) ?? 0) + 1);
    else streaks.set(c.name, 0);
  }
  return streaks;
}

export const trustDecay: GuardDetector = {
  toolAvailability(spec: GuardSpec, view: RunView): { demote: string[]; drop: string[] } {
    const demoteAfter = num(spec, "demoteAfter");
    const dropAfter = num(spec, "dropAfter");
    const keep = new Set(words(spec, "neverDrop"));
    const demote: string[] = [];
    const drop: string[] = [];
    for (const [tool, failures] of failureStreaks(pastCalls(view))) {
      if (dropAfter !== undefined && failures >= dropAfter && !keep.has(tool)) drop.push(tool);
      else if (demoteAfter !== undefined && failures >= demoteAfter) demote.push(tool);
    }
    return { demote, drop };
  },

  afterCall(spec: GuardSpec, view: RunView, call: CallRecord): GuardHit | undefined {
    if (!isToolFailure(call)) return undefined;
    const failures = failureStreaks([...pastCalls(view), call]).get(call.name) ?? 0;
    const dropAfter = num(spec, "dropAfter");
    const dropped = failures === dropAfter && !words(spec, "neverDrop").includes(call.name);
    if (dropped) {
      return {
        action: actionFor(spec, view),
        detail: `${call.name} failed ${failures} times in a row; it is no longer offered.`,
      };
    }
    if (failures !== num(spec, "demoteAfter")) return undefined;
    return { action: actionFor(spec, view), detail: `${call.name} failed ${failures} times in a row.` };
  },
};
