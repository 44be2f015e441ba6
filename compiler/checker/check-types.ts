/** Parameter lists and type references: duplicate parameters (MS2018) and unknown types (MS2021). */
import type { Param, TypeRef } from "../ast.js";
import type { CheckContext } from "./context.js";
import { didYouMean } from "./suggest.js";

const PRIMITIVES = ["string", "int", "number", "bool", "json"];

export function checkTypeRef(ctx: CheckContext, t: TypeRef): void {
  switch (t.kind) {
    case "NamedType":
      if (!PRIMITIVES.includes(t.name))
        ctx.report("MS2021", t.span, { name: t.name }, didYouMean(t.name, PRIMITIVES) ?? undefined);
      return;
    case "ArrayType":
      return checkTypeRef(ctx, t.element);
    case "LiteralType":
      return;
    case "UnionType":
      for (const member of t.members) checkTypeRef(ctx, member);
      return;
    case "ObjectType": {
      const seen = new Set<string>();
      for (const field of t.fields) {
        if (seen.has(field.name)) ctx.report("MS2018", field.span, { name: field.name });
        seen.add(field.name);
        checkTypeRef(ctx, field.type);
      }
    }
  }
}

export function checkParams(ctx: CheckContext, params: readonly Param[]): void {
  const seen = new Set<string>();
  for (const param of params) {
    if (seen.has(param.name)) ctx.report("MS2018", param.nameSpan, { name: param.name });
    seen.add(param.name);
    checkTypeRef(ctx, param.type);
  }
}
