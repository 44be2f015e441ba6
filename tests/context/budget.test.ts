import { describe, expect, it } from "vitest";
import { checkBudgetSpec, promptBudget } from "../../runtime/context/budget.js";
import { DEFAULT_BUDGET, type BudgetSpec } from "../../runtime/context/types.js";

const spec = (over: Partial<BudgetSpec>): BudgetSpec => ({ ...DEFAULT_BUDGET, ...over });

describe("promptBudget", () => {
  // [window, contextShare, outputReserve, safetyMargin, budget]
  const cases: Array<[number, number, number, number, number]> = [
    [32768, 0.85, 2048, 256, 25548],
    [8192, 1, 1024, 0, 7168],
    [4096, 0.5, 2048, 256, 0],
  ];
  it.each(cases)("window %i share %f reserve %i margin %i -> %i", (window, share, reserve, margin, expected) => {
    expect(promptBudget(window, spec({ contextShare: share, outputReserve: reserve, safetyMargin: margin }))).toBe(
      expected,
    );
  });
});

describe("checkBudgetSpec", () => {
  // [label, overrides, field reported or null]
  const cases: Array<[string, Partial<BudgetSpec>, string | null]> = [
    ["the default is valid", {}, null],
    ["share above 1", { contextShare: 85 }, "contextShare"],
    ["negative reserve", { outputReserve: -1 }, "outputReserve"],
    ["tiny tool result cap", { toolResultChars: 10 }, "toolResultChars"],
    ["compactTo not below compactAt", { compactAt: 0.5, compactTo: 0.6 }, "compactTo"],
    ["fractional keepRecentTurns", { keepRecentTurns: 1.5 }, "keepRecentTurns"],
  ];
  it.each(cases)("%s", (_label, over, field) => {
    const problems = checkBudgetSpec(spec(over));
    if (field === null) expect(problems).toEqual([]);
    else expect(problems.map((p) => p.field)).toContain(field);
    for (const p of problems) expect(p.message).toMatch(/^budget default: .*; /);
  });

  // [window, budget overrides, expected problems as "severity field"]
  const windows: Array<[number, Partial<BudgetSpec>, string[]]> = [
    [2048, {}, ["error outputReserve"]],
    [8192, {}, ["warning keepRecentTurns"]],
    [8192, { toolResultChars: 1500, keepRecentTurns: 2 }, []],
    [32768, {}, []],
  ];
  it.each(windows)("checks against a %i-token window: %j -> %j", (window, over, expected) => {
    const problems = checkBudgetSpec(spec(over), window);
    expect(problems.map((p) => `${p.severity} ${p.field}`)).toEqual(expected);
  });

  it("says why a window is too small and what to change", () => {
    expect(checkBudgetSpec(DEFAULT_BUDGET, 2048)[0]?.message).toContain(
      "a 2048-token window leaves no room for the prompt",
    );
    expect(checkBudgetSpec(DEFAULT_BUDGET, 8192)[0]?.message).toMatch(
      /compaction would run almost every turn; lower toolResultChars or keepRecentTurns/,
    );
  });
});
