/**
 * Reading one source of settings into leaves (one value per setting, with where it came from): the environment,
 * a `.env` file (`dotenv`'s parser: quotes, `export`, comments, multi-line values) or a `smallcode.toml` (`smol-toml`,
 * TOML 1.0). Unknown names are reported with the closest real one; nothing here throws.
 */
import { readFileSync } from "node:fs";
import { parse as parseDotenv } from "dotenv";
import { parse as parseToml, TomlError } from "smol-toml";
import { KEY_BY_ENV, KEY_BY_PATH, OTHER_ENV_NAMES, SETTING_KEYS } from "./keys.js";
import { closest } from "./suggest.js";

export type SourceKind = "env" | "project-env" | "project-toml" | "user-env" | "user-toml";

export interface SourceInfo {
  kind: SourceKind;
  /** For messages: "environment", ".env", "~/.config/smallcode/smallcode.toml". */
  label: string;
  /** Absolute path of the file (absent for the environment). */
  file?: string;
}

export interface Leaf {
  /** Dotted schema path ("shell.timeout"). */
  path: string;
  value: unknown;
  source: SourceInfo;
  /** The name as written: the variable for env sources, the TOML key path for TOML. */
  name: string;
  line?: number;
}

export interface ConfigDiagnostic {
  severity: "error" | "warning";
  /** "smallcode.toml:4" or "environment". */
  where: string;
  key: string;
  message: string;
}

export interface SourceRead {
  leaves: Leaf[];
  diagnostics: ConfigDiagnostic[];
  /** false when the file does not exist (the environment always exists). */
  exists: boolean;
}

export function whereOf(source: SourceInfo, line?: number): string {
  return line !== undefined ? `${source.label}:${line}` : source.label;
}

/** SMALLCODE_* variables from the environment or a parsed .env file. Empty values count as unset. */
export function readEnvVars(
  vars: Readonly<Record<string, string | undefined>>,
  source: SourceInfo,
  lineOf: (name: string) => number | undefined = () => undefined,
): SourceRead {
  const leaves: Leaf[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  for (const [name, value] of Object.entries(vars)) {
    if (!name.startsWith("SMALLCODE_") || value === undefined || value.trim() === "") continue;
    const key = KEY_BY_ENV.get(name);
    const line = lineOf(name);
    if (key) {
      leaves.push({ path: key.path, value, source, name, ...(line !== undefined ? { line } : {}) });
    } else if (!OTHER_ENV_NAMES.has(name)) {
      const near = closest(name, KEY_BY_ENV.keys());
      diagnostics.push({
        severity: "warning",
        where: whereOf(source, line),
        key: name,
        message: `${name} is not a SmallCode setting${near ? `; did you mean ${near}?` : ""} (it is ignored).`,
      });
    }
  }
  return { leaves, diagnostics, exists: true };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function readEnvFile(source: SourceInfo & { file: string }): SourceRead {
  const text = readText(source.file);
  if (text === undefined) return { leaves: [], diagnostics: [], exists: false };
  const lines = text.split(/\r?\n/);
  const lineOf = (name: string): number | undefined => {
    const re = new RegExp(`^\\s*(?:export\\s+)?${name}\\s*[=:]`);
    let found: number | undefined;
    lines.forEach((l, i) => {
      if (re.test(l)) found = i + 1; // dotenv keeps the last assignment
    });
    return found;
  };
  return readEnvVars(parseDotenv(text), source, lineOf);
}

/** Line of `path` in a TOML text: a `key =` line under its `[table]`, or a dotted key. */
function tomlLineOf(lines: readonly string[], path: string): number | undefined {
  let table = "";
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? "";
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(l);
    if (header) {
      table = (header[1] ?? "").replace(/["'\s]/g, "");
      continue;
    }
    const assign = /^\s*([A-Za-z0-9_.\-"' ]+?)\s*=/.exec(l);
    if (!assign) continue;
    const key = (assign[1] ?? "").replace(/["'\s]/g, "");
    if ((table ? `${table}.${key}` : key) === path) return i + 1;
  }
  return undefined;
}

const TABLES = new Set(
  SETTING_KEYS.flatMap((k) =>
    k.path
      .split(".")
      .slice(0, -1)
      .map((_, i, a) => a.slice(0, i + 1).join(".")),
  ),
);

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function unknownKey(path: string): string {
  if (path.startsWith("tiers.default"))
    return `"${path}" is not a setting: the default tier is the top-level base_url, model and api_key.`;
  const candidates = [...KEY_BY_PATH.keys(), ...TABLES];
  const near = closest(path, candidates) ?? closest(path.split(".").pop() ?? path, candidates);
  return `unknown key "${path}"${near ? `; did you mean "${near}"?` : ""} (the keys are listed in docs/config.md).`;
}

export function readTomlFile(source: SourceInfo & { file: string }): SourceRead {
  const text = readText(source.file);
  if (text === undefined) return { leaves: [], diagnostics: [], exists: false };
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof TomlError ? err.line : undefined;
    const what = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return {
      leaves: [],
      diagnostics: [{ severity: "error", where: whereOf(source, line), key: "", message: `not valid TOML: ${what}` }],
      exists: true,
    };
  }
  const lines = text.split(/\r?\n/);
  const leaves: Leaf[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, value] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      const line = tomlLineOf(lines, path);
      if (KEY_BY_PATH.has(path))
        leaves.push({ path, value, source, name: path, ...(line !== undefined ? { line } : {}) });
      else if (TABLES.has(path) && isTable(value)) walk(value, path);
      else if (TABLES.has(path)) {
        const message = `"${path}" is a table, not a value: write [${path}] and its keys under it.`;
        diagnostics.push({ severity: "error", where: whereOf(source, line), key: path, message });
      } else
        diagnostics.push({ severity: "error", where: whereOf(source, line), key: path, message: unknownKey(path) });
    }
  };
  walk(doc, "");
  return { leaves, diagnostics, exists: true };
}
