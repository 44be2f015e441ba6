/** Saving the wizard's choice to the project's .env, the user's, or both; keys only ever go to .env files (mode 600). */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { displayPath, loadSettings, updateEnvFile, userConfigDir, type Env } from "../../runtime/config/index.js";

export type SaveTarget = "project" | "user" | "both";

export interface ProviderChoice {
  baseUrl: string;
  model: string;
  /** Undefined: no key (an old one in the same file is removed, so it is not sent to the new server). */
  apiKey?: string;
}

export interface SavedFile {
  file: string;
  /** For messages: ".env", "~/.config/smallcode/.env". */
  label: string;
  mode: number;
}

export type SaveResult = { ok: true; files: SavedFile[]; warnings: string[] } | { ok: false; message: string };

export function targetFiles(target: SaveTarget, cwd: string, env: Env): string[] {
  const project = join(cwd, ".env");
  const user = join(userConfigDir(env), ".env");
  return target === "project" ? [project] : target === "user" ? [user] : [project, user];
}

/** True when `cwd` is in a git work tree that does not ignore `.env`. */
function envNotIgnored(cwd: string): boolean {
  try {
    execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd, stdio: "ignore" });
  } catch {
    return false;
  }
  try {
    execFileSync("git", ["check-ignore", "-q", ".env"], { cwd, stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
}

export function saveProvider(choice: ProviderChoice, target: SaveTarget, cwd: string, env: Env): SaveResult {
  const updates = {
    SMALLCODE_BASE_URL: choice.baseUrl,
    SMALLCODE_MODEL: choice.model,
    SMALLCODE_API_KEY: choice.apiKey ?? null,
  };
  const files: SavedFile[] = [];
  for (const file of targetFiles(target, cwd, env)) {
    const r = updateEnvFile(file, updates);
    if (!r.ok) return { ok: false, message: r.message };
    files.push({ file, label: displayPath(file, env, cwd), mode: r.mode });
  }
  const warnings: string[] = [];
  if (choice.apiKey && target !== "user" && envNotIgnored(cwd))
    warnings.push("This project's .env is not ignored by git: add `.env` to .gitignore so the key is never committed.");
  warnings.push(...shadowed(choice, cwd, env));
  return { ok: true, files, warnings };
}

/** Settings that still win over what was saved (the environment, or the project over the user's file). */
function shadowed(choice: ProviderChoice, cwd: string, env: Env): string[] {
  const after = loadSettings({ cwd, env });
  if (!after.ok) return [`The settings do not load any more: ${after.message}`];
  const out: string[] = [];
  const pairs: Array<[string, string, string | undefined]> = [
    ["base_url", choice.baseUrl, after.settings.baseUrl],
    ["model", choice.model, after.settings.model],
  ];
  for (const [path, wanted, got] of pairs) {
    const origin = after.origins.get(path);
    if (got === wanted || !origin) continue;
    const where =
      origin.source.kind === "env" ? `the environment (${origin.name})` : `${origin.source.label} (${origin.name})`;
    out.push(`${path} is still ${got}: ${where} wins over what was saved. Remove it there to use ${wanted}.`);
  }
  return out;
}
