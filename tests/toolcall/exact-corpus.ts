/** Asserts a blind tool-call corpus case by case: the intended calls (names and argument values, in order), or none. */
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { loadCorpus } from "./corpus.js";

export function describeExactCorpus(title: string, dir: string, minCases: number): void {
  const corpus = loadCorpus(dir);
  describe(title, () => {
    it(`has at least ${minCases} cases, at least 40% of them negatives`, () => {
      expect(corpus.length).toBeGreaterThanOrEqual(minCases);
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
}
