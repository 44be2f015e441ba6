/** Retry and routing policy of prompt calls: temperatures, backoff delays, and which models a call may use. */
import type { ChatMessage } from "../model/types.js";
import { estimateMessagesTokens } from "../context/tokens.js";
import type { ModelRef, ModelSpec, RetrySpec } from "./spec.js";

/**
 * The temperature of attempt `retryIndex` (0 = first attempt). The first retry goes lower (the reply was probably
 * sloppy), the second higher (the model is stuck on one answer), and later ones keep rising a little. Rounded to two
 * decimals so requests are reproducible.
 */
export function retryTemperature(base: number, retryIndex: number): number {
  let t: number;
  if (retryIndex <= 0) t = base;
  else if (retryIndex === 1) t = base / 2;
  else t = Math.min(1.2, base + 0.3 + 0.1 * (retryIndex - 2));
  return Math.round(t * 100) / 100;
}

/** Milliseconds to wait before retry number `retry` (1-based). */
export function retryDelayMs(spec: RetrySpec, retry: number): number {
  switch (spec.backoff) {
    case "none":
      return 0;
    case "fixed":
      return spec.intervalMs;
    case "linear":
      return spec.intervalMs * retry;
    case "exponential":
      return spec.intervalMs * 2 ** Math.max(0, retry - 1);
  }
}

/**
 * The models a call may use, in order. A plain model is a chain of one. A router picks the first tier whose `max`
 * holds the prompt (its default when none does); escalation then moves to the later tiers and finally the fallback.
 */
export function modelChain(ref: ModelRef, messages: readonly ChatMessage[]): ModelSpec[] {
  if (ref.kind === "model") return [ref.model];
  const router = ref.router;
  const tokens = estimateMessagesTokens(messages);
  const index = router.tiers.findIndex((tier) => tokens <= tier.maxTokens);
  const chain = index < 0 ? [router.default] : router.tiers.slice(index).map((tier) => tier.model);
  if (router.fallback) chain.push(router.fallback);
  const seen = new Set<string>();
  return chain.filter((model) => (seen.has(model.name) ? false : (seen.add(model.name), true)));
}
