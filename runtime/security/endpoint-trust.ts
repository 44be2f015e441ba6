/**
 * A cloned repository must not be able to send the user's API key somewhere else. A project's own `.env` or
 * `smallcode.toml` may name a `base_url` (a team's shared vLLM box is a fair use), but when the key for that endpoint
 * comes from the user (the environment, ~/.config/smallcode) and the URL is not on this machine, every request would
 * carry the user's key to a host the repository chose. In that case the key is withheld: requests go without it, and
 * the user is told where to put the URL (or the key) so both come from the same place they trust.
 * A key that the project's own files supply goes to the project's URL: nothing of the user's leaves.
 */
import type { ModelTier, Settings } from "../config/schema.js";
import type { OriginKinds } from "./project-trust.js";

const PROJECT = new Set(["project-env", "project-toml"]);

export interface EndpointTrust {
  settings: Settings;
  /** True when the default tier's key was withheld (callers must also drop it from the environment they pass on). */
  withheldDefaultKey: boolean;
  /** One line per withheld key, saying why and what to do. */
  warnings: string[];
}

/** Loopback only: localhost, *.localhost, 127.0.0.0/8 and ::1. A LAN address could be anyone's. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === "0.0.0.0"
  );
}

interface Scope {
  name: string;
  tier: ModelTier | undefined;
  urlPath: string;
  keyPath: string;
}

function redirected(scope: Scope, origins: OriginKinds, fallback?: Scope): string | undefined {
  const t = scope.tier;
  if (!t?.apiKey || !t.baseUrl || isLoopbackUrl(t.baseUrl)) return undefined;
  const url = origins.get(scope.urlPath)?.source ?? (fallback ? origins.get(fallback.urlPath)?.source : undefined);
  const key = origins.get(scope.keyPath)?.source ?? (fallback ? origins.get(fallback.keyPath)?.source : undefined);
  if (!url || !PROJECT.has(url.kind) || !key || PROJECT.has(key.kind)) return undefined;
  // A tier the project put on the very server the user chose for the default tier is not a redirection.
  const userDefault = fallback?.tier?.baseUrl;
  const userDefaultOrigin = fallback ? origins.get(fallback.urlPath)?.source : undefined;
  if (userDefault === t.baseUrl && userDefaultOrigin && !PROJECT.has(userDefaultOrigin.kind)) return undefined;
  return (
    `${url.label} points ${scope.name === "default" ? "base_url" : `tiers.${scope.name}.base_url`} at ${t.baseUrl}, ` +
    `a host the project chose, so your API key (from ${key.label}) is not sent there. If you trust that endpoint, ` +
    `set the URL where the key is (${key.kind === "env" ? "SMALLCODE_BASE_URL in the environment" : key.label}) or pass --base-url.`
  );
}

/**
 * Withholds user keys from project-chosen remote endpoints. `explicit` is what the caller set itself (a --base-url
 * flag or an API option): an explicit URL replaces the project's, and an explicit key is the caller's own decision.
 */
export function withoutKeyRedirection(
  settings: Settings,
  origins: OriginKinds,
  explicit: { baseUrl?: string; apiKey?: string } = {},
): EndpointTrust {
  const warnings: string[] = [];
  let out = settings;
  let withheldDefaultKey = false;
  const base: Scope = { name: "default", tier: settings.tiers.default, urlPath: "base_url", keyPath: "api_key" };
  if (explicit.baseUrl === undefined && explicit.apiKey === undefined) {
    const why = redirected(base, origins);
    if (why) {
      warnings.push(why);
      withheldDefaultKey = true;
      const { apiKey: _key, ...tierRest } = out.tiers.default;
      const { apiKey: _top, ...rest } = out;
      out = { ...rest, tiers: { ...out.tiers, default: tierRest } };
    }
  }
  for (const name of ["medium", "strong"] as const) {
    const tier = out.tiers[name];
    const scope: Scope = { name, tier, urlPath: `tiers.${name}.base_url`, keyPath: `tiers.${name}.api_key` };
    const why = redirected(scope, origins, base);
    if (!why || !tier) continue;
    warnings.push(why);
    const { apiKey: _key, ...rest } = tier;
    out = { ...out, tiers: { ...out.tiers, [name]: rest } };
  }
  return { settings: out, withheldDefaultKey, warnings };
}

/** The environment passed on, without the default key when it was withheld (it may have come from there). */
export function withoutDefaultKey<E extends Readonly<Record<string, string | undefined>>>(
  env: E,
  withheld: boolean,
): Record<string, string | undefined> {
  if (!withheld) return env;
  const { SMALLCODE_API_KEY: _withheld, ...rest } = env;
  return rest;
}
