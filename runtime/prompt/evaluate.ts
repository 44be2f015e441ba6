/**
 * Running an `evaluation`: call its prompt once per case, compare with the expectation, and hold the pass rate
 * against the baseline. Never throws; a failed call is a failed case with its reason.
 */
import type { PromptFunction, PromptRuntime } from "./run-prompt.js";
import { stableStringify } from "./cache.js";
import type { EvaluationSpec, Expectation } from "./spec.js";

export interface CaseOutcome {
  index: number;
  passed: boolean;
  /** What the prompt returned, or why it failed. */
  got: string;
  expect: Expectation;
}

export interface EvaluationReport {
  name: string;
  passed: number;
  total: number;
  passRate: number;
  minPassRate: number;
  /** The pass rate meets the baseline. */
  ok: boolean;
  cases: CaseOutcome[];
}

export async function runEvaluation(
  spec: EvaluationSpec,
  prompts: Readonly<Record<string, PromptFunction>>,
  runtime: PromptRuntime,
): Promise<EvaluationReport> {
  const prompt = prompts[spec.prompt];
  const cases: CaseOutcome[] = [];
  for (const [index, c] of spec.cases.entries()) {
    if (!prompt) {
      cases.push({ index, passed: false, got: `no prompt named ${spec.prompt}`, expect: c.expect });
      continue;
    }
    // The input comes from the declaration, whose keys the checker matched to the prompt's parameters.
    const result = await prompt(c.input as never, runtime);
    const got = result.ok ? (typeof result.value === "string" ? result.value : stableStringify(result.value)) : "";
    const passed = result.ok && meets(result.value, got, c.expect);
    cases.push({ index, passed, got: result.ok ? got : `${result.reason}: ${result.message}`, expect: c.expect });
  }
  const passed = cases.filter((c) => c.passed).length;
  const total = cases.length;
  const passRate = total === 0 ? 1 : passed / total;
  const minPassRate = spec.baseline.minPassRate;
  return { name: spec.name, passed, total, passRate, minPassRate, ok: passRate >= minPassRate, cases };
}

function meets(value: unknown, text: string, expect: Expectation): boolean {
  switch (expect.kind) {
    case "contains":
      return text.includes(expect.text);
    case "not_contains":
      return !text.includes(expect.text);
    case "matches":
      return new RegExp(expect.pattern).test(text);
    case "equals":
      return typeof expect.value === "string"
        ? text.trim() === expect.value
        : stableStringify(value) === stableStringify(expect.value);
    case "valid":
      return true;
  }
}
