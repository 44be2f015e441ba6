export type { Diagnostic, DiagnosticArgs, DiagnosticCode, Severity } from "./diagnostic.js";
export { createDiagnostic, compareDiagnostics, sortDiagnostics, hasErrors, formatTemplate } from "./diagnostic.js";
export type { CatalogEntry } from "./catalog.js";
export { SYNTAX_CODES, SEMANTIC_CODES, lookupCode, allCodes } from "./catalog.js";
export { EMIT_CODES } from "./catalog-emit.js";
export type { RenderOptions, RenderSource } from "./render.js";
export { renderDiagnostics, diagnosticsToJson } from "./render.js";
