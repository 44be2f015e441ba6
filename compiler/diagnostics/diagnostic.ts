/**
 * The one diagnostic shape every phase of marrowc produces, and the factory that builds one from the catalog.
 * Phases never throw on user mistakes: they return diagnostics and the driver decides.
 */
import type { Span } from "../ast.js";
import { lookupCode } from "./catalog.js";

export type Severity = "error" | "warning";

/** A stable code: `MS1xxx` syntax, `MS2xxx` semantics, `MS3xxx` emit. */
export type DiagnosticCode = `MS${number}`;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  hint?: string;
}

/** Arguments substituted into a catalog template: `{name}` becomes `args.name`. */
export type DiagnosticArgs = Readonly<Record<string, string | number>>;

/** Fill `{placeholders}` from args; an unknown placeholder stays visible rather than vanishing. */
export function formatTemplate(template: string, args: DiagnosticArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = args[key];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Build a diagnostic from its catalog entry. `hint` overrides the catalog's hint (e.g. a "did you mean" found at the
 * call site); pass `null` to drop the catalog's hint.
 */
export function createDiagnostic(
  code: DiagnosticCode,
  span: Span,
  args: DiagnosticArgs = {},
  hint?: string | null,
): Diagnostic {
  const entry = lookupCode(code);
  const message = entry ? formatTemplate(entry.message, args) : `internal: unknown diagnostic code ${code}`;
  const diagnostic: Diagnostic = { code, severity: entry?.severity ?? "error", message, span };
  const chosenHint = hint === null ? undefined : (hint ?? (entry?.hint ? formatTemplate(entry.hint, args) : undefined));
  if (chosenHint !== undefined && chosenHint !== "") diagnostic.hint = chosenHint;
  return diagnostic;
}

/** Deterministic order: file, then offset, then code, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  if (a.span.offset !== b.span.offset) return a.span.offset - b.span.offset;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
