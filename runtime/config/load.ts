/**
 * Resolving the effective settings. Highest precedence first:
 *   1. the environment (SMALLCODE_*)
 *   2. the project's .env            (<project>/.env)
 *   3. the project's smallcode.toml  (<project>/smallcode.toml)
 *   4. the user's .env               ($XDG_CONFIG_HOME/smallcode/.env, default ~/.config/smallcode/.env)
 *   5. the user's smallcode.toml     ($XDG_CONFIG_HOME/smallcode/smallcode.toml)
 *   6. the defaults
 * Command-line flags and SmallCode options win over all of them (applied by their callers). Every source is checked
 * on its own, so a bad value is reported in the file it is written in even when another source overrides it.
 */
import { join } from "node:path";
import { homedir } from "node:os";
import { KEY_BY_PATH } from "./keys.js";
import { SettingsSchema, toSettings, type Settings } from "./schema.js";
import {
  readEnvFile,
  readEnvVars,
  readTomlFile,
  whereOf,
  type ConfigDiagnostic,
  type Leaf,
  type SourceInfo,
  type SourceRead,
} from "./sources.js";
import { maskSecret } from "./mask.js";

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadSettingsOptions {
  /** The project directory. */
  cwd: string;
  /** Default process.env. HOME and XDG_CONFIG_HOME are read from it too. */
  env?: Env;
}

export interface SettingOrigin {
  source: SourceInfo;
  /** The name as written there (SMALLCODE_MODEL, or model in TOML). */
  name: string;
  line?: number;
}

export interface ConsultedSource extends SourceInfo {
  exists: boolean;
}

export type LoadedSettings =
  | {
      ok: true;
      settings: Settings;
      /** Where each set value came from, by dotted path; absent paths are defaults. */
      origins: ReadonlyMap<string, SettingOrigin>;
      warnings: ConfigDiagnostic[];
      /** The sources in precedence order, highest first. */
      sources: ConsultedSource[];
    }
  | {
      ok: false;
      errors: ConfigDiagnostic[];
      warnings: ConfigDiagnostic[];
      sources: ConsultedSource[];
      message: string;
    };

export function homeOf(env: Env): string {
  return env["HOME"] || homedir();
}

/** $XDG_CONFIG_HOME/smallcode, default ~/.config/smallcode. */
export function userConfigDir(env: Env = process.env): string {
  const xdg = env["XDG_CONFIG_HOME"];
  return join(xdg && xdg.startsWith("/") ? xdg : join(homeOf(env), ".config"), "smallcode");
}

/** A path for messages: under the home directory it starts with ~. */
export function displayPath(file: string, env: Env, cwd?: string): string {
  if (cwd && file.startsWith(cwd + "/")) return file.slice(cwd.length + 1);
  const home = homeOf(env);
  return file.startsWith(home + "/") ? `~/${file.slice(home.length + 1)}` : file;
}

/**
 * The sources in precedence order, highest first. The user's files are found through HOME or XDG_CONFIG_HOME in `env`:
 * an environment without either (a test's `env: {}`) has no user settings, so such runs are hermetic.
 */
export function settingSources(cwd: string, env: Env): SourceInfo[] {
  const user = userConfigDir(env);
  const hasUser = Boolean(env["HOME"] || env["XDG_CONFIG_HOME"]);
  const file = (kind: SourceInfo["kind"], path: string): SourceInfo => ({
    kind,
    file: path,
    label: displayPath(path, env, cwd),
  });
  return [
    { kind: "env", label: "environment" },
    file("project-env", join(cwd, ".env")),
    file("project-toml", join(cwd, "smallcode.toml")),
    ...(hasUser ? [file("user-env", join(user, ".env")), file("user-toml", join(user, "smallcode.toml"))] : []),
  ];
}

function readSource(source: SourceInfo, env: Env): SourceRead {
  if (!source.file) return readEnvVars(env, source);
  const withFile = { ...source, file: source.file };
  return source.kind.endsWith("toml") ? readTomlFile(withFile) : readEnvFile(withFile);
}

function nest(leaves: readonly Leaf[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const leaf of leaves) {
    const parts = leaf.path.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : (node[part] = {});
    }
    node[parts[parts.length - 1] ?? ""] = leaf.value;
  }
  return root;
}

function shown(leaf: Leaf): string {
  if (KEY_BY_PATH.get(leaf.path)?.secret) return typeof leaf.value === "string" ? maskSecret(leaf.value) : "(hidden)";
  return JSON.stringify(leaf.value) ?? String(leaf.value);
}

function exampleOf(leaf: Leaf): string {
  const key = KEY_BY_PATH.get(leaf.path);
  const ex = key?.example ?? "";
  if (leaf.source.kind === "env" || leaf.source.kind.endsWith("-env")) return `${leaf.name}=${ex}`;
  const bare = /^(\d+|true|false)$/.test(ex);
  return `${leaf.path.split(".").pop()} = ${bare ? ex : JSON.stringify(ex)}`;
}

/** Checks one source's values against the schema. */
function validate(leaves: readonly Leaf[]): ConfigDiagnostic[] {
  const parsed = SettingsSchema.safeParse(nest(leaves));
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.join(".");
    const leaf = leaves.find((l) => l.path === path) ?? leaves.find((l) => l.path.startsWith(path));
    if (!leaf) return { severity: "error", where: "settings", key: path, message: issue.message };
    return {
      severity: "error",
      where: whereOf(leaf.source, leaf.line),
      key: leaf.name,
      message: `${leaf.name} = ${shown(leaf)} is not valid: expected ${issue.message}. Example: ${exampleOf(leaf)}`,
    };
  });
}

export function formatDiagnostic(d: ConfigDiagnostic): string {
  return `${d.where}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`;
}

/** Reads every source and merges them; never throws. */
export function loadSettings(options: LoadSettingsOptions): LoadedSettings {
  const env = options.env ?? process.env;
  const sources = settingSources(options.cwd, env);
  const consulted: ConsultedSource[] = [];
  const errors: ConfigDiagnostic[] = [];
  const warnings: ConfigDiagnostic[] = [];
  const winners = new Map<string, Leaf>();
  for (const source of sources) {
    const read = readSource(source, env);
    consulted.push({ ...source, exists: read.exists });
    for (const d of [...read.diagnostics, ...validate(read.leaves)])
      (d.severity === "error" ? errors : warnings).push(d);
    for (const leaf of read.leaves) if (!winners.has(leaf.path)) winners.set(leaf.path, leaf);
  }
  if (errors.length > 0) {
    const message = ["Invalid settings:", ...errors.map((e) => `  ${formatDiagnostic(e)}`)].join("\n");
    return { ok: false, errors, warnings, sources: consulted, message };
  }
  const parsed = SettingsSchema.safeParse(nest([...winners.values()]));
  if (!parsed.success) {
    // Unreachable when each source passed on its own; kept so a schema change cannot turn into a throw.
    const message = `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
    return { ok: false, errors, warnings, sources: consulted, message };
  }
  const origins = new Map<string, SettingOrigin>();
  for (const [path, leaf] of winners)
    origins.set(path, {
      source: leaf.source,
      name: leaf.name,
      ...(leaf.line !== undefined ? { line: leaf.line } : {}),
    });
  return { ok: true, settings: toSettings(parsed.data), origins, warnings, sources: consulted };
}
