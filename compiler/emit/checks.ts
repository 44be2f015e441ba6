/** `validate:` and `constraints:` values → OutputCheck data ({ kind: "non_empty" }, { kind: "one_of", … }). */
import type { Field, Value } from "../ast.js";
import type { EmitContext } from "./context.js";
import type { Printable } from "./literal.js";
import { asNames, asNumber, asString } from "./values.js";

/** `validate:` words → checks. `schema`/`schema_only` add nothing: the reply is always checked against `returns`. */
const WORD_CHECKS: Readonly<Record<string, Printable[]>> = {
  none: [],
  schema: [],
  schema_only: [],
  non_empty: [{ kind: "non_empty" }],
  single_line: [{ kind: "single_line" }],
  json: [{ kind: "json" }],
  ast_compiles: [{ kind: "balanced" }],
};

export function checksOf(ctx: EmitContext, field: Field | undefined): Printable[] {
  if (!field) return [];
  const items = field.value.kind === "List" ? field.value.items : [field.value];
  const out: Printable[] = [];
  for (const item of items) {
    const words = item.kind === "Ident" ? WORD_CHECKS[item.name] : undefined;
    const check = words === undefined ? (checkOf(item) ?? constraintOf(item)) : undefined;
    if (words !== undefined) out.push(...words);
    else if (check !== undefined) out.push(check);
    else ctx.unsupported(field, item, "none, non_empty, json, schema, schema_only or ast_compiles");
  }
  return out;
}

export function constraintsOf(ctx: EmitContext, field: Field | undefined): Printable[] {
  if (!field) return [];
  const items = field.value.kind === "List" ? field.value.items : [field.value];
  const out: Printable[] = [];
  for (const item of items) {
    const check = constraintOf(item) ?? checkOf(item);
    if (check === undefined)
      ctx.unsupported(field, item, 'output in ["a", "b"], length(output) <= n, or a validate check');
    else out.push(check);
  }
  return out;
}

function checkOf(value: Value): Printable | undefined {
  if (value.kind === "Ident" && WORD_CHECKS[value.name]?.length === 1) return WORD_CHECKS[value.name]?.[0];
  if (value.kind !== "Call") return undefined;
  const [arg] = value.args;
  switch (value.callee) {
    case "max_chars":
    case "max_length":
      return { kind: "max_chars", max: asNumber(arg) ?? 0 };
    case "min_chars":
    case "min_length":
      return { kind: "min_chars", min: asNumber(arg) ?? 0 };
    case "matches":
      return { kind: "matches", pattern: asString(arg) ?? "" };
    case "contains":
      return { kind: "contains", text: asString(arg) ?? "" };
    case "one_of":
      return { kind: "one_of", values: value.args.map((a) => asString(a) ?? "") };
    default:
      return undefined;
  }
}

function constraintOf(value: Value): Printable | undefined {
  if (value.kind !== "Binary") return undefined;
  const left = value.left;
  if (value.op === "in" && left.kind === "Ident" && left.name === "output") {
    return { kind: "one_of", values: asNames(value.right) ?? [] };
  }
  const isLength = left.kind === "Call" && (left.callee === "length" || left.callee === "len");
  const bound = asNumber(value.right);
  if (isLength && bound !== undefined) {
    if (value.op === "<=") return { kind: "max_chars", max: bound };
    if (value.op === "<") return { kind: "max_chars", max: bound - 1 };
    if (value.op === ">=") return { kind: "min_chars", min: bound };
    if (value.op === ">") return { kind: "min_chars", min: bound + 1 };
  }
  return undefined;
}
