/** Stage transitions: `next: verify`, `on_fail: retry(act, 2)`, `next: done`. */
import type { Value } from "../ast.js";
import type { CheckContext, Scope } from "./context.js";
import { describeValue } from "./describe.js";
import { TERMINALS } from "./field-tables.js";
import { didYouMean } from "./suggest.js";

/** The stage a transition leads to (undefined for done/abort or a malformed value). */
export function transitionTarget(v: Value): string | undefined {
  if (v.kind === "Ident") return TERMINALS.includes(v.name) ? undefined : v.name;
  if (v.kind === "Call" && v.callee === "retry" && v.args[0]?.kind === "Ident") return v.args[0].name;
  return undefined;
}

/** Does this transition end the run? */
export function isTerminal(v: Value): boolean {
  return v.kind === "Ident" && TERMINALS.includes(v.name);
}

function checkStageName(ctx: CheckContext, scope: Scope, v: Value & { kind: "Ident" }): void {
  const stages = scope.stages ?? [];
  if (TERMINALS.includes(v.name) || stages.includes(v.name)) return;
  const hint = didYouMean(v.name, [...stages, ...TERMINALS], `Stages: ${[...stages, ...TERMINALS].join(", ")}.`);
  ctx.report("MS2001", v.span, { what: "Stage", name: v.name }, hint);
}

export function checkTransition(ctx: CheckContext, scope: Scope, name: string, v: Value): void {
  const expected = "a stage name, done, abort or retry(stage, n)";
  if (v.kind === "Ident") return checkStageName(ctx, scope, v);
  if (v.kind !== "Call") return ctx.report("MS2004", v.span, { name, expected, found: describeValue(v) });
  if (v.callee !== "retry") {
    const hint = didYouMean(v.callee, ["retry"], "Functions here: retry(stage, n).");
    return ctx.report("MS2023", v.calleeSpan, { name: v.callee, known: "retry" }, hint);
  }
  const [stage, count, ...extra] = v.args;
  const countOk =
    count?.kind === "Number" && count.dimension === "count" && Number.isInteger(count.value) && count.value >= 1;
  if (stage?.kind !== "Ident" || !countOk || extra.length > 0) {
    return ctx.report("MS2024", v.span, {
      name: "retry",
      problem: "takes a stage and a positive count: retry(act, 2)",
    });
  }
  checkStageName(ctx, scope, stage);
}
