import { describe, expect, it } from "vitest";
import { runFlawedEdits } from "../../bench/patch/flawed-edits.js";
import { loadCorpus } from "./corpus.js";

const files = [...new Set(loadCorpus().map((c) => c.content))].filter((c) => c.split("\n").length > 3);

describe("generated flawed edits (one intended line change, small-model habits on top)", () => {
  it.each([1, 2, 3])("seed %i: never applies a wrong edit, and applies most of them", (seed) => {
    const t = runFlawedEdits(files, seed, 600);
    expect(t.examples.map((e) => JSON.stringify(e))).toEqual([]);
    expect(t.wrong).toBe(0);
    expect(t.correct / (t.correct + t.refused + t.wrong)).toBeGreaterThan(0.8);
  });
});
