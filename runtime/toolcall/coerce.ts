/**
 * Coercing decoded argument values to what the schema asks for: "10" → 10, "true" → true, a JSON string holding an
 * object → the object, a single value → a one-element array, an object where a string is wanted (a package.json
 * written as an object) → its JSON text, null for an optional parameter → left out. Every change is recorded.
 */
import { decodeJson } from "./json-args.js";
import { isRecord, properties, required, types, type Schema } from "./schema.js";

export function coerceArguments(
  args: Record<string, unknown>,
  schema: Schema | undefined,
  repairs: string[],
): Record<string, unknown> {
  const props = properties(schema);
  const req = required(schema);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const prop = props[key];
    if (value === null && prop && !req.includes(key) && !types(prop).includes("null")) {
      repairs.push(`dropped null for optional parameter ${key}`);
      continue;
    }
    out[key] = prop ? coerceValue(value, prop, key, repairs) : value;
  }
  return out;
}

function coerceValue(value: unknown, schema: Schema, path: string, repairs: string[]): unknown {
  const want = types(schema);
  if (want.length === 0) return coerceEnum(value, schema, path, repairs);
  if (matches(value, want)) return coerceInside(value, schema, want, path, repairs);
  for (const t of want) {
    const converted = convert(value, t, schema);
    if (converted.ok) {
      repairs.push(`coerced ${path} to ${t}`);
      return coerceInside(converted.value, schema, [t], path, repairs);
    }
  }
  return value;
}

function coerceInside(value: unknown, schema: Schema, want: string[], path: string, repairs: string[]): unknown {
  if (Array.isArray(value) && want.includes("array") && isRecord(schema["items"])) {
    const items = schema["items"];
    return value.map((v, i) => coerceValue(v, items, `${path}[${i}]`, repairs));
  }
  if (isRecord(value) && want.includes("object") && isRecord(schema["properties"])) {
    return coerceArguments(value, schema, repairs);
  }
  return coerceEnum(value, schema, path, repairs);
}

function coerceEnum(value: unknown, schema: Schema, path: string, repairs: string[]): unknown {
  const options = schema["enum"];
  if (!Array.isArray(options) || typeof value !== "string" || options.includes(value)) return value;
  const hits = options.filter((o) => typeof o === "string" && o.toLowerCase() === value.toLowerCase());
  if (hits.length !== 1) return value;
  repairs.push(`matched ${path} to enum value ${String(hits[0])}`);
  return hits[0];
}

function matches(value: unknown, want: string[]): boolean {
  return want.some((t) => {
    switch (t) {
      case "string":
        return typeof value === "string";
      case "integer":
        return typeof value === "number" && Number.isInteger(value);
      case "number":
        return typeof value === "number";
      case "boolean":
        return typeof value === "boolean";
      case "array":
        return Array.isArray(value);
      case "object":
        return isRecord(value);
      case "null":
        return value === null;
      default:
        return false;
    }
  });
}

type Converted = { ok: true; value: unknown } | { ok: false };
const NO: Converted = { ok: false };

function convert(value: unknown, type: string, schema: Schema): Converted {
  switch (type) {
    case "integer":
    case "number":
      return toNumber(value, type);
    case "boolean":
      return toBoolean(value);
    case "string":
      return toText(value);
    case "array":
      return toArray(value, schema);
    case "object":
      return toObject(value);
    default:
      return NO;
  }
}

function toNumber(value: unknown, type: string): Converted {
  if (typeof value !== "string" || !/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)) return NO;
  const n = Number(value);
  if (!Number.isFinite(n) || (type === "integer" && !Number.isInteger(n))) return NO;
  return { ok: true, value: n };
}

function toBoolean(value: unknown): Converted {
  if (typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (v === "true" || v === "yes") return { ok: true, value: true };
    if (v === "false" || v === "no") return { ok: true, value: false };
  }
  if (value === 1 || value === 0) return { ok: true, value: value === 1 };
  return NO;
}

function toText(value: unknown): Converted {
  if (typeof value === "number" || typeof value === "boolean") return { ok: true, value: String(value) };
  if (isRecord(value) || Array.isArray(value)) return { ok: true, value: JSON.stringify(value, null, 2) + "\n" };
  return NO;
}

function toArray(value: unknown, schema: Schema): Converted {
  if (typeof value === "string") {
    const t = value.trim();
    if (t.startsWith("[")) {
      const d = decodeJson(t);
      if (d.ok && Array.isArray(d.value)) return { ok: true, value: d.value };
    }
  }
  if (value === undefined || value === null) return NO;
  const items = isRecord(schema["items"]) ? types(schema["items"]) : [];
  if (Array.isArray(value)) return NO;
  if (items.length > 0 && !items.includes("object") && isRecord(value)) return NO;
  return { ok: true, value: [value] };
}

function toObject(value: unknown): Converted {
  if (typeof value !== "string" || !value.trim().startsWith("{")) return NO;
  const d = decodeJson(value);
  return d.ok && isRecord(d.value) ? { ok: true, value: d.value } : NO;
}
