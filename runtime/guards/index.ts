/**
 * The guard detectors, one per file, registered by the detector name a GuardSpec names. The loop takes
 * `defaultGuardRegistry` from here (runtime/agent/guard-registry.ts); declarations live in marrow/guards.marrow.
 */
import type { GuardRegistry } from "../agent/guard-api.js";
import { dedup } from "./dedup.js";
import { emptyTurn } from "./empty-turn.js";
import { exactRepeatCall } from "./exact-repeat-call.js";
import { greetingRegression } from "./greeting-regression.js";
import { hallucinatedTool } from "./hallucinated-tool.js";
import { limits } from "./limits.js";
import { patchSpiral } from "./patch-spiral.js";
import { prematureFinish } from "./premature-finish.js";
import { readBeforeWrite } from "./read-before-write.js";
import { readLoop } from "./read-loop.js";
import { repetition } from "./repetition.js";
import { trustDecay } from "./trust-decay.js";

export const defaultGuardRegistry: GuardRegistry = {
  repetition,
  patch_spiral: patchSpiral,
  greeting_regression: greetingRegression,
  premature_finish: prematureFinish,
  read_loop: readLoop,
  empty_turn: emptyTurn,
  hallucinated_tool: hallucinatedTool,
  exact_repeat_call: exactRepeatCall,
  read_before_write: readBeforeWrite,
  dedup,
  trust_decay: trustDecay,
  limits,
};

export { closestTools, nameSimilarity } from "./closest-tools.js";
export { retrySchedule, retryTemperature, type RetrySchedule } from "./retry-temperature.js";
export { repeatedSegments, tailLoop, type SegmentRepeat, type TailLoop } from "./text-repeat.js";
export { actionFor } from "./thresholds.js";
export { reachedLimit } from "./limits.js";
