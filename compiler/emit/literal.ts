/**
 * Printing plain data as TypeScript source. `code("…")` marks a fragment that is printed verbatim (a reference, a
 * zod expression); everything else prints as a literal. Key order is insertion order, so output is deterministic.
 */

export class Code {
  constructor(readonly text: string) {}
}

export const code = (text: string): Code => new Code(text);

export type Printable = string | number | boolean | null | undefined | Code | readonly Printable[] | PrintableObject;
export interface PrintableObject {
  readonly [key: string]: Printable;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function printKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** Prints a value; object entries whose value is undefined are left out. */
export function print(value: Printable): string {
  if (value instanceof Code) return value.text;
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  if (typeof value === "boolean") return String(value);
  if (isList(value)) return "[" + value.map(print).join(", ") + "]";
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return "{ " + entries.map(([k, v]) => printKey(k) + ": " + print(v)).join(", ") + " }";
}

function isList(value: Printable): value is readonly Printable[] {
  return Array.isArray(value);
}

export function camelCase(name: string): string {
  return name.replace(/_+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** Words TypeScript does not allow as a `const` name. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await"
  ).split(" "),
);

export function isValidBinding(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** The TypeScript binding of a declared name: the name itself, or with a trailing `_` when it is a reserved word. */
export function bindingName(name: string): string {
  return isValidBinding(name) ? name : name + "_";
}

/** `{ a, default: default_ }`: an object literal mapping declared names to their bindings. */
export function recordOf(names: readonly string[], binding: (name: string) => string = bindingName): string {
  const entries = names.map((n) => (binding(n) === n ? n : `${printKey(n)}: ${binding(n)}`));
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}
