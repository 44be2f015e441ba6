import { describe, expect, it } from "vitest";
import { capToolResult, MIN_CAP_CHARS } from "../../runtime/context/truncate.js";

const numbered = (n: number, width = 40): string =>
  Array.from({ length: n }, (_, i) => `line ${String(i + 1).padStart(4, "0")} ${"x".repeat(width)}`).join("\n");

describe("capToolResult", () => {
  // [label, text, cap, truncated]
  const cases: Array<[string, string, number, boolean]> = [
    ["short text is untouched", "hello\nworld", 4000, false],
    ["exactly at the cap is untouched", "a".repeat(500), 500, false],
    ["200 lines over a 4000 cap", numbered(200), 4000, true],
    ["2000 lines over a 1000 cap", numbered(2000), 1000, true],
    ["one huge line", "y".repeat(50_000), 1000, true],
    ["caps below the minimum are raised", numbered(100), 10, true],
  ];
  it.each(cases)("%s", (_label, text, cap, truncated) => {
    const r = capToolResult(text, cap);
    expect(r.truncated).toBe(truncated);
    expect(r.text.length).toBeLessThanOrEqual(Math.max(cap, MIN_CAP_CHARS));
    if (!truncated) expect(r.text).toBe(text);
  });

  it("keeps the head and tail on whole lines and says which lines were cut and how to see them", () => {
    const text = numbered(300);
    const r = capToolResult(text, 2000);
    const original = new Set(text.split("\n"));
    const shown = r.text.split("\n");
    const note = shown.find((l) => l.startsWith("[…"));
    expect(note).toMatch(/lines \d+-\d+ of 300 omitted \(\d+ chars\)\. To see them, read that line range or grep/);
    for (const line of shown) if (line !== note) expect(original.has(line)).toBe(true);
    expect(shown[0]).toBe("line 0001 " + "x".repeat(40));
    expect(shown[shown.length - 1]).toBe("line 0300 " + "x".repeat(40));
    const [, first, last] = /lines (\d+)-(\d+)/.exec(note ?? "") ?? [];
    expect(Number(last) - Number(first) + 1).toBe(r.omittedLines);
    expect(shown.length - 1 + r.omittedLines).toBe(300);
  });

  it("uses the caller's hint", () => {
    expect(capToolResult(numbered(300), 1000, "Re-run with | tail -50.").text).toContain("Re-run with | tail -50.]");
  });
});
