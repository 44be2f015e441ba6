/**
 * Stage transitions: `next: verify`, `next: done`, `on_fail: retry(act, 2)`, `on_fail: retry(act, 2, rollback)`,
 * `on_fail: goto(act)`, `on_fail: rollback`, `on_fail: stop`.
 */
import type { Value } from "../ast.js";
import type { CheckContext, Scope } from "./context.js";
import { describeValue } from "./describe.js";
import { TERMINALS } from "./field-tables.js";
import { didYouMean } from "./suggest.js";

const EXPECTED = "a stage name, done, stop, rollback, goto(stage) or retry(stage, n)";

/** The stages a transition may lead to (none for done/stop/rollback or a malformed value). */
export function transitionTargets(v: Value): string[] {
  if (v.kind === "Ident") return TERMINALS.includes(v.name) ? [] : [v.name];
  if (v.kind !== "Call" || (v.callee !== "retry" && v.callee !== "goto")) return [];
  const [stage, , otherwise] = v.args;
  const first = stage?.kind === "Ident" && !TERMINALS.includes(stage.name) ? [stage.name] : [];
  return otherwise === undefined ? first : [...first, ...transitionTargets(otherwise)];
}

/** Can this transition end the run (directly, or after its retries run out)? */
export function isTerminal(v: Value): boolean {
  if (v.kind === "Ident") return TERMINALS.includes(v.name);
  if (v.kind === "Call" && v.callee === "retry") {
    const otherwise = v.args[2];
    return otherwise === undefined || isTerminal(otherwise);
  }
  return false;
}

function checkStageName(ctx: CheckContext, scope: Scope, v: Value & { kind: "Ident" }): void {
  const stages = scope.stages ?? [];
  if (TERMINALS.includes(v.name) || stages.includes(v.name)) return;
  const known = [...stages, ...TERMINALS];
  ctx.report(
    "MS2001",
    v.span,
    { what: "Stage", name: v.name },
    didYouMean(v.name, known, `Stages: ${known.join(", ")}.`),
  );
}

function checkGoto(ctx: CheckContext, scope: Scope, v: Value & { kind: "Call" }): void {
  const [stage, ...extra] = v.args;
  if (stage?.kind !== "Ident" || extra.length > 0) {
    ctx.report("MS2024", v.span, { name: "goto", problem: "takes one stage name: goto(act)" });
    return;
  }
  checkStageName(ctx, scope, stage);
}

function checkRetry(ctx: CheckContext, scope: Scope, name: string, v: Value & { kind: "Call" }): void {
  const [stage, count, otherwise, ...extra] = v.args;
  const countOk =
    count?.kind === "Number" && count.dimension === "count" && Number.isInteger(count.value) && count.value >= 1;
  if (stage?.kind !== "Ident" || !countOk || extra.length > 0) {
    const problem = "takes a stage, a positive count and optionally what to do then: retry(act, 2, rollback)";
    ctx.report("MS2024", v.span, { name: "retry", problem });
    return;
  }
  checkStageName(ctx, scope, stage);
  if (otherwise !== undefined) checkTransition(ctx, scope, name, otherwise);
}

export function checkTransition(ctx: CheckContext, scope: Scope, name: string, v: Value): void {
  if (v.kind === "Error") return;
  if (v.kind === "Ident") return checkStageName(ctx, scope, v);
  if (v.kind !== "Call") return ctx.report("MS2004", v.span, { name, expected: EXPECTED, found: describeValue(v) });
  if (v.callee === "goto") return checkGoto(ctx, scope, v);
  if (v.callee === "retry") return checkRetry(ctx, scope, name, v);
  const hint = didYouMean(v.callee, ["retry", "goto"], "Functions here: retry(stage, n), goto(stage).");
  ctx.report("MS2023", v.calleeSpan, { name: v.callee, known: "retry, goto" }, hint);
}
