/** The non-interactive environment every shell session runs in: no pagers, no prompts, no editors, no colours. */

export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  CI: "1",
  PAGER: "cat",
  GIT_PAGER: "cat",
  MANPAGER: "cat",
  SYSTEMD_PAGER: "",
  GIT_TERMINAL_PROMPT: "0",
  GIT_EDITOR: "true",
  GIT_SEQUENCE_EDITOR: "true",
  EDITOR: "true",
  VISUAL: "true",
  GCM_INTERACTIVE: "never",
  GIT_SSH_COMMAND: "ssh -o BatchMode=yes",
  SSH_ASKPASS: "",
  DEBIAN_FRONTEND: "noninteractive",
  PIP_NO_INPUT: "1",
  npm_config_yes: "true",
  NPM_CONFIG_PROGRESS: "false",
  TERM: "dumb",
  NO_COLOR: "1",
  PYTHONUNBUFFERED: "1",
  HISTFILE: "/dev/null",
};

/**
 * Names of variables that hold credentials or provider settings, kept out of the agent's shell (docs/security.md):
 * every SMALLCODE_* setting (keys, endpoints, models: the model must not learn or use them), every OPENAI_*,
 * ANTHROPIC_*, AZURE_OPENAI_* variable, and any name that says it is a key, token, secret, password or credential.
 */
export const SECRET_ENV_PATTERNS: readonly RegExp[] = [
  /^SMALLCODE_/i,
  /^(OPENAI|ANTHROPIC|AZURE_OPENAI|GROQ|MISTRAL|COHERE|GEMINI|GOOGLE_API|DEEPSEEK|TOGETHER|FIREWORKS|OPENROUTER|XAI|PERPLEXITY)_/i,
  /(^|_)(API_?KEY|APIKEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD_SECRET|CREDENTIALS?|AUTH|PRIVATE_KEY|ACCESS_KEY|SESSION_KEY|SIGNING_KEY)S?($|_)/i,
  /^(PGPASSWORD|MYSQL_PWD|GOOGLE_APPLICATION_CREDENTIALS|NPM_CONFIG__AUTH|NPM_CONFIG__AUTHTOKEN)$/i,
];

/** Harmless names the patterns above would catch (`SSH_AUTH_SOCK` is a socket path, `XAUTHORITY` a file). */
const NOT_SECRET = new Set(["SSH_AUTH_SOCK", "XAUTHORITY", "GPG_AGENT_INFO", "KEYTIMEOUT"]);

/** Names that hold a credential itself (not an endpoint or a model name): what redaction collects values of. */
const CREDENTIAL = SECRET_ENV_PATTERNS.slice(2);

/** True when a variable of this name holds a credential (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD` …). */
export function isCredentialEnvName(name: string): boolean {
  if (NOT_SECRET.has(name.toUpperCase())) return false;
  return CREDENTIAL.some((re) => re.test(name));
}

/** True when an environment variable of this name may hold a credential or a provider setting. */
export function isSecretEnvName(name: string): boolean {
  if (NOT_SECRET.has(name.toUpperCase())) return false;
  return SECRET_ENV_PATTERNS.some((re) => re.test(name));
}

/** The parent's environment without the variables `isSecretEnvName` names. */
export function scrubbedEnvironment(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && !isSecretEnvName(k)) env[k] = v;
  return env;
}

/**
 * The environment for a new bash: the parent's without credentials (`scrubbedEnvironment`), the fixed
 * non-interactive settings, then the caller's extras (which the caller chose, so they are kept as given).
 */
export function shellEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env = scrubbedEnvironment();
  delete env.CDPATH; // a CDPATH would make `cd x` land somewhere the containment check did not expect
  delete env.BASH_ENV;
  delete env.ENV;
  delete env.PROMPT_COMMAND;
  return { ...env, ...NON_INTERACTIVE_ENV, ...extra };
}

const EDITORS_PAGERS = new Set([
  "vim",
  "vi",
  "nvim",
  "nano",
  "emacs",
  "pico",
  "joe",
  "less",
  "more",
  "most",
  "top",
  "htop",
  "btop",
  "man",
  "watch",
  "tmux",
  "screen",
]);
const REPLS = new Set([
  "python",
  "python3",
  "node",
  "irb",
  "psql",
  "mysql",
  "sqlite3",
  "redis-cli",
  "mongo",
  "mongosh",
  "ghci",
  "bash",
  "sh",
  "zsh",
  "ssh",
  "ftp",
  "telnet",
]);

/**
 * A message when a command is an interactive program that would wait for a terminal (stdin is closed, so it would
 * fail or hang); null otherwise.
 */
export function interactiveProblem(words: readonly string[]): string | null {
  const name = (words[0] ?? "").split("/").pop() ?? "";
  if (EDITORS_PAGERS.has(name)) {
    return `\`${name}\` is interactive and needs a terminal; this shell has none (stdin is closed). Use read_file/edit_file to view or change files, or a non-interactive command (e.g. cat, git --no-pager, ps).`;
  }
  if (REPLS.has(name) && words.length === 1) {
    return `\`${name}\` with no arguments starts an interactive session that would wait for input; stdin is closed. Pass a script or a command instead (e.g. ${name === "python3" || name === "python" ? "python3 -c '…'" : `${name} -c '…'`}).`;
  }
  return null;
}
