/**
 * The statistics the harness reports: pass@k (the unbiased estimator of Chen et al. 2021), Wilson score intervals for
 * proportions, a seeded percentile bootstrap over tasks, and the exact two-sided binomial (sign / McNemar) test.
 */
import type { Interval } from "./types.js";

/**
 * Unbiased pass@k for one task with `n` attempts of which `c` passed: 1 − C(n−c, k) / C(n, k), computed as a product
 * so large n does not overflow. k is clamped to n.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (n <= 0) return 0;
  const kk = Math.min(k, n);
  if (n - c < kk) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - kk / i;
  return 1 - fail;
}

/** Wilson score interval for `successes` out of `n` at the given z (1.96 ≈ 95 %). */
export function wilson(successes: number, n: number, z = 1.96): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A small seeded PRNG (mulberry32), so bootstrap intervals are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (pos - lo);
}

export interface BootstrapOptions {
  iterations?: number;
  seed?: number;
  /** Two-sided coverage (default 0.95). */
  level?: number;
}

/** Percentile bootstrap interval of the mean of `values` (one value per task: resampling tasks, not attempts). */
export function bootstrapMean(values: readonly number[], o: BootstrapOptions = {}): Interval {
  if (values.length === 0) return { low: 0, high: 0 };
  const iterations = o.iterations ?? 2000;
  const level = o.level ?? 0.95;
  const next = rng(o.seed ?? 1);
  const means: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let sum = 0;
    for (let j = 0; j < values.length; j++) sum += values[Math.floor(next() * values.length)] ?? 0;
    means.push(sum / values.length);
  }
  means.sort((a, b) => a - b);
  return { low: quantile(means, (1 - level) / 2), high: quantile(means, 1 - (1 - level) / 2) };
}

/** log C(n, k), via log-gamma-free summation (n here is at most a few thousand). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * Exact two-sided binomial test of `k` successes in `n` trials against p = ½ (the sign test; on discordant pairs it
 * is the exact McNemar test). Returns the p-value: 2 · P(X ≤ min(k, n−k)), capped at 1.
 */
export function signTest(k: number, n: number): number {
  if (n === 0) return 1;
  const m = Math.min(k, n - k);
  let tail = 0;
  for (let i = 0; i <= m; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

/** Exact McNemar test: `b` pairs passed only in A, `c` only in B. */
export function mcnemarExact(b: number, c: number): number {
  return signTest(b, b + c);
}
