/**
 * Thresholds the detectors read that marrow/guards.marrow did not declare yet when these tests were written. Once
 * declared there, the declared values win (this only fills gaps).
 */
import type { GuardSpec, GuardThreshold } from "../../runtime/agent/spec.js";

const PLANNED: Record<string, Record<string, GuardThreshold>> = {
  patch_spiral: { tools: ["edit_file", "write_file"] },
  read_loop: { tools: ["read_file", "list_dir", "glob", "grep"] },
  dedup: { tools: ["read_file", "list_dir", "glob", "grep"] },
};

export function withPlannedThresholds(spec: GuardSpec): GuardSpec {
  return { ...spec, thresholds: { ...PLANNED[spec.detector], ...spec.thresholds } };
}
