/** The little type language the field tables use to describe what each field accepts. */
import type { DeclKind, SizeUnit } from "../ast.js";

export type FieldType =
  /** A string literal (or `env("NAME", "default")`). */
  | { type: "string" }
  /**
   * A string whose `{{vars}}` must be parameters of the declaration, or, when `vars` is given, one of those names (the
   * values the loop fills in, e.g. an agent message's `{{problems}}`).
   */
  | { type: "template"; vars?: readonly string[] }
  /** A whole number without unit; `2k` is fine. */
  | { type: "int"; min?: number; max?: number }
  /** A number without unit. */
  | { type: "number"; min?: number; max?: number }
  | { type: "bool" }
  /** `500ms`, `3s`, `10m`, `1h`, `1d`. */
  | { type: "duration" }
  /** A count of tokens/chars/lines: `4k tokens`; a bare number is allowed when `bare` is set. */
  | { type: "size"; unit: SizeUnit; bare?: boolean }
  /** A share of a whole: `85%` (a plain fraction 0..1 is also accepted). */
  | { type: "share" }
  /** One word out of a fixed set. */
  | { type: "enum"; values: readonly string[] }
  /** Any word (a free-form label such as a tool category). */
  | { type: "word" }
  /** The name of a declaration of one of these kinds. */
  | { type: "ref"; kinds: readonly DeclKind[] }
  /** The name of a type (`string`, `int`, `number`, `bool`, `json`). */
  | { type: "typeName" }
  | { type: "list"; of: FieldType }
  /** A map with known keys. */
  | { type: "record"; fields: FieldTable; name: string }
  /** A map with free keys. */
  | { type: "dict"; of: FieldType }
  /** A call to one of these functions. */
  | { type: "call"; callees: readonly string[] }
  /** A stage transition: a stage name, `done`, `abort`, or `retry(stage, n)`. */
  | { type: "transition" }
  /** A tier: `max: N tokens -> Model` inside a router's tiers list. */
  | { type: "arrow"; from: FieldType; to: readonly DeclKind[] }
  /** An expression checked elsewhere or passed through (constraints, `run:`, `key:`). */
  | { type: "expr"; describe: string }
  /** Any of these (the first whose shape matches is used to check). */
  | { type: "oneOf"; options: readonly FieldType[] };

export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  /** One line for docs/marrowscript.md. */
  doc: string;
}

export interface FieldTable {
  fields: Readonly<Record<string, FieldSpec>>;
  /** Fields not in `fields` are accepted with this type (guards' thresholds); otherwise they are MS2003. */
  rest?: FieldSpec;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined && min > 0) return ` of at least ${min}`;
  if (min === 0) return " (0 or more)";
  return max === undefined ? "" : ` up to ${max}`;
}

/** A short description of what a type accepts, for messages and docs. */
export function describeType(t: FieldType): string {
  switch (t.type) {
    case "string":
      return "a string";
    case "template":
      return t.vars === undefined
        ? "a string template"
        : `a string template${t.vars.length > 0 ? ` (variables: ${t.vars.map((v) => `{{${v}}}`).join(", ")})` : " (no variables)"}`;
    case "int":
      return `a whole number${range(t.min, t.max)}`;
    case "number":
      return `a number${range(t.min, t.max)}`;
    case "bool":
      return "true or false";
    case "duration":
      return "a duration such as 60s or 500ms";
    case "size":
      return `a size in ${t.unit} such as 4k ${t.unit}${t.bare === true ? ` (a bare number counts ${t.unit})` : ""}`;
    case "share":
      return "a percentage such as 85%";
    case "enum":
      return `one of ${t.values.join(", ")}`;
    case "word":
      return "a word";
    case "ref":
      return `the name of a ${t.kinds.map((k) => k.toLowerCase()).join(" or ")}`;
    case "typeName":
      return "a type name";
    case "list":
      return `a list, each item ${describeType(t.of)}`;
    case "record":
      return `a map { ${Object.keys(t.fields.fields).join(", ")} }`;
    case "dict":
      return "a map";
    case "call":
      return t.callees.map((c) => `${c}(…)`).join(" or ");
    case "transition":
      return "a stage name, done, stop, rollback, goto(stage) or retry(stage, n[, then])";
    case "arrow":
      return `${describeType(t.from)} -> ${t.to.join(" or ").toLowerCase()}`;
    case "expr":
      return t.describe;
    case "oneOf":
      return t.options.map(describeType).join(", or ");
  }
}
