/**
 * read_before_write: the first write to an existing file the model has not read in this run is refused.
 *
 * Threshold: `appliesTo` (the writing tools). A new file may be written without a read; an existing one may be
 * written once the model has read it, or after one of its own writes to it succeeded (it knows what it wrote).
 */
import type { CallRecord, GuardDetector, GuardHit, RunView } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { pastCalls } from "./history.js";
import { actionFor, words } from "./thresholds.js";

function knownToModel(view: RunView, path: string, writers: ReadonlySet<string>): boolean {
  if (view.filesRead.has(path)) return true;
  return pastCalls(view).some((c) => c.path === path && writers.has(c.name) && c.outcome?.ok === true);
}

export const readBeforeWrite: GuardDetector = {
  beforeCall(spec: GuardSpec, view: RunView, call: CallRecord): GuardHit | undefined {
    const writers = new Set(words(spec, "appliesTo"));
    if (!writers.has(call.name) || call.path === undefined || !view.fileExists(call.path)) return undefined;
    if (knownToModel(view, call.path, writers)) return undefined;
    return {
      action: actionFor(spec, view),
      detail: `${call.path} exists and you have not read it in this run. Call read_file with {"path": ${JSON.stringify(call.path)}} first, then send your change again.`,
    };
  },
};
