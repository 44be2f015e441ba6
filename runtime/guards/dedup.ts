/**
 * dedup: an identical read-only call within a window is answered from the earlier result instead of running again.
 *
 * Thresholds: `tools` (the read-only tools that may be answered so), `window` (how many turns back an earlier result
 * may come from). The earlier result is not reused when anything may have changed what it saw since: a call that
 * touched its file (or a file under its folder; for a call without a path, any file); a command
 * (bash) may change anything, so one that ran in between also invalidates. The declared message is appended.
 */
import type { BeforeCallVerdict, CallRecord, GuardDetector, RunView } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { commandRan, filesTouched, turnsSince } from "./history.js";
import { num, words } from "./thresholds.js";

/** Whether a change to `file` can change what a call scoped to `scope` (a file or a folder) saw. */
function covers(scope: string | undefined, file: string): boolean {
  if (scope === undefined || scope === "." || scope === "") return true;
  return file === scope || file.startsWith(`${scope.replace(/\/+$/, "")}/`);
}

function invalidates(later: CallRecord, earlier: CallRecord): boolean {
  if (commandRan(later)) return true;
  return filesTouched(later).some((f) => covers(earlier.path, f));
}

/** The latest earlier call with the same key whose result is still valid, searched within the window. */
export function reusable(view: RunView, call: CallRecord, window: number): CallRecord | undefined {
  const calls = turnsSince(view, view.turn - window).flatMap((t) => t.calls);
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i];
    if (!c || c.key !== call.key || c.handledBy !== undefined || c.outcome?.ok !== true) continue;
    return calls.slice(i + 1).some((later) => invalidates(later, c)) ? undefined : c;
  }
  return undefined;
}

export const dedup: GuardDetector = {
  beforeCall(spec: GuardSpec, view: RunView, call: CallRecord): BeforeCallVerdict | undefined {
    const window = num(spec, "window");
    if (window === undefined || !words(spec, "tools").includes(call.name)) return undefined;
    const earlier = reusable(view, call, window);
    if (!earlier?.outcome) return undefined;
    const note = spec.then.kind === "steer" || spec.then.kind === "reject" ? spec.then.message : undefined;
    const detail = `[${note ?? "Answered from an earlier identical call."} (turn ${earlier.turn})]`;
    return { answer: earlier.outcome, detail };
  },
};
