/**
 * MS3xxx: diagnostics of the emit phase. This range belongs to the emitter (compiler/emit/); add codes here.
 * The shape is the same as in catalog.ts.
 */
import type { CatalogEntry } from "./catalog.js";
import type { DiagnosticCode } from "./diagnostic.js";

export const EMIT_CODES: Readonly<Record<DiagnosticCode, CatalogEntry>> = {
  MS3000: {
    severity: "error",
    title: "internal emitter error",
    message: "marrowc could not generate code: {detail}",
    hint: "This is a marrowc bug; please report it with the .marrow source that caused it.",
  },
  MS3001: {
    severity: "error",
    title: "name not usable in TypeScript",
    message: "The name '{name}' cannot be used as a TypeScript identifier in the generated code.",
    hint: "Rename it to letters, digits and underscores, not starting with a digit and not a reserved word.",
  },
  MS3002: {
    severity: "error",
    title: "value cannot be emitted",
    message: "The field '{field}' expects {expected}, but found a {found} the emitter cannot translate.",
    hint: "Write it in one of the forms docs/marrowscript.md lists for this field.",
  },
  MS3003: {
    severity: "error",
    title: "unresolved reference at emit",
    message: "'{name}' does not name a declared {expected}.",
    hint: "Declare it, or fix the spelling.",
  },
  MS3004: {
    severity: "error",
    title: "generated code does not type-check",
    message: "The generated file {file} does not type-check: {detail}",
    hint: "This is a marrowc bug when the source checks cleanly; please report it with the source.",
  },
  MS3005: {
    severity: "error",
    title: "generated names collide",
    message: "The generated name '{name}' would be exported by both {first} and {second}.",
    hint: "Rename one of the declarations: every generated file is re-exported from one index.",
  },
};
