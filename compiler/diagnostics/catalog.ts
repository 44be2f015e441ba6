/**
 * Every diagnostic marrowc can report, keyed by its stable code (as TypeScript's diagnosticMessages.json does).
 * Ranges: MS1xxx syntax (lexer, parser), MS2xxx semantics (checker, driver), MS3xxx emit (catalog-emit.ts).
 * Messages say what was expected and what was found; hints say what to do. `{placeholders}` are filled per use.
 * Codes are never renumbered or reused; docs/marrowscript.md lists each with an example.
 */
import type { DiagnosticCode, Severity } from "./diagnostic.js";
import { EMIT_CODES } from "./catalog-emit.js";

export interface CatalogEntry {
  severity: Severity;
  /** A short name for docs and tables. */
  title: string;
  message: string;
  hint?: string;
}

export const SYNTAX_CODES = {
  MS1001: {
    severity: "error",
    title: "unexpected character",
    message: "Unexpected character {char}.",
    hint: "Remove it, or put it inside a string literal.",
  },
  MS1002: {
    severity: "error",
    title: "unterminated string",
    message: "This string is never closed.",
    hint: 'Close it with {quote} on the same line, or use a triple-quoted string ("""…""") for several lines.',
  },
  MS1003: {
    severity: "error",
    title: "unterminated block comment",
    message: "This block comment is never closed.",
    hint: "Close it with */.",
  },
  MS1004: {
    severity: "error",
    title: "unexpected token",
    message: "Expected {expected} but found {found}.",
  },
  MS1005: {
    severity: "error",
    title: "unexpected end of file",
    message: "The file ends too early: expected {expected}.",
    hint: "Check for an unclosed '{', '[' or '('.",
  },
  MS1006: {
    severity: "error",
    title: "nesting too deep",
    message: "Brackets are nested more than {max} levels deep.",
    hint: "Flatten the value: MarrowScript values never need this much nesting.",
  },
} as const satisfies Record<DiagnosticCode, CatalogEntry>;

