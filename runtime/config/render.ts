/** What `smallcode config` prints: every setting, its effective value (keys masked) and where it came from. */
import { SETTING_KEYS } from "./keys.js";
import type { LoadedSettings, SettingOrigin } from "./load.js";
import { formatDiagnostic } from "./load.js";
import { maskSecret } from "./mask.js";
import type { Settings } from "./schema.js";

type Loaded = Extract<LoadedSettings, { ok: true }>;

/** The effective value of a dotted path, as the user would write it. */
function valueAt(settings: Settings, path: string): string | undefined {
  const s = settings;
  const tier = (t: "medium" | "strong", f: "baseUrl" | "model" | "apiKey") => s.tiers[t]?.[f];
  const ms = (v: number | undefined) =>
    v === undefined ? undefined : v % 60_000 === 0 ? `${v / 60_000}m` : v % 1000 === 0 ? `${v / 1000}s` : `${v}ms`;
  const table: Record<string, string | number | boolean | undefined> = {
    base_url: s.baseUrl,
    model: s.model,
    api_key: s.apiKey,
    tool_mode: s.toolMode,
    context_window: s.contextWindow,
    max_turns: s.maxTurns,
    approval: s.approval,
    request_timeout: ms(s.requestTimeoutMs),
    trace: s.trace,
    "shell.containment": s.shell.containment,
    "shell.timeout": ms(s.shell.timeoutMs),
    "tiers.medium.base_url": tier("medium", "baseUrl"),
    "tiers.medium.model": tier("medium", "model"),
    "tiers.medium.api_key": tier("medium", "apiKey"),
    "tiers.strong.base_url": tier("strong", "baseUrl"),
    "tiers.strong.model": tier("strong", "model"),
    "tiers.strong.api_key": tier("strong", "apiKey"),
  };
  const v = table[path];
  return v === undefined ? undefined : String(v);
}

function originText(origin: SettingOrigin | undefined, path: string, value: string | undefined): string {
  if (origin) {
    const where = origin.line !== undefined ? `${origin.source.label}:${origin.line}` : origin.source.label;
    return origin.source.kind === "env" ? `environment (${origin.name})` : `${where} (${origin.name})`;
  }
  if (value === undefined) return path.startsWith("tiers.") ? "not set" : "not set (decided at run time)";
  return path.startsWith("tiers.") ? "inherited from the default tier" : "default";
}

export interface SettingRow {
  key: string;
  env: string;
  value: string | null;
  origin: string;
}

export function settingRows(loaded: Loaded): SettingRow[] {
  return SETTING_KEYS.map((k) => {
    const raw = valueAt(loaded.settings, k.path);
    const value = raw === undefined ? null : k.secret ? maskSecret(raw) : raw;
    return { key: k.path, env: k.env, value, origin: originText(loaded.origins.get(k.path), k.path, raw) };
  });
}

export function renderSettings(loaded: Loaded): string {
  const rows = settingRows(loaded);
  const w1 = Math.max(...rows.map((r) => r.key.length));
  const w2 = Math.max(...rows.map((r) => (r.value ?? "—").length), 5);
  const lines = [
    "Effective settings (flags > environment > project .env > project smallcode.toml > user .env > user smallcode.toml > defaults):",
    "",
  ];
  for (const r of rows) lines.push(`  ${r.key.padEnd(w1)}  ${(r.value ?? "—").padEnd(Math.min(w2, 48))}  ${r.origin}`);
  lines.push("", "Sources:");
  for (const s of loaded.sources) lines.push(`  ${s.exists ? "✓" : "·"} ${s.label}${s.exists ? "" : " (absent)"}`);
  for (const w of loaded.warnings) lines.push("", formatDiagnostic(w));
  return lines.join("\n");
}

/** The same, as data (`smallcode config --json`); secrets masked. */
export function settingsJson(loaded: Loaded): {
  settings: SettingRow[];
  sources: Array<{ label: string; exists: boolean }>;
} {
  return { settings: settingRows(loaded), sources: loaded.sources.map((s) => ({ label: s.label, exists: s.exists })) };
}
