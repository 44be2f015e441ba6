/**
 * The held-out set: real small-model habits, written blind before the patcher was read (see bench/patch/HELDOUT.md).
 * The bar: zero wrong applies, at least 90% of the clear edits applied, every must-refuse edit refused, and every
 * refusal showing the closest lines of the file with their numbers.
 */
import { describe, expect, it } from "vitest";
import { habitsNamed, loadHeldout, scoreCase, scoreHeldout } from "./heldout-score.js";

const cases = loadHeldout();

describe("held-out patch set", () => {
  it("has at least 120 cases, at least 30% must-refuse, each naming its habit", () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(cases.filter((c) => c.expect.kind === "refuse").length / cases.length).toBeGreaterThanOrEqual(0.3);
    const unnamed = habitsNamed().filter((h) => !h.named);
    expect(unnamed.map((h) => h.id)).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const s = scoreCase(c);
    expect(s.verdict === "wrong-apply" ? s.detail : "", "a wrong apply").toBe("");
    if (c.expect.kind === "refuse") {
      expect(s.verdict).toBe("correct-refusal");
      if (s.showsClosest !== null) expect(s.showsClosest, `closest lines missing from:\n${s.detail}`).toBe(true);
    }
    // A miss (a clear edit refused) is allowed case by case; the whole-set test below holds misses under 10%.
  });

  it("meets the bar as a whole: no wrong apply, ≥ 90% of clear edits applied", () => {
    const s = scoreHeldout(cases);
    expect(s.wrongApplies).toBe(0);
    expect(s.correctApplies / s.applies).toBeGreaterThanOrEqual(0.9);
    expect(s.correctRefusals).toBe(s.refusals);
    expect(s.refusalsShowingClosest).toBe(s.refusalsJudged);
  });
});
