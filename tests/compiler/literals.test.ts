import { describe, expect, it } from "vitest";
import { decodeNumber, decodeString, decodeTripleString } from "../../compiler/literals.js";

describe("decodeNumber", () => {
  const cases: [string, string | undefined, number, string | null, string, number][] = [
    ["40", undefined, 40, null, "count", 40],
    ["0.2", undefined, 0.2, null, "count", 0.2],
    ["2k", undefined, 2000, null, "count", 2000],
    ["1.1k", undefined, 1100, null, "count", 1100],
    ["1M", undefined, 1_000_000, null, "count", 1_000_000],
    ["4k", "chars", 4000, "chars", "chars", 4000],
    ["32k", "tokens", 32000, "tokens", "tokens", 32000],
    ["500ms", undefined, 500, "ms", "duration", 500],
    ["3s", undefined, 3, "s", "duration", 3000],
    ["10m", undefined, 10, "m", "duration", 600_000],
    ["1h", undefined, 1, "h", "duration", 3_600_000],
    ["85%", undefined, 85, "%", "percent", 0.85],
  ];
  for (const [raw, word, value, unit, dimension, normalized] of cases) {
    it(`${raw}${word ? ` ${word}` : ""}`, () => {
      const n = decodeNumber(raw, word);
      expect(n).toMatchObject({ value, unit, dimension });
      expect(n.normalized).toBeCloseTo(normalized);
      expect(n.unknownUnit).toBeUndefined();
    });
  }

  it("keeps unknown units for the checker", () => {
    expect(decodeNumber("8k", "bytes").unknownUnit).toBe("bytes");
    expect(decodeNumber("10x").unknownUnit).toBe("x");
    expect(decodeNumber("500ms", "tokens").unknownUnit).toBe("tokens");
  });
});

describe("strings", () => {
  it("resolves escapes", () => {
    expect(decodeString(String.raw`"a\nb\t\"c\"\\ \u{1F600}"`)).toBe('a\nb\t"c"\\ \u{1F600}');
  });

  it("keeps triple-quoted text, dropping the first line break and common indentation", () => {
    expect(decodeTripleString('"""Summarize.\n{{transcript}}"""')).toBe("Summarize.\n{{transcript}}");
    expect(decodeTripleString('"""\n    one\n      two\n    """')).toBe("one\n  two\n");
  });
});
