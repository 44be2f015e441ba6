/**
 * patch_spiral: edits to one file keep failing.
 *
 * Thresholds: `failuresPerFile` (failed edits of one file, since its last successful edit, before the guard fires),
 * `tools` (the edit tools whose failures count). Fires after each failed edit from the `failuresPerFile`-th on; the
 * declared steer says to re-read the file and make a smaller edit, and the declared `escalate` (after N triggers)
 * says to write the whole file instead. The detail names the file.
 */
import type { CallRecord, GuardDetector, GuardHit, RunView } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { pastCalls } from "./history.js";
import { actionFor, num, words } from "./thresholds.js";

/** Failed edits of `path` since its last successful edit, counting `call` (the one that just ran). */
export function failedEditsOf(view: RunView, path: string, tools: ReadonlySet<string>, call: CallRecord): number {
  let failures = 0;
  for (const c of [...pastCalls(view), call]) {
    if (c.path !== path || !tools.has(c.name) || c.handledBy !== undefined) continue;
    failures = c.outcome?.ok ? 0 : failures + 1;
  }
  return failures;
}

export const patchSpiral: GuardDetector = {
  afterCall(spec: GuardSpec, view: RunView, call: CallRecord): GuardHit | undefined {
    const limit = num(spec, "failuresPerFile");
    const tools = new Set(words(spec, "tools"));
    if (limit === undefined || call.path === undefined || !tools.has(call.name)) return undefined;
    if (call.outcome?.ok !== false || call.handledBy !== undefined) return undefined;
    const failures = failedEditsOf(view, call.path, tools, call);
    if (failures < limit) return undefined;
    return { action: actionFor(spec, view), detail: `${failures} edits of ${call.path} have failed in a row.` };
  },
};
