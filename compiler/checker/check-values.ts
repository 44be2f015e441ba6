/**
 * Checking a value against the FieldType its field table declares: kinds, units, ranges, enum words, references to
 * other declarations, nested maps (via checkFields) and `env("NAME", default)`.
 */
import type { MapEntry, NumberValue, Span, Value } from "../ast.js";
import { ALL_UNITS } from "../literals.js";
import type { CheckContext, Scope } from "./context.js";
import { describeValue } from "./describe.js";
import { describeType, type FieldTable, type FieldType } from "./field-types.js";
import { didYouMean } from "./suggest.js";
import { checkTemplate } from "./templates.js";
import { checkTransition } from "./transitions.js";

/** A field or a map entry: anything with a name and a value. */
export interface NamedValue {
  name: string;
  nameSpan: Span;
  value: Value;
}

export const TYPE_NAMES = ["string", "int", "number", "bool", "json"];
const CALL_ARITY: Readonly<Record<string, number>> = {
  steer: 1,
  reject: 1,
  retry: 1,
  stop: 1,
  abort: 1,
  contains: 1,
  equals: 1,
  matches: 1,
  not_contains: 1,
};

export function entriesAsFields(entries: readonly MapEntry[]): NamedValue[] {
  return entries.map((e) => ({ name: e.key, nameSpan: e.keySpan, value: e.value }));
}

/** Check the fields of a declaration or map against a table; `anchor` is where "missing field" points. */
export function checkFields(
  ctx: CheckContext,
  scope: Scope,
  fields: readonly NamedValue[],
  table: FieldTable,
  anchor: Span,
): void {
  const seen = new Set<string>();
  const known = Object.keys(table.fields);
  for (const field of fields) {
    if (seen.has(field.name)) ctx.report("MS2017", field.nameSpan, { name: field.name });
    seen.add(field.name);
    const spec = table.fields[field.name] ?? table.rest;
    if (spec === undefined) {
      const hint = didYouMean(field.name, known, `Known fields: ${known.join(", ")}.`);
      ctx.report("MS2003", field.nameSpan, { name: field.name, where: scope.where, known: known.join(", ") }, hint);
      continue;
    }
    checkValue(ctx, scope, field.name, field.value, spec.type);
  }
  for (const [name, spec] of Object.entries(table.fields)) {
    if (spec.required === true && !seen.has(name))
      ctx.report("MS2006", anchor, { where: capitalize(scope.where), name });
  }
}

function wrongType(ctx: CheckContext, name: string, v: Value, t: FieldType): void {
  ctx.report("MS2004", v.span, { name, expected: describeType(t), found: describeValue(v) });
}

function wrongUnit(ctx: CheckContext, name: string, v: NumberValue, t: FieldType): void {
  const hint = v.dimension === "count" ? "Add a unit." : undefined;
  ctx.report("MS2005", v.span, { name, expected: describeType(t), found: describeValue(v) }, hint);
}

/** Does a number's dimension suit a numeric FieldType? */
export function numberFits(t: FieldType, v: NumberValue): boolean {
  switch (t.type) {
    case "int":
    case "number":
      return v.dimension === "count";
    case "duration":
      return v.dimension === "duration";
    case "size":
      return v.dimension === t.unit || (t.bare === true && v.dimension === "count");
    case "share":
      return v.dimension === "percent" || (v.dimension === "count" && v.value >= 0 && v.value <= 1);
    default:
      return false;
  }
}

function checkNumber(ctx: CheckContext, name: string, v: Value, t: FieldType): void {
  if (v.kind !== "Number") return wrongType(ctx, name, v, t);
  if (v.unknownUnit !== undefined) {
    const hint = didYouMean(v.unknownUnit, ALL_UNITS);
    ctx.report("MS2026", v.unitSpan ?? v.span, { unit: v.unknownUnit }, hint);
    return;
  }
  if (!numberFits(t, v)) return wrongUnit(ctx, name, v, t);
  if (t.type === "int" && !Number.isInteger(v.value)) return wrongType(ctx, name, v, t);
  if (t.type === "share" && v.dimension === "percent" && (v.value < 0 || v.value > 100)) {
    ctx.report("MS2020", v.span, { name, range: "between 0% and 100%", found: v.raw });
  }
  if (t.type === "int" || t.type === "number") {
    const low = t.min ?? -Infinity;
    const high = t.max ?? Infinity;
    if (v.value < low || v.value > high) {
      const range = high === Infinity ? `at least ${low}` : `between ${low} and ${high}`;
      ctx.report("MS2020", v.span, { name, range, found: v.raw });
    }
  }
  if ((t.type === "size" || t.type === "duration") && v.value < 0) {
    ctx.report("MS2020", v.span, { name, range: "zero or more", found: v.raw });
  }
}

function checkEnv(ctx: CheckContext, scope: Scope, name: string, v: Value & { kind: "Call" }, t: FieldType): void {
  const scalar = ["string", "template", "int", "number", "bool", "size", "duration", "word", "share"];
  if (!scalar.includes(t.type)) return wrongType(ctx, name, v, t);
  const [first, second, ...extra] = v.args;
  if (first?.kind !== "String") {
    ctx.report("MS2024", v.span, {
      name: "env",
      problem: 'takes the variable name as a string first: env("NAME", default)',
    });
    return;
  }
  if (extra.length > 0) ctx.report("MS2024", v.span, { name: "env", problem: "takes at most two arguments" });
  if (second !== undefined) checkValue(ctx, scope, name, second, t);
}