export const SEMANTIC_CODES = {
  MS2000: {
    severity: "error",
    title: "internal compiler error",
    message: "Internal compiler error: {detail}",
    hint: "This is a bug in marrowc; please report it with the input file.",
  },
  MS2001: {
    severity: "error",
    title: "undefined name",
    message: "{what} '{name}' is not declared.",
    hint: "Declare it, import the file that declares it, or fix the name.",
  },
  MS2002: {
    severity: "error",
    title: "duplicate declaration",
    message: "{what} '{name}' is declared twice in this file.",
    hint: "Rename one. To change a declaration from another file, redeclare it in a later file or use `extend`.",
  },
  MS2003: {
    severity: "error",
    title: "unknown field",
    message: "Unknown field '{name}' in {where}.",
    hint: "Known fields: {known}.",
  },
  MS2004: {
    severity: "error",
    title: "wrong value type",
    message: "'{name}' expects {expected}, but got {found}.",
  },
  MS2005: {
    severity: "error",
    title: "wrong unit",
    message: "'{name}' expects {expected}, but got {found}.",
  },
  MS2006: {
    severity: "error",
    title: "missing required field",
    message: "{where} is missing the required field '{name}'.",
    hint: "Add `{name}: …`.",
  },
  MS2007: {
    severity: "error",
    title: "unknown template variable",
    message: "Template variable '{{{name}}}' is not a parameter of {where}.",
    hint: "Parameters: {params}.",
  },
  MS2008: {
    severity: "error",
    title: "router tiers out of order",
    message: "Tier max {value} is not larger than the previous tier's max {previous}.",
    hint: "Order the tiers from the smallest max to the largest.",
  },
  MS2009: {
    severity: "error",
    title: "model and router",
    message: "Prompt '{name}' {problem}.",
    hint: "Give exactly one of `model:` or `router:`.",
  },
  MS2010: {
    severity: "error",
    title: "unreachable stage",
    message: "Stage '{name}' can never be reached from the first stage '{first}'.",
    hint: "Point a `next:`, `on_fail:` or `on_pass:` of another stage at it, or remove it.",
  },
  MS2011: {
    severity: "error",
    title: "stage with no way out",
    message: "Stage '{name}' has no way out.",
    hint: "Give it a way to `done`: `next: done`, an `on_pass:`/`on_fail:` that leads there, or a `retry(…)`.",
  },
  MS2012: {
    severity: "error",
    title: "undeclared tool",
    message: "Tool '{name}' is referenced but never declared.",
    hint: "Declare `tool {name}(…) { … }` or import the file that does.",
  },
  MS2013: {
    severity: "error",
    title: "undeclared guard",
    message: "Guard '{name}' is referenced but never declared.",
    hint: "Declare `guard {name} { … }` or import the file that does.",
  },
  MS2014: {
    severity: "error",
    title: "extend of undeclared name",
    message: "Cannot extend {what} '{name}': no earlier declaration of it.",
    hint: "`extend` merges into a declaration from an earlier file; declare it instead, or fix the name.",
  },
  MS2015: {
    severity: "error",
    title: "import not found",
    message: "Cannot find imported file '{path}'.",
    hint: "Paths are relative to the importing file.",
  },
  MS2016: {
    severity: "error",
    title: "import cycle",
    message: "Import cycle: {cycle}.",
    hint: "Move the shared declarations into a file both can import.",
  },
  MS2017: {
    severity: "error",
    title: "duplicate field",
    message: "Field '{name}' is given twice.",
    hint: "Keep one.",
  },
  MS2018: {
    severity: "error",
    title: "duplicate parameter",
    message: "Parameter '{name}' is declared twice.",
  },
  MS2019: {
    severity: "error",
    title: "invalid choice",
    message: "'{name}' must be one of {allowed}, but got '{found}'.",
  },
  MS2020: {
    severity: "error",
    title: "value out of range",
    message: "'{name}' must be {range}, but got {found}.",
  },
  MS2021: {
    severity: "error",
    title: "unknown type",
    message: "Unknown type '{name}'.",
    hint: 'Types: string, int, number, bool, T[], "a" | "b", { field: T }.',
  },
  MS2022: {
    severity: "error",
    title: "unknown parameter",
    message: "'{name}' is not a parameter of {where}.",
    hint: "Parameters: {params}.",
  },
  MS2023: {
    severity: "error",
    title: "unknown function",
    message: "Unknown function '{name}'.",
    hint: "Functions: {known}.",
  },
  MS2024: {
    severity: "error",
    title: "wrong arguments",
    message: "{name}() {problem}.",
  },
  MS2025: {
    severity: "error",
    title: "duplicate stage",
    message: "Stage '{name}' is declared twice in agent '{agent}'.",
  },
  MS2026: {
    severity: "error",
    title: "unknown unit",
    message: "Unknown unit '{unit}'.",
    hint: "Units: ms, s, m, h, d, tokens, chars, lines, %.",
  },
  MS2027: {
    severity: "error",
    title: "extend of a different kind",
    message: "Cannot extend {what} '{name}': it is declared as {actual}.",
    hint: "Write `extend {actualKeyword} {name} { … }`.",
  },
  MS2028: {
    severity: "error",
    title: "not allowed here",
    message: "{what} is not allowed in {where}.",
    hint: "{hint}",
  },
  MS2029: {
    severity: "warning",
    title: "unused parameter",
    message: "Parameter '{name}' of {where} is never used.",
    hint: "Use it as {{{name}}} in the template (or the shell command), or remove it.",
  },
  MS2030: {
    severity: "error",
    title: "unknown routing category",
    message: "'{name}' in {where} is neither a routing category nor any tool's category.",
    hint: "Categories: {known}.",
  },
  MS2031: {
    severity: "warning",
    title: "tool category not routed",
    message:
      "Tool '{tool}' has category '{category}', which routing '{routing}' does not declare: it is offered on every step.",
    hint: "Add `{category}: { keywords: [...] }` to its categories to offer it only when needed, or list it in `always`.",
  },
  MS2032: {
    severity: "error",
    title: "unknown loop variable",
    message: "Template variable '{{{name}}}' is not one the loop fills in for {where}.",
    hint: "Variables: {params}.",
  },
} as const satisfies Record<DiagnosticCode, CatalogEntry>;

const ALL: Readonly<Record<string, CatalogEntry>> = { ...SYNTAX_CODES, ...SEMANTIC_CODES, ...EMIT_CODES };

export function lookupCode(code: DiagnosticCode): CatalogEntry | undefined {
  return ALL[code];
}

/** Every code in order, for docs and tests. */
export function allCodes(): DiagnosticCode[] {
  return (Object.keys(ALL) as DiagnosticCode[]).sort();
}
