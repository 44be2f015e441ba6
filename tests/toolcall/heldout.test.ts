/**
 * The held-out corpus (tests/fixtures/toolcalls-heldout/): real-format small-model outputs written blind, without
 * reading the parser or its own corpus. Every case is asserted exactly: the intended calls (names and argument values,
 * in order), or none. Scores are recorded in bench/toolcall/HELDOUT.md (`npx tsx bench/toolcall/heldout.ts`).
 */
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { HELDOUT_DIR, loadCorpus } from "./corpus.js";

const corpus = loadCorpus(HELDOUT_DIR);

describe("held-out tool-call corpus", () => {
  it("has at least 150 cases, at least 40% of them negatives", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const negatives = corpus.filter((c) => c.expect.length === 0).length;
    expect(negatives / corpus.length).toBeGreaterThanOrEqual(0.4);
  });

  for (const c of corpus) {
    it(`${c.file}: ${c.name}`, () => {
      const result = parseToolCalls(c.input, c.tools, c.options);
      expect(result.calls.map((k) => ({ name: k.name, arguments: k.arguments }))).toEqual(c.expect);
    });
  }
});
