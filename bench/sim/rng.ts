/**
 * A small seeded random number generator (mulberry32), so a simulator run is reproducible from its seed: the same
 * task, profile, seed and conversation give the same replies.
 */

/** FNV-1a over a string, for mixing names into a seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  /** A generator from a seed and optional salts (task id, turn …): each combination gives its own stream. */
  constructor(seed: number, ...salt: (string | number)[]) {
    this.state = (hash(`${seed}|${salt.join("|")}`) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.pick: no items to pick from");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A key chosen in proportion to its weight; keys with weight 0 are never chosen. Undefined when all are 0. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K | undefined {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((n, [, w]) => n + Math.max(0, w), 0);
    if (total <= 0) return undefined;
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return k;
    }
    return entries[entries.length - 1]?.[0];
  }
}
