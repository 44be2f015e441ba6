import { describe, expect, it } from "vitest";
import { bootstrapMean, mcnemarExact, median, passAtK, signTest, wilson } from "../../bench/harness/stats.js";

describe("pass@k", () => {
  it.each([
    // n, c, k, expected (1 − C(n−c,k)/C(n,k))
    [10, 0, 1, 0],
    [10, 10, 5, 1],
    [10, 3, 1, 0.3],
    [5, 1, 2, 0.4], // 1 − C(4,2)/C(5,2) = 1 − 6/10
    [10, 2, 3, 1 - 56 / 120], // 1 − C(8,3)/C(10,3)
    [3, 1, 3, 1],
    [4, 0, 9, 0], // k clamped to n
  ])("n=%i c=%i k=%i → %f", (n, c, k, want) => {
    expect(passAtK(n, c, k)).toBeCloseTo(want, 12);
  });

  it("is 0 without attempts", () => expect(passAtK(0, 0, 1)).toBe(0));
});

describe("Wilson interval", () => {
  it("matches the textbook value for 8/10", () => {
    // Wilson 95 % for 8/10: [0.4902, 0.9433].
    const i = wilson(8, 10);
    expect(i.low).toBeCloseTo(0.4902, 3);
    expect(i.high).toBeCloseTo(0.9433, 3);
  });
  it("stays inside [0, 1] at the extremes", () => {
    expect(wilson(0, 5).low).toBe(0);
    expect(wilson(5, 5).high).toBe(1);
    expect(wilson(5, 5).low).toBeCloseTo(0.5655, 3);
  });
  it("is the whole range with no data", () => expect(wilson(0, 0)).toEqual({ low: 0, high: 1 }));
});

describe("exact tests", () => {
  it("sign test: two-sided binomial p-values", () => {
    expect(signTest(0, 5)).toBeCloseTo(0.0625, 10); // 2 · (1/2)^5
    expect(signTest(1, 10)).toBeCloseTo((2 * 11) / 1024, 10);
    expect(signTest(5, 10)).toBe(1);
    expect(signTest(0, 0)).toBe(1);
  });
  it("McNemar on discordant pairs b=1, c=9 (p ≈ 0.0215)", () => {
    expect(mcnemarExact(1, 9)).toBeCloseTo(0.021484375, 9);
    expect(mcnemarExact(9, 1)).toBeCloseTo(0.021484375, 9);
    expect(mcnemarExact(3, 4)).toBe(1);
  });
  it("handles hundreds of pairs without overflow", () => {
    const p = mcnemarExact(100, 160);
    expect(p).toBeGreaterThan(0.0001);
    expect(p).toBeLessThan(0.001);
  });
});

describe("bootstrap and median", () => {
  it("is reproducible for a seed and brackets the mean", () => {
    const xs = [0, 0, 1, 1, 1, 0.5, 1, 0, 1, 1];
    const a = bootstrapMean(xs, { seed: 3 });
    expect(bootstrapMean(xs, { seed: 3 })).toEqual(a);
    expect(a.low).toBeLessThan(0.65);
    expect(a.high).toBeGreaterThan(0.65);
    expect(bootstrapMean([1, 1, 1])).toEqual({ low: 1, high: 1 });
  });
  it("median of odd, even and empty lists", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
