/** Handing resolved settings to code that reads SMALLCODE_* variables (endpoint resolution, the probe override). */
import type { Env } from "./load.js";
import type { Settings } from "./schema.js";

/** `env` with the default tier and the tool mode set from the settings (values the settings leave unset are kept). */
export function envWithSettings(env: Env, s: Settings): Record<string, string | undefined> {
  return {
    ...env,
    ...(s.baseUrl !== undefined ? { SMALLCODE_BASE_URL: s.baseUrl } : {}),
    ...(s.model !== undefined ? { SMALLCODE_MODEL: s.model } : {}),
    ...(s.apiKey !== undefined ? { SMALLCODE_API_KEY: s.apiKey } : {}),
    SMALLCODE_TOOL_MODE: s.toolMode,
  };
}

/** Every key the settings hold, to keep out of traces and logs. */
export function settingsSecrets(s: Settings): string[] {
  return [s.apiKey, s.tiers.medium?.apiKey, s.tiers.strong?.apiKey].filter((k): k is string => k !== undefined);
}
