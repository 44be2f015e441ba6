/**
 * `{{var}}` in templates and shell commands must name a parameter of the declaration (MS2007), or, for the texts the
 * loop fills in (an agent's system prompt and messages), one of the variables the loop provides (MS2032).
 */
import type { Span, StringValue } from "../ast.js";
import type { CheckContext, Scope } from "./context.js";
import { didYouMean } from "./suggest.js";

const VAR = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_.]*)?\s*\}\}/g;

/** The template variables of a string: name and position inside the source literal when known. */
export function templateVars(v: StringValue): { name: string; span: Span }[] {
  const source = v.raw ?? v.value;
  const offsetInSource = v.raw !== undefined;
  const out: { name: string; span: Span }[] = [];
  for (const m of source.matchAll(VAR)) {
    const name = m[1] ?? "";
    if (!offsetInSource) {
      out.push({ name, span: v.span });
      continue;
    }
    const index = m.index;
    const before = source.slice(0, index);
    const newlines = before.split("\n").length - 1;
    const column = newlines === 0 ? v.span.column + index : index - before.lastIndexOf("\n");
    const span: Span = {
      file: v.span.file,
      line: v.span.line + newlines,
      column,
      length: m[0].length,
      offset: v.span.offset + index,
    };
    out.push({ name, span });
  }
  return out;
}

export function checkTemplate(ctx: CheckContext, scope: Scope, v: StringValue, loopVars = false): void {
  if (scope.params === undefined) return;
  const params = scope.params;
  for (const variable of templateVars(v)) {
    if (params.includes(variable.name)) continue;
    const list = params.length === 0 ? "(none)" : params.join(", ");
    const hint = didYouMean(variable.name, params, `${loopVars ? "Variables" : "Parameters"}: ${list}.`);
    const code = loopVars ? "MS2032" : "MS2007";
    ctx.report(code, variable.span, { name: variable.name, where: scope.where, params: list }, hint);
  }
}
