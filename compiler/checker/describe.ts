/** Short descriptions of values as written, for "expected X, but got Y" messages. */
import type { Value } from "../ast.js";

export function describeValue(v: Value): string {
  switch (v.kind) {
    case "String":
      return v.triple ? "a multi-line string" : "a string";
    case "Number":
      if (v.unknownUnit !== undefined) return v.raw;
      if (v.dimension === "count") return `the plain number ${v.raw}`;
      if (v.dimension === "duration") return `the duration ${v.raw}`;
      if (v.dimension === "percent") return `the percentage ${v.raw}`;
      return `${v.raw} (a size in ${v.dimension})`;
    case "Bool":
      return String(v.value);
    case "Ident":
      return `'${v.name}'`;
    case "List":
      return "a list";
    case "Map":
      return "a map";
    case "Call":
      return `${v.callee}(…)`;
    case "Arrow":
      return "a tier (… -> …)";
    case "Binary":
      return `a comparison (${v.op})`;
    case "Error":
      return "an invalid value";
  }
}