function checkRef(ctx: CheckContext, name: string, v: Value, t: FieldType & { type: "ref" }): void {
  if (v.kind !== "Ident") return wrongType(ctx, name, v, t);
  if (ctx.lookup(t.kinds, v.name) !== undefined) return;
  const hint = didYouMean(v.name, ctx.namesOf(t.kinds));
  if (t.kinds.length === 1 && t.kinds[0] === "Tool") return ctx.report("MS2012", v.span, { name: v.name }, hint);
  if (t.kinds.length === 1 && t.kinds[0] === "Guard") return ctx.report("MS2013", v.span, { name: v.name }, hint);
  const what = t.kinds.map((k) => k.toLowerCase()).join(" or ");
  ctx.report("MS2001", v.span, { what: what.charAt(0).toUpperCase() + what.slice(1), name: v.name }, hint);
}

function checkCall(ctx: CheckContext, scope: Scope, name: string, v: Value, t: FieldType & { type: "call" }): void {
  if (v.kind !== "Call") return wrongType(ctx, name, v, t);
  if (!t.callees.includes(v.callee)) {
    const hint = didYouMean(v.callee, t.callees, `Functions here: ${t.callees.join(", ")}.`);
    ctx.report("MS2023", v.calleeSpan, { name: v.callee, known: t.callees.join(", ") }, hint);
    return;
  }
  const arity = CALL_ARITY[v.callee];
  if (arity !== undefined && v.args.length !== arity) {
    ctx.report("MS2024", v.span, {
      name: v.callee,
      problem: `takes ${arity} argument${arity === 1 ? "" : "s"}, got ${v.args.length}`,
    });
    return;
  }
  for (const arg of v.args)
    if (arg.kind !== "String" && arg.kind !== "Error") checkValue(ctx, scope, name, arg, { type: "string" });
}

/** Which option of a oneOf fits the value's shape, if any. */
function pickOption(options: readonly FieldType[], v: Value): FieldType | undefined {
  return options.find((o) => {
    if (v.kind === "Number") return numberFits(o, v);
    if (v.kind === "String") return o.type === "string" || o.type === "template" || o.type === "word";
    if (v.kind === "Bool") return o.type === "bool";
    if (v.kind === "Ident") return ["enum", "word", "ref", "typeName", "transition"].includes(o.type);
    if (v.kind === "List") return o.type === "list";
    if (v.kind === "Map") return o.type === "record" || o.type === "dict";
    if (v.kind === "Call") return o.type === "call" || o.type === "transition";
    return o.type === "expr";
  });
}

const SCALARS = ["string", "template", "int", "number", "bool", "size", "duration", "word", "share", "enum"];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function checkValue(ctx: CheckContext, scope: Scope, name: string, v: Value, t: FieldType): void {
  if (v.kind === "Error" || t.type === "expr") return;
  if (v.kind === "Call" && v.callee === "env" && t.type !== "call") return checkEnv(ctx, scope, name, v, t);
  if (v.kind === "Call" && SCALARS.includes(t.type)) {
    // The only function that can stand for a plain value is env(); anything else is a misspelling or a mistake.
    const hint = didYouMean(v.callee, ["env"], 'Only env("NAME", default) can stand for a value here.');
    return ctx.report("MS2023", v.calleeSpan, { name: v.callee, known: "env" }, hint);
  }
  switch (t.type) {
    case "string":
      return v.kind === "String" ? undefined : wrongType(ctx, name, v, t);
    case "template":
      if (v.kind !== "String") return wrongType(ctx, name, v, t);
      if (t.vars === undefined) return checkTemplate(ctx, scope, v);
      return checkTemplate(ctx, { ...scope, where: `'${name}' in ${scope.where}`, params: t.vars }, v, true);
    case "word":
      return v.kind === "Ident" || v.kind === "String" ? undefined : wrongType(ctx, name, v, t);
    case "bool":
      return v.kind === "Bool" ? undefined : wrongType(ctx, name, v, t);
    case "int":
    case "number":
    case "duration":
    case "size":
    case "share":
      return checkNumber(ctx, name, v, t);
    case "enum": {
      const word = v.kind === "Ident" ? v.name : v.kind === "String" ? v.value : undefined;
      if (word === undefined) return wrongType(ctx, name, v, t);
      if (t.values.includes(word)) return;
      return ctx.report(
        "MS2019",
        v.span,
        { name, allowed: t.values.join(", "), found: word },
        didYouMean(word, t.values) ?? null,
      );
    }
    case "ref":
      return checkRef(ctx, name, v, t);
    case "typeName":
      if (v.kind !== "Ident") return wrongType(ctx, name, v, t);
      return TYPE_NAMES.includes(v.name) ? undefined : ctx.report("MS2021", v.span, { name: v.name });
    case "list":
      if (v.kind !== "List") return wrongType(ctx, name, v, t);
      for (const item of v.items) checkValue(ctx, scope, name, item, t.of);
      return;
    case "record":
      if (v.kind !== "Map") return wrongType(ctx, name, v, t);
      return checkFields(
        ctx,
        { ...scope, where: `${t.name} of ${scope.where}` },
        entriesAsFields(v.entries),
        t.fields,
        v.span,
      );
    case "dict":
      if (v.kind !== "Map") return wrongType(ctx, name, v, t);
      for (const entry of v.entries) checkValue(ctx, scope, entry.key, entry.value, t.of);
      return;
    case "call":
      return checkCall(ctx, scope, name, v, t);
    case "transition":
      return checkTransition(ctx, scope, name, v);
    case "arrow":
      if (v.kind !== "Arrow") return wrongType(ctx, name, v, t);
      checkValue(ctx, scope, name, v.from, t.from);
      return checkRef(ctx, name, v.to, { type: "ref", kinds: t.to });
    case "oneOf": {
      const option = pickOption(t.options, v);
      return option === undefined ? wrongType(ctx, name, v, t) : checkValue(ctx, scope, name, v, option);
    }
  }
}
