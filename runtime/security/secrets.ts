/**
 * The secret VALUES a run must never show the model: the configured keys of every tier, the values of the
 * credential variables of the environment (`isCredentialEnvName`), and key-like values in the project's and the
 * user's `.env` files. Values too short or too common to be a credential are left out, so redaction cannot mangle
 * ordinary code (`DB_PASSWORD=postgres` would otherwise blank out every "postgres").
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseDotenv } from "dotenv";
import { userConfigDir } from "../config/load.js";
import { isCredentialEnvName } from "../shell/environment.js";

export interface SecretSource {
  /** A name for the mask ("SMALLCODE_API_KEY", "configured key"). */
  name: string;
  value: string;
}

export interface CollectSecretsOptions {
  /** The project root: its `.env` and `.env.*` files (templates excepted) are read. */
  root?: string;
  /** Default process.env; also where HOME / XDG_CONFIG_HOME are found for the user's `.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Values known to be secret whatever their shape (the configured API keys). */
  known?: ReadonlyArray<string | undefined>;
  /** Extra `.env`-format files to read. */
  envFiles?: readonly string[];
}

const TEMPLATE = /\.(example|sample|template|dist|defaults?)$/i;

/** Shaped like a credential: long, or mixing letters with digits or symbols. */
export function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || /^(true|false|yes|no|on|off|null|none|undefined)$/i.test(v)) return false;
  if (/^https?:\/\/[^@]*$/i.test(v) || /^[\d.]+$/.test(v)) return false; // plain URLs and numbers
  if (v.length >= 16) return true;
  return /[A-Za-z]/.test(v) && /[\d_\-+/=!@#$%^&*]/.test(v);
}

function envFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => (n === ".env" || n.startsWith(".env.")) && !TEMPLATE.test(n))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function fromEnvFile(file: string): SecretSource[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return Object.entries(parseDotenv(text))
    .filter(([k, v]) => isCredentialEnvName(k) && looksLikeSecret(v))
    .map(([name, value]) => ({ name, value }));
}

/** Every secret value this run knows of, longest first, without duplicates. */
export function collectSecrets(options: CollectSecretsOptions = {}): SecretSource[] {
  const env = options.env ?? process.env;
  const out: SecretSource[] = [];
  for (const k of options.known ?? [])
    if (k !== undefined && k.trim().length >= 4) out.push({ name: "API key", value: k });
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && isCredentialEnvName(name) && looksLikeSecret(value)) out.push({ name, value });
  }
  const files = [
    ...(options.root ? envFilesIn(options.root) : []),
    ...(env["HOME"] || env["XDG_CONFIG_HOME"] ? envFilesIn(userConfigDir(env)) : []),
    ...(options.envFiles ?? []),
  ];
  for (const f of files) out.push(...fromEnvFile(f));
  const seen = new Set<string>();
  return out
    .filter((s) => (seen.has(s.value) ? false : (seen.add(s.value), true)))
    .sort((a, b) => b.value.length - a.value.length);
}
