/** The checker entry point: runs every check over the merged program and returns MS2xxx diagnostics. */
import type { Declaration, Program, PromptDecl, ToolDecl } from "../ast.js";
import { DECL_KEYWORDS, getField } from "../ast.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { checkAgent } from "./check-agent.js";
import {
  checkBudgetShares,
  checkCacheKey,
  checkEvaluationInputs,
  checkModelOrRouter,
  checkTierOrder,
  checkToolAliases,
  checkUnusedParams,
} from "./check-decls.js";
import { checkRouting } from "./check-routing.js";
import { checkParams, checkTypeRef } from "./check-types.js";
import { checkFields } from "./check-values.js";
import { CheckContext, type Scope } from "./context.js";
import { DECL_TABLES } from "./field-tables.js";

function scopeOf(decl: Declaration): Scope {
  const where = `${DECL_KEYWORDS[decl.kind]} '${decl.name}'`;
  return decl.kind === "Prompt" || decl.kind === "Tool" ? { where, params: decl.params.map((p) => p.name) } : { where };
}

/** `-> T` (a `returns:` field is checked with the other fields; cst-to-ast copies it into `returns`). */
function checkReturns(ctx: CheckContext, decl: PromptDecl | ToolDecl): void {
  const fromField = getField(decl, "returns")?.value.span.offset === decl.returns?.span.offset;
  if (decl.returns !== undefined && !fromField) checkTypeRef(ctx, decl.returns);
}

function checkDeclaration(ctx: CheckContext, decl: Declaration): void {
  checkFields(ctx, scopeOf(decl), decl.fields, DECL_TABLES[decl.kind], decl.nameSpan);
  switch (decl.kind) {
    case "Prompt":
      checkParams(ctx, decl.params);
      checkReturns(ctx, decl);
      checkModelOrRouter(ctx, decl);
      checkCacheKey(ctx, decl);
      checkUnusedParams(ctx, decl);
      return;
    case "Tool":
      checkParams(ctx, decl.params);
      checkReturns(ctx, decl);
      checkToolAliases(ctx, decl);
      checkUnusedParams(ctx, decl);
      return;
    case "Evaluation":
      return checkEvaluationInputs(ctx, decl);
    case "Router":
      return checkTierOrder(ctx, decl);
    case "Budget":
      return checkBudgetShares(ctx, decl);
    case "Routing":
      return checkRouting(ctx, decl);
    case "Agent":
      return checkAgent(ctx, decl);
    default:
      return;
  }
}

export function check(program: Program): Diagnostic[] {
  const ctx = new CheckContext(program);
  for (const decl of program.declarations) checkDeclaration(ctx, decl);
  return ctx.diagnostics;
}
