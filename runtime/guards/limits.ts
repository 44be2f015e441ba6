/**
 * limits: hard limits on turns, tokens and wall time, so every run ends.
 *
 * Thresholds: `maxTurns` (model turns), `maxTokens` (prompt + completion tokens), `maxWallTime` (milliseconds).
 * Checked before each model request: a turn beyond the limit is not started.
 */
import type { GuardDetector, GuardHit, RunView } from "../agent/guard-api.js";
import type { GuardAction, GuardSpec } from "../agent/spec.js";
import { num } from "./thresholds.js";

function stopWith(spec: GuardSpec, why: string): GuardHit {
  const action: GuardAction = spec.then.kind === "stop" ? spec.then : { kind: "stop", reason: why };
  return { action, detail: why };
}

/** Which limit, if any, the run has reached before starting turn `view.turn`. */
export function reachedLimit(spec: GuardSpec, view: RunView): string | undefined {
  const turns = num(spec, "maxTurns");
  const tokens = num(spec, "maxTokens");
  const wall = num(spec, "maxWallTime");
  if (turns !== undefined && view.turn > turns) return `The turn limit (${turns}) was reached.`;
  if (tokens !== undefined && view.tokensUsed >= tokens) {
    return `The token limit (${tokens}) was reached: ${view.tokensUsed} tokens used.`;
  }
  if (wall !== undefined && view.elapsedMs >= wall) {
    return `The time limit (${Math.round(wall / 1000)} s) was reached.`;
  }
  return undefined;
}

export const limits: GuardDetector = {
  beforeTurn(spec: GuardSpec, view: RunView): GuardHit | undefined {
    const why = reachedLimit(spec, view);
    return why === undefined ? undefined : stopWith(spec, why);
  },
};
