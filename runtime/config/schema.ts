/**
 * The one schema of SmallCode's settings, in the shape `smallcode.toml` is written in (snake_case, `[shell]` and
 * `[tiers.medium]` tables). Values from `.env` files and the environment are strings; the schema coerces them
 * ("32768" → 32768, "false" → false, "90s" → 90 000 ms), so every source is checked by the same rules.
 */
import { z } from "zod";

/** "500ms", "90s", "5m", "1h", or a bare number of seconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  const ms = unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n * 3_600_000;
  return ms > 0 ? Math.round(ms) : undefined;
}

const Duration = z.unknown().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: "a duration such as 90s, 5m or 500ms" });
    return z.NEVER;
  }
  return ms;
});

const Bool = z.union([z.boolean(), z.stringbool()], { error: "true or false" });

function int(min: number, max: number) {
  return z.coerce
    .number({ error: "a whole number" })
    .int({ error: "a whole number" })
    .min(min, { error: `a whole number from ${min}` })
    .max(max, { error: `a whole number up to ${max}` });
}

const Url = z
  .string({ error: "a URL" })
  .trim()
  .refine((s) => /^https?:\/\/[^\s/]+/.test(s) && URL.canParse(s), { error: "an http:// or https:// URL" })
  .transform((s) => s.replace(/\/+$/, ""));

const Text = z.string({ error: "text" }).trim().min(1, { error: "a non-empty value" });

const Tier = z.strictObject({ base_url: Url.optional(), model: Text.optional(), api_key: Text.optional() });

export const TOOL_MODES = ["auto", "native", "prompt"] as const;
export const APPROVAL_POLICIES = ["ask", "auto", "deny"] as const;

/** Every setting; all optional so that each source (one file) can be checked alone. */
export const SettingsSchema = z.strictObject({
  base_url: Url.optional(),
  model: Text.optional(),
  api_key: Text.optional(),
  tool_mode: z.enum(TOOL_MODES, { error: `one of ${TOOL_MODES.join(", ")}` }).optional(),
  context_window: int(512, 10_000_000).optional(),
  max_turns: int(1, 10_000).optional(),
  approval: z.enum(APPROVAL_POLICIES, { error: `one of ${APPROVAL_POLICIES.join(", ")}` }).optional(),
  request_timeout: Duration.optional(),
  trace: Bool.optional(),
  shell: z.strictObject({ containment: Bool.optional(), timeout: Duration.optional() }).optional(),
  tiers: z.strictObject({ medium: Tier.optional(), strong: Tier.optional() }).optional(),
});

export type SettingsInput = z.input<typeof SettingsSchema>;
export type SettingsFile = z.output<typeof SettingsSchema>;

export type ToolModeSetting = (typeof TOOL_MODES)[number];
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

/** One model tier: where to send requests, which model, and the key. */
export interface ModelTier {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
}

/** The effective settings, after every source has been merged. */
export interface Settings {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  /** "auto" probes the model once (cached); "native" or "prompt" skip the probe. */
  toolMode: ToolModeSetting;
  contextWindow?: number;
  maxTurns?: number;
  /** ask: on a terminal, ask; auto: approve (like --yes); deny: refuse every command that needs approval. */
  approval: ApprovalPolicy;
  /** Longest wait for a model response to start or continue (ms). */
  requestTimeoutMs?: number;
  trace: boolean;
  shell: { containment: boolean; timeoutMs?: number };
  /** default is the top-level base_url/model/api_key; medium and strong inherit what they leave out from it. */
  tiers: { default: ModelTier; medium?: ModelTier; strong?: ModelTier };
}

function tier(t: ModelTier): ModelTier {
  return {
    ...(t.baseUrl !== undefined ? { baseUrl: t.baseUrl } : {}),
    ...(t.model !== undefined ? { model: t.model } : {}),
    ...(t.apiKey !== undefined ? { apiKey: t.apiKey } : {}),
  };
}

function inherit(
  t: { base_url?: string; model?: string; api_key?: string } | undefined,
  base: ModelTier,
): ModelTier | undefined {
  if (!t || Object.keys(t).length === 0) return undefined;
  // A tier on the same server as the default names only its model; its key follows its server.
  const sameServer = t.base_url === undefined || t.base_url === base.baseUrl;
  return tier({
    baseUrl: t.base_url ?? base.baseUrl,
    model: t.model ?? base.model,
    apiKey: t.api_key ?? (sameServer ? base.apiKey : undefined),
  });
}

/** Applies the defaults and turns the file shape into the API shape. */
export function toSettings(f: SettingsFile): Settings {
  const base = tier({ baseUrl: f.base_url, model: f.model, apiKey: f.api_key });
  const medium = inherit(f.tiers?.medium, base);
  const strong = inherit(f.tiers?.strong, base);
  const shellTimeout = f.shell?.timeout;
  return {
    ...base,
    toolMode: f.tool_mode ?? "auto",
    ...(f.context_window !== undefined ? { contextWindow: f.context_window } : {}),
    ...(f.max_turns !== undefined ? { maxTurns: f.max_turns } : {}),
    approval: f.approval ?? "ask",
    ...(f.request_timeout !== undefined ? { requestTimeoutMs: f.request_timeout } : {}),
    trace: f.trace ?? true,
    shell: {
      containment: f.shell?.containment ?? true,
      ...(shellTimeout !== undefined ? { timeoutMs: shellTimeout } : {}),
    },
    tiers: { default: base, ...(medium ? { medium } : {}), ...(strong ? { strong } : {}) },
  };
}
