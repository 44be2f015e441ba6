/** `evaluation` declarations → generated/evaluations.ts (EvaluationSpec constants). */
import type { EvaluationDecl, Value } from "../ast.js";
import { getEntry } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, code, print, recordOf, type Printable } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { asNumber, asString, plain } from "./values.js";

export function emitEvaluations(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Evaluation");
  const statements = decls.map(
    (e) => `export const ${bindingName(e.name)}: EvaluationSpec = ${print(evaluationSpec(ctx, e))};`,
  );
  statements.push(
    `/** Every declared evaluation, by name. */\nexport const evaluations: Readonly<Record<string, EvaluationSpec>> = ${recordOf(decls.map((e) => e.name))};`,
  );
  return {
    file: "evaluations.ts",
    sources: decls,
    imports: [
      { module: ctx.runtime.prompt, names: ["EvaluationSpec"], typeOnly: true },
      { module: "./models.js", names: [], namespace: "models" },
    ],
    statements,
  };
}

function evaluationSpec(ctx: EmitContext, evaluation: EvaluationDecl): Record<string, Printable> {
  const casesValue = ctx.field(evaluation, "cases")?.value;
  const cases: Printable[] = [];
  if (casesValue?.kind === "List") {
    for (const item of casesValue.items) {
      if (item.kind !== "Map") {
        ctx.unsupported(undefined, item, "a case { input: { … }, expect: … }");
        continue;
      }
      const input = getEntry(item, "input");
      const expect = getEntry(item, "expect");
      cases.push({ input: input ? plain(input) : {}, expect: expect ? expectation(ctx, expect) : { kind: "valid" } });
    }
  }
  const modelName = asString(ctx.field(evaluation, "model")?.value);
  const baseline = ctx.field(evaluation, "baseline")?.value;
  const minPassRate = baseline?.kind === "Map" ? asNumber(getEntry(baseline, "min_pass_rate")) : undefined;
  return {
    name: evaluation.name,
    prompt: asString(ctx.field(evaluation, "prompt")?.value) ?? "",
    model: modelName === undefined ? undefined : code(`models.${bindingName(modelName)}`),
    cases,
    baseline: { minPassRate: minPassRate ?? 1 },
  };
}

function expectation(ctx: EmitContext, value: Value): Printable {
  if (value.kind === "Ident" && value.name === "valid") return { kind: "valid" };
  if (value.kind === "Call") {
    const [arg] = value.args;
    if (value.callee === "contains") return { kind: "contains", text: asString(arg) ?? "" };
    if (value.callee === "not_contains") return { kind: "not_contains", text: asString(arg) ?? "" };
    if (value.callee === "matches") return { kind: "matches", pattern: asString(arg) ?? "" };
    if (value.callee === "equals") return { kind: "equals", value: arg ? plain(arg) : null };
  }
  if (value.kind === "String" || value.kind === "Number" || value.kind === "Bool")
    return { kind: "equals", value: plain(value) };
  ctx.unsupported(undefined, value, 'contains("…"), matches("…"), equals(value) or valid');
  return { kind: "valid" };
}
