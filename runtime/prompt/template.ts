/**
 * `{{name}}` interpolation for prompt templates. The checker guarantees every name is a parameter; a value that is
 * missing at run time (an optional parameter) renders as the empty string. Non-string values render as JSON.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function renderTemplate(template: string, values: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => formatValue(values[name]));
}

/** The placeholder names a template uses, in order of first use. */
export function templateVariables(template: string): string[] {
  const seen = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) if (match[1] !== undefined) seen.add(match[1]);
  return [...seen];
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, null, 2);
}
