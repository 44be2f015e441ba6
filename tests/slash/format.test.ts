import { describe, expect, it } from "vitest";
import { budgetBar, budgetLines, diffLines, formatDuration, formatTokens, shellCard } from "../../cli/slash/format.js";
import { expandReferences } from "../../cli/slash/references.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("format", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1.0k"],
    [31_500, "31.5k"],
    [131_072, "131k"],
  ])("tokens %i → %s", (n, s) => expect(formatTokens(n)).toBe(s));

  it.each([
    [0, "0s"],
    [59_999, "59s"],
    [61_000, "1m01s"],
    [3_720_000, "1h02m"],
  ])("duration %i → %s", (ms, s) => expect(formatDuration(ms)).toBe(s));

  it("draws the status bar in proportion and clamps an overfull window", () => {
    expect(budgetBar(8000, 32000, 8)).toBe("[██░░░░░░] 8.0k/32.0k");
    expect(budgetBar(0, 32000, 4)).toBe("[░░░░] 0/32.0k");
    expect(budgetBar(50_000, 32000, 4)).toBe("[████] 50.0k/32.0k");
  });

  it("/budget's bar has one glyph per part, free space and the reserve, and the rows add up", () => {
    const b = {
      window: 1000,
      budget: 800,
      system: 100,
      tools: 100,
      history: 200,
      toolResults: 100,
      pinned: 50,
      free: 250,
    };
    const out = budgetLines(b, 20);
    expect(out[1]?.text).toBe("[SSTTPHHHHRR·····▒▒▒▒]");
    expect(out.map((l) => l.text).join("\n")).toMatch(/free\s+250\s+25\.0%/);
    expect(out.map((l) => l.text).join("\n")).toMatch(/reserved \(output, margin\)\s+200\s+20\.0%/);
  });

  it("diffs with real line numbers and styles", () => {
    const out = diffLines("a\nb\nc\n", "a\nB\nc\n", 10, 1);
    expect(out.map((l) => `${l.style}|${l.text}`)).toEqual([
      "hunk|@@ -10,3 +10,3 @@",
      "dim| a",
      "del|-b",
      "add|+B",
      "dim| c",
    ]);
  });

  it("a shell card keeps the last lines of the output and says how many were left out", () => {
    const output = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const card = shellCard("npm test", 0, output, 3).map((l) => l.text);
    expect(card).toEqual(["$ npm test   exit 0", "  … 17 earlier lines", "  line 18", "  line 19", "  line 20"]);
    expect(shellCard("sleep 9", null, "")[0]?.style).toBe("error");
  });
});

describe("@path references", () => {
  it("names existing files for the model and warns about missing or outside paths", () => {
    const dir = mkdtempSync(join(tmpdir(), "smallcode-refs-"));
    try {
      writeFileSync(join(dir, "calc.js"), "");
      const r = expandReferences("fix @calc.js, see @nope.ts and @../etc/passwd; mail a@b.c", dir);
      expect(r.files).toEqual(["calc.js"]);
      expect(r.prompt).toBe(
        "fix @calc.js, see @nope.ts and @../etc/passwd; mail a@b.c\n\n(Referenced: calc.js. Read it before changing anything.)",
      );
      expect(r.warnings).toEqual([
        "@nope.ts does not exist in the project (Tab completes paths).",
        "@../etc/passwd is outside the project; the agent cannot read it.",
      ]);
      expect(expandReferences("plain", dir)).toEqual({ prompt: "plain", files: [], warnings: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
