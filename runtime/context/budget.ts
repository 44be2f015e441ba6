/**
 * Budget arithmetic and the checks a BudgetSpec must pass. A spec comes from a `budget` declaration a team may edit,
 * so bad values come back as messages that say which field is wrong and what to write instead.
 */
import type { BudgetSpec } from "./types.js";

/** The prompt budget in tokens: window × contextShare − outputReserve − safetyMargin (never negative). */
export function promptBudget(window: number, spec: BudgetSpec): number {
  return Math.max(0, Math.floor(window * spec.contextShare) - spec.outputReserve - spec.safetyMargin);
}

export interface BudgetProblem {
  field: keyof BudgetSpec;
  /** An error makes the spec unusable; a warning means the engine will work, but badly. */
  severity: "error" | "warning";
  message: string;
}

/** Characters per token assumed for the warning below: code and logs run about 3-4; 4 errs towards fewer warnings. */
const CHARS_PER_TOKEN = 4;

/**
 * Problems with a spec; empty when it is sound. With `window`, also checks that the budget is positive and that the
 * kept recent turns can fit under compactTo (otherwise compaction thrashes).
 */
export function checkBudgetSpec(spec: BudgetSpec, window?: number): BudgetProblem[] {
  const problems: BudgetProblem[] = [];
  const share = (field: "contextShare" | "compactAt" | "compactTo", value: number): void => {
    if (!(value > 0 && value <= 1)) {
      problems.push({
        field,
        severity: "error",
        message: `budget ${spec.name}: ${field} is ${value}; write a share in (0, 1], e.g. 0.85.`,
      });
    }
  };
  const count = (field: "outputReserve" | "safetyMargin" | "keepRecentTurns", value: number): void => {
    if (!(Number.isInteger(value) && value >= 0)) {
      problems.push({
        field,
        severity: "error",
        message: `budget ${spec.name}: ${field} is ${value}; write a whole number, 0 or more.`,
      });
    }
  };
  share("contextShare", spec.contextShare);
  share("compactAt", spec.compactAt);
  share("compactTo", spec.compactTo);
  count("outputReserve", spec.outputReserve);
  count("safetyMargin", spec.safetyMargin);
  count("keepRecentTurns", spec.keepRecentTurns);
  if (!(Number.isInteger(spec.toolResultChars) && spec.toolResultChars >= 240)) {
    problems.push({
      field: "toolResultChars",
      severity: "error",
      message: `budget ${spec.name}: toolResultChars is ${spec.toolResultChars}; write at least 240 (e.g. 4k chars).`,
    });
  }
  if (spec.compactTo >= spec.compactAt) {
    problems.push({
      field: "compactTo",
      severity: "error",
      message: `budget ${spec.name}: compactTo is ${spec.compactTo}, not below compactAt (${spec.compactAt}); write a smaller share, or every turn would compact.`,
    });
  }
  if (window !== undefined) problems.push(...checkAgainstWindow(spec, window));
  return problems;
}

function checkAgainstWindow(spec: BudgetSpec, window: number): BudgetProblem[] {
  const budget = promptBudget(window, spec);
  if (budget <= 0) {
    return [
      {
        field: "outputReserve",
        severity: "error",
        message: `budget ${spec.name}: a ${window}-token window leaves no room for the prompt after outputReserve and safetyMargin; lower them or use a model with a larger window.`,
      },
    ];
  }
  const recent = Math.round((spec.keepRecentTurns * spec.toolResultChars) / CHARS_PER_TOKEN);
  if (recent > spec.compactTo * budget) {
    return [
      {
        field: "keepRecentTurns",
        severity: "warning",
        message:
          `budget ${spec.name}: ${spec.keepRecentTurns} kept turns of ${spec.toolResultChars}-char results (~${recent} tokens) ` +
          `do not fit under compactTo of a ${budget}-token budget, so compaction would run almost every turn; ` +
          `lower toolResultChars or keepRecentTurns for a ${window}-token window.`,
      },
    ];
  }
  return [];
}
