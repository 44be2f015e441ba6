/** Small read-only helpers over a tool's JSON schema (which may be anything the user declared). */

export type Schema = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function properties(schema: Schema | undefined): Record<string, Schema> {
  const props = schema?.["properties"];
  if (!isRecord(props)) return {};
  const out: Record<string, Schema> = {};
  for (const [k, v] of Object.entries(props)) out[k] = isRecord(v) ? v : {};
  return out;
}

export function required(schema: Schema | undefined): string[] {
  const req = schema?.["required"];
  return Array.isArray(req) ? req.filter((r): r is string => typeof r === "string") : [];
}

/** The JSON types a schema node accepts (empty when it does not say). */
export function types(schema: Schema): string[] {
  const t = schema["type"];
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  for (const key of ["anyOf", "oneOf"]) {
    const alts = schema[key];
    if (Array.isArray(alts)) return alts.flatMap((a) => (isRecord(a) ? types(a) : []));
  }
  return [];
}

/** Parameter names with their types, for messages: `path (string, required), offset (integer)`. */
export function describeParams(schema: Schema | undefined): string {
  const props = properties(schema);
  const req = required(schema);
  const names = Object.keys(props);
  if (names.length === 0) return "no arguments";
  return names
    .map((n) => {
      const t = types(props[n] ?? {}).join(" | ") || "any";
      return `${n} (${t}${req.includes(n) ? ", required" : ""})`;
    })
    .join(", ");
}

/** An example call object built from the schema, for "send this instead" messages. */
export function exampleArgs(schema: Schema | undefined): string {
  const props = properties(schema);
  const req = required(schema);
  const names = req.length > 0 ? req : Object.keys(props).slice(0, 2);
  const parts = names.map((n) => {
    const t = types(props[n] ?? {})[0];
    const v =
      t === "integer" || t === "number"
        ? "1"
        : t === "boolean"
          ? "true"
          : t === "array"
            ? "[…]"
            : t === "object"
              ? "{…}"
              : '"…"';
    return `"${n}": ${v}`;
  });
  return `{${parts.join(", ")}}`;
}
