/**
 * Diagnostics as text (like esbuild: `file:line:col: error[MS2003]: message`, the source line in a gutter, `~~~`
 * under the span, the hint beneath) and as JSON. Both are deterministic: diagnostics are sorted first.
 */
import type { Diagnostic } from "./diagnostic.js";
import { sortDiagnostics } from "./diagnostic.js";

export interface RenderSource {
  path: string;
  text: string;
}

export interface RenderOptions {
  /** ANSI colours (for a terminal). Off by default. */
  color?: boolean;
}

const ANSI = {
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  green: "\x1b[32m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  reset: "\x1b[0m",
};

function paint(text: string, style: keyof typeof ANSI, color: boolean): string {
  return color ? `${ANSI[style]}${text}${ANSI.reset}` : text;
}

/** The text of 1-based line `line`, without its line break, or undefined when out of range. */
function sourceLine(text: string, line: number): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  return line >= 1 && line <= lines.length ? lines[line - 1] : undefined;
}

function renderOne(d: Diagnostic, text: string | undefined, color: boolean): string {
  const where = `${d.span.file}:${d.span.line}:${d.span.column}`;
  const label = paint(`${d.severity}[${d.code}]`, d.severity === "error" ? "red" : "yellow", color);
  const out = [`${paint(where, "bold", color)}: ${label}: ${paint(d.message, "bold", color)}`];
  const line = text === undefined ? undefined : sourceLine(text, d.span.line);
  if (line !== undefined) {
    const shown = line.replace(/\t/g, " ");
    const gutter = String(d.span.line);
    const pad = " ".repeat(gutter.length);
    const start = Math.min(Math.max(d.span.column - 1, 0), shown.length);
    const width = Math.max(1, Math.min(d.span.length, shown.length - start));
    out.push(`  ${paint(gutter, "dim", color)} | ${shown}`);
    out.push(`  ${pad} | ${" ".repeat(start)}${paint("~".repeat(width), "green", color)}`);
  }
  if (d.hint !== undefined) out.push(`  hint: ${d.hint}`);
  return out.join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Render diagnostics for a person; ends with a summary line, or is empty when there is nothing to say. */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: readonly RenderSource[],
  options: RenderOptions = {},
): string {
  if (diagnostics.length === 0) return "";
  const color = options.color ?? false;
  const texts = new Map(sources.map((s) => [s.path, s.text] as const));
  const blocks = sortDiagnostics(diagnostics).map((d) => renderOne(d, texts.get(d.span.file), color));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const summary =
    warnings === 0 ? plural(errors, "error") : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  return `${blocks.join("\n\n")}\n\n${summary}\n`;
}

/** The same diagnostics as data: a JSON array (2-space indent, stable key order, trailing newline). */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string {
  const rows = sortDiagnostics(diagnostics).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    span: {
      file: d.span.file,
      line: d.span.line,
      column: d.span.column,
      length: d.span.length,
      offset: d.span.offset,
    },
    ...(d.hint === undefined ? {} : { hint: d.hint }),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
