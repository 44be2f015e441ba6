/** MarrowScript types (`string`, `int`, `T[]`, `"a" | "b"`, `{ f: T }`) as zod, TypeScript and JSON Schema. */
import type { TypeRef } from "../ast.js";
import { code, printKey, type Code, type PrintableObject } from "./literal.js";

export function zodOf(type: TypeRef | undefined): string {
  if (!type) return "z.string()";
  switch (type.kind) {
    case "NamedType":
      return NAMED_ZOD[type.name] ?? "z.unknown()";
    case "ArrayType":
      return `z.array(${zodOf(type.element)})`;
    case "LiteralType":
      return `z.literal(${JSON.stringify(type.value)})`;
    case "UnionType": {
      const literals = literalMembers(type);
      if (literals) return `z.enum([${literals.map((v) => JSON.stringify(v)).join(", ")}])`;
      return `z.union([${type.members.map(zodOf).join(", ")}])`;
    }
    case "ObjectType": {
      const fields = type.fields.map((f) => `${printKey(f.name)}: ${zodOf(f.type)}${f.optional ? ".optional()" : ""}`);
      return `z.object({ ${fields.join(", ")} })`;
    }
  }
}

export function tsOf(type: TypeRef | undefined): string {
  if (!type) return "string";
  switch (type.kind) {
    case "NamedType":
      return NAMED_TS[type.name] ?? "unknown";
    case "ArrayType": {
      const inner = tsOf(type.element);
      return type.element.kind === "UnionType" ? `(${inner})[]` : `${inner}[]`;
    }
    case "LiteralType":
      return JSON.stringify(type.value);
    case "UnionType":
      return type.members.map(tsOf).join(" | ");
    case "ObjectType":
      return `{ ${type.fields.map((f) => `${printKey(f.name)}${f.optional ? "?" : ""}: ${tsOf(f.type)}`).join("; ")} }`;
  }
}

export function jsonSchemaOf(type: TypeRef | undefined): PrintableObject {
  if (!type) return { type: "string" };
  switch (type.kind) {
    case "NamedType":
      return NAMED_JSON[type.name] ?? {};
    case "ArrayType":
      return { type: "array", items: jsonSchemaOf(type.element) };
    case "LiteralType":
      return { type: "string", enum: [type.value] };
    case "UnionType": {
      const literals = literalMembers(type);
      return literals ? { type: "string", enum: literals } : { anyOf: type.members.map(jsonSchemaOf) };
    }
    case "ObjectType":
      return objectSchema(type.fields);
  }
}

export function objectSchema(fields: readonly { name: string; optional: boolean; type: TypeRef }[]): PrintableObject {
  const properties: Record<string, PrintableObject> = {};
  for (const f of fields) properties[f.name] = jsonSchemaOf(f.type);
  const required = fields.filter((f) => !f.optional).map((f) => f.name);
  return { type: "object", properties, required, additionalProperties: false };
}

/** The zod object of a parameter list. */
export function zodObjectOf(params: readonly { name: string; optional: boolean; type: TypeRef }[]): Code {
  const fields = params.map((p) => `${printKey(p.name)}: ${zodOf(p.type)}${p.optional ? ".optional()" : ""}`);
  return code(`z.object({ ${fields.join(", ")} })`);
}

/** Whether replies of this type are read as text (strings and string-literal unions) rather than JSON. */
export function isTextType(type: TypeRef | undefined): boolean {
  if (!type) return true;
  if (type.kind === "NamedType") return type.name === "string";
  if (type.kind === "LiteralType") return true;
  if (type.kind === "UnionType") return literalMembers(type) !== undefined;
  return false;
}

/** Words for the repair prompt: what the reply should be. */
export function describeType(type: TypeRef | undefined): string {
  if (!type || (type.kind === "NamedType" && type.name === "string")) return "the text of your answer";
  if (isTextType(type)) return "one of " + tsOf(type).replaceAll(" | ", ", ");
  return "a JSON value of type " + tsOf(type);
}

function literalMembers(type: { members: TypeRef[] }): string[] | undefined {
  const values: string[] = [];
  for (const m of type.members) {
    if (m.kind !== "LiteralType") return undefined;
    values.push(m.value);
  }
  return values;
}

const NAMED_ZOD: Record<string, string> = {
  string: "z.string()",
  int: "z.number().int()",
  number: "z.number()",
  bool: "z.boolean()",
};
const NAMED_TS: Record<string, string> = { string: "string", int: "number", number: "number", bool: "boolean" };
const NAMED_JSON: Record<string, PrintableObject> = {
  string: { type: "string" },
  int: { type: "integer" },
  number: { type: "number" },
  bool: { type: "boolean" },
};

/** The type as MarrowScript writes it (`int`, `string[]`, `"a" | "b"`), for the compact prompt-mode tool form. */
export function marrowTypeText(type: TypeRef): string {
  switch (type.kind) {
    case "NamedType":
      return type.name;
    case "ArrayType":
      return type.element.kind === "UnionType"
        ? `(${marrowTypeText(type.element)})[]`
        : `${marrowTypeText(type.element)}[]`;
    case "LiteralType":
      return JSON.stringify(type.value);
    case "UnionType":
      return type.members.map(marrowTypeText).join(" | ");
    case "ObjectType":
      return `{ ${type.fields.map((f) => `${f.name}${f.optional ? "?" : ""}: ${marrowTypeText(f.type)}`).join(", ")} }`;
  }
}
