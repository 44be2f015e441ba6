/** Reading field values of the AST as plain data for printing. Shapes the checker rejects come back undefined. */
import { asEnvCall, type Field, type Value } from "../ast.js";
import type { EmitContext } from "./context.js";
import type { Printable, PrintableObject } from "./literal.js";

export function asString(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === "String") return value.value;
  if (value.kind === "Ident") return value.name;
  return undefined;
}

/** A number in its base unit (ms, tokens, chars, share 0..1). */
export function asNumber(value: Value | undefined): number | undefined {
  return value?.kind === "Number" ? value.normalized : undefined;
}

export function asBool(value: Value | undefined): boolean | undefined {
  return value?.kind === "Bool" ? value.value : undefined;
}

/** A list of names or strings; a single name counts as a list of one. */
export function asNames(value: Value | undefined): string[] | undefined {
  if (!value) return undefined;
  if (value.kind === "List") {
    const names: string[] = [];
    for (const item of value.items) {
      const s = asString(item);
      if (s !== undefined) names.push(s);
    }
    return names;
  }
  const single = asString(value);
  return single === undefined ? undefined : [single];
}

/** `"x"` or `env("NAME", "x")` → a Configurable. */
export function asConfigurable(value: Value | undefined): Printable {
  if (!value) return undefined;
  const env = asEnvCall(value);
  if (env) return { env: env.name, default: asString(env.fallback) ?? "" };
  return asString(value);
}

/** Any value as plain data: numbers normalised, names as strings, calls as `{ call, args }`. */
export function plain(value: Value): Printable {
  switch (value.kind) {
    case "String":
      return value.value;
    case "Number":
      return value.normalized;
    case "Bool":
      return value.value;
    case "Ident":
      return value.name;
    case "List":
      return value.items.map(plain);
    case "Map": {
      const out: Record<string, Printable> = {};
      for (const entry of value.entries) out[entry.key] = plain(entry.value);
      return out;
    }
    case "Call":
      return { call: value.callee, args: value.args.map(plain) };
    case "Arrow":
      return { from: plain(value.from), to: value.to.name };
    case "Binary":
      return { op: value.op, left: plain(value.left), right: plain(value.right) };
    case "Error":
      return undefined;
  }
}

/** Reads a map-valued field into an object of plain values (keys as written). */
export function mapOf(ctx: EmitContext, field: Field | undefined): PrintableObject | undefined {
  if (!field) return undefined;
  if (field.value.kind !== "Map") {
    ctx.unsupported(field, field.value, "a map { key: value }");
    return undefined;
  }
  const out: Record<string, Printable> = {};
  for (const entry of field.value.entries) out[entry.key] = plain(entry.value);
  return out;
}
