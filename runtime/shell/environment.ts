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

/** The environment for a new bash: the parent's, the fixed non-interactive settings, then the caller's extras. */
export function shellEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
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
