/** Every corpus case, asserted exactly: the intended calls (names and argument values, in order), or none. */
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { loadCorpus } from "./corpus.js";

const corpus = loadCorpus();

describe("tool-call corpus", () => {
  it("is large enough and at least a quarter negatives", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const negatives = corpus.filter((c) => c.expect.length === 0).length;
    expect(negatives / corpus.length).toBeGreaterThanOrEqual(0.25);
  });

  for (const c of corpus) {
    it(`${c.file}: ${c.name}`, () => {
      const result = parseToolCalls(c.input, c.tools, c.options);
      expect(result.calls.map((k) => ({ name: k.name, arguments: k.arguments }))).toEqual(c.expect);
      if (c.diagnostics) expect(result.diagnostics.map((d) => d.code)).toEqual(c.diagnostics);
    });
  }
});
