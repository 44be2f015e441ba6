/**
 * Second blind round: edits written before runtime/patch/ was read (see bench/patch/HELDOUT.md, "Second blind round").
 * Same verdicts as heldout.test.ts; a wrong apply fails the case, a must-refuse edit must be refused.
 */
import { describe, expect, it } from "vitest";
import { loadCorpus } from "./corpus.js";
import { scoreCase, scoreHeldout, summarize } from "./heldout-score.js";

const cases = loadCorpus(new URL("../fixtures/patches-blind2/", import.meta.url));

describe("second blind patch set", () => {
  it("has cases, at least 30% must-refuse", () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.expect.kind === "refuse").length / cases.length).toBeGreaterThanOrEqual(0.3);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const s = scoreCase(c);
    expect(s.verdict === "wrong-apply" ? s.detail : "", "a wrong apply").toBe("");
    if (c.expect.kind === "refuse") expect(s.verdict, s.detail).toBe("correct-refusal");
  });

  it("summary", () => {
    const s = scoreHeldout(cases);
    console.log(summarize(s));
    for (const c of s.cases) if (c.verdict !== "correct-apply" && c.verdict !== "correct-refusal") console.log(c);
    expect(s.wrongApplies).toBe(0);
  });
});
