/**
 * Adaptive retry temperature across attempts at the same failed step: the first re-ask goes cooler (a flaky, noisy
 * reply often comes right when sampled more greedily), later ones go warmer (a model stuck on one wrong answer needs
 * to be shaken out of it). The schedule's numbers are declared in marrow/ (guard `retry_temperature`), read with
 * `retrySchedule(spec)`.
 */
import type { GuardSpec } from "../agent/spec.js";
import { num } from "./thresholds.js";

export interface RetrySchedule {
  /** The first re-ask uses `base × lowerFactor`. */
  lowerFactor: number;
  /** Each later re-ask adds `step` to the base. */
  step: number;
  /** Never above this. */
  max: number;
}

/** The schedule a `retry_temperature` guard declares; undefined when a field is missing (the loop keeps `base`). */
export function retrySchedule(spec: GuardSpec | undefined): RetrySchedule | undefined {
  if (!spec) return undefined;
  const lowerFactor = num(spec, "lowerFactor");
  const step = num(spec, "step");
  const max = num(spec, "max");
  if (lowerFactor === undefined || step === undefined || max === undefined) return undefined;
  return { lowerFactor, step, max };
}

const round = (t: number): number => Math.round(t * 100) / 100;

/**
 * The temperature for attempt `attempt` (0 = the first try) of one step. Without a schedule every attempt uses
 * `base`. When the base is already 0 there is nothing cooler, so the warmer schedule starts at once.
 */
export function retryTemperature(base: number, attempt: number, schedule: RetrySchedule | undefined): number {
  if (attempt <= 0 || !schedule) return base;
  const warmer = (k: number): number => round(Math.min(schedule.max, Math.max(base, base + schedule.step * k)));
  const cooler = round(Math.max(0, base * schedule.lowerFactor));
  if (cooler >= base) return warmer(attempt);
  return attempt === 1 ? cooler : warmer(attempt - 1);
}
