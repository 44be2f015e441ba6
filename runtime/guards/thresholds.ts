/**
 * Reading a guard's declared thresholds. Every number and list a detector uses comes from `spec.thresholds` (declared
 * in marrow/guards.marrow or a team override); a threshold that is missing or of the wrong type makes the check that
 * needs it inert rather than falling back to a number hidden in TypeScript.
 */
import type { RunView } from "../agent/guard-api.js";
import type { GuardAction, GuardSpec } from "../agent/spec.js";

/** A numeric threshold, or undefined when it is not declared (or not a number). */
export function num(spec: GuardSpec, key: string): number | undefined {
  const v = spec.thresholds[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** A list-of-words threshold (a single word counts as a one-item list); empty when not declared. */
export function words(spec: GuardSpec, key: string): readonly string[] {
  const v = spec.thresholds[key];
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((w): w is string => typeof w === "string");
  return [];
}

/**
 * The action for a hit: the declared `then` (or `base`, when a hook must adapt it), except that a steering guard which has already steered `maxSteers`
 * times in a row (no healthy turn in between) takes a different action instead: its `escalate` action when it
 * declares one, else a re-ask of the turn (`retry`, which the loop runs at another temperature).
 */
export function actionFor(spec: GuardSpec, view: RunView, base: GuardAction = spec.then): GuardAction {
  const maxSteers = num(spec, "maxSteers");
  if (base.kind === "steer" && maxSteers !== undefined && view.consecutiveSteers >= maxSteers) {
    const escalated = spec.escalate?.action;
    if (escalated && escalated.kind !== "steer") return escalated;
    return { kind: "retry", message: base.message };
  }
  return base;
}
