/**
 * MS3xxx: diagnostics of the emit phase. This range belongs to the emitter (compiler/emit/); add codes here.
 * The shape is the same as in catalog.ts.
 */
import type { CatalogEntry } from "./catalog.js";
import type { DiagnosticCode } from "./diagnostic.js";

export const EMIT_CODES: Readonly<Record<DiagnosticCode, CatalogEntry>> = {};
