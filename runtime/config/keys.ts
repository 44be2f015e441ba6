/**
 * The catalog of settings: each key's place in `smallcode.toml`, its environment variable, what it means and an
 * example. `.env.example`, docs/config.md, `smallcode config` and the "did you mean" suggestions all read it, and a
 * test keeps it in step with the schema.
 */

export interface SettingKey {
  /** Dotted path in smallcode.toml: "shell.timeout", "tiers.medium.model". */
  path: string;
  /** Environment variable (also the name in .env files). */
  env: string;
  description: string;
  /** A valid value, as written in .env. */
  example: string;
  /** The default, when there is one, for documentation. */
  default?: string;
  /** Holds a secret: masked whenever shown. */
  secret?: boolean;
}

function tierKeys(tier: "medium" | "strong"): SettingKey[] {
  const T = tier.toUpperCase();
  const what =
    tier === "medium" ? "the medium tier (a larger model for harder steps)" : "the strong tier (the last resort)";
  return [
    {
      path: `tiers.${tier}.base_url`,
      env: `SMALLCODE_${T}_BASE_URL`,
      description: `Endpoint of ${what}; default: the default tier's.`,
      example: tier === "medium" ? "http://127.0.0.1:11434/v1" : "https://openrouter.ai/api/v1",
    },
    {
      path: `tiers.${tier}.model`,
      env: `SMALLCODE_${T}_MODEL`,
      description: `Model of ${what}.`,
      example: tier === "medium" ? "qwen3:14b" : "qwen/qwen3-coder",
    },
    {
      path: `tiers.${tier}.api_key`,
      env: `SMALLCODE_${T}_API_KEY`,
      description: `API key of ${what}; default: the default tier's key when both use the same server.`,
      example: "sk-or-v1-…",
      secret: true,
    },
  ];
}

export const SETTING_KEYS: readonly SettingKey[] = [
  {
    path: "base_url",
    env: "SMALLCODE_BASE_URL",
    description: "OpenAI-compatible endpoint of the default model, ending in /v1. Default: look for a local server.",
    example: "http://127.0.0.1:11434/v1",
  },
  {
    path: "model",
    env: "SMALLCODE_MODEL",
    description: "Model id of the default tier. Default: the model the server serves.",
    example: "qwen3:8b",
  },
  {
    path: "api_key",
    env: "SMALLCODE_API_KEY",
    description: "API key of the default tier; local servers need none. Keep it in .env, not smallcode.toml.",
    example: "sk-…",
    secret: true,
  },
  {
    path: "tool_mode",
    env: "SMALLCODE_TOOL_MODE",
    description: "auto (probe the model once, cached), native (OpenAI tool calling) or prompt (tools in the prompt).",
    example: "auto",
    default: "auto",
  },
  {
    path: "context_window",
    env: "SMALLCODE_CONTEXT_WINDOW",
    description: "The model's context window in tokens. Default: what the server reports, else the model declaration.",
    example: "32768",
  },
  {
    path: "max_turns",
    env: "SMALLCODE_MAX_TURNS",
    description: "Stop a run after this many model turns. Default: the agent declaration's limit.",
    example: "40",
  },
  {
    path: "approval",
    env: "SMALLCODE_APPROVAL",
    description: "Commands that need approval: ask (on a terminal), auto (approve, like --yes) or deny.",
    example: "ask",
    default: "ask",
  },
  {
    path: "request_timeout",
    env: "SMALLCODE_REQUEST_TIMEOUT",
    description: "Longest wait for a model response to start, or between two streamed chunks.",
    example: "5m",
    default: "5m",
  },
  {
    path: "trace",
    env: "SMALLCODE_TRACE",
    description: "Write an execution trace per session to .smallcode/traces/<session>.jsonl.",
    example: "true",
    default: "true",
  },
  {
    path: "shell.containment",
    env: "SMALLCODE_SHELL_CONTAINMENT",
    description: "Keep the agent's shell inside the project directory (refuse cd out of it).",
    example: "true",
    default: "true",
  },
  {
    path: "shell.timeout",
    env: "SMALLCODE_SHELL_TIMEOUT",
    description: "Default time limit of one shell command the agent runs.",
    example: "2m",
  },
  ...tierKeys("medium"),
  ...tierKeys("strong"),
];

export const KEY_BY_PATH: ReadonlyMap<string, SettingKey> = new Map(SETTING_KEYS.map((k) => [k.path, k]));
export const KEY_BY_ENV: ReadonlyMap<string, SettingKey> = new Map(SETTING_KEYS.map((k) => [k.env, k]));

/** SMALLCODE_* variables that are not settings but are read elsewhere (never reported as typos). */
export const OTHER_ENV_NAMES: ReadonlySet<string> = new Set(["SMALLCODE_DEBUG", "SMALLCODE_TEST_MARK"]);
