/**
 * The second blind held-out corpus (tests/fixtures/toolcalls-blind2/): replies written without reading the parser or
 * any earlier corpus case, over the core tools and three invented tool sets. Every case is asserted exactly: the
 * intended calls (names and argument values, in order), or none. Scores are recorded in bench/toolcall/HELDOUT.md
 * (`npx tsx bench/toolcall/blind2.ts --list`).
 */
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { BLIND2_DIR, loadCorpus } from "./corpus.js";

const corpus = loadCorpus(BLIND2_DIR);

describe("second blind tool-call corpus", () => {
  it("has at least 160 cases, at least 40% of them negatives", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(160);
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
