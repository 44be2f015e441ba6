/**
 * Every prompt text, message and threshold the agent loop needs that marrow/ does not declare yet. They live here, in
 * one module, so that moving them into MarrowScript (agent `system`, a `loop` block, routing) is mechanical: each
 * constant names the declaration it should become. Nothing else in runtime/agent/ hard-codes a text or a number.
 */

/** → `agent smallcode { system: """…""" }`. `{{cwd}}` is filled by the loop; keep it free of per-turn values. */
export const SYSTEM_PROMPT = [
  "You are SmallCode, a coding agent working in the repository at {{cwd}}.",
  "Work in small steps: look at the relevant files, make exact edits, then run the project's tests or the command",
  "that shows the change works. Read a file before you edit it. Keep edits small; copy old_text exactly from what you read.",
  "When the task is done, reply with a short summary of what you changed and do not call any tool.",
].join("\n");

/** → `prompt tools_in_prompt` (prompt-mode tool instructions). `{{tools}}` is one compact line per tool. */
export const PROMPT_MODE_TOOLS = [
  "# Tools",
  "You can call these tools:",
  "{{tools}}",
  "",
  "To call a tool, write exactly one block per call, with JSON arguments:",
  "<tool_call>",
  '{"name": "read_file", "arguments": {"path": "src/app.py"}}',
  "</tool_call>",
  "The result comes back in the next message. When the task is done, answer without any tool call.",
].join("\n");

/** → agent loop messages (a `messages { … }` block). */
export const MESSAGES = {
  /** Sent after a reply whose tool calls could not be used. `{{problems}}` lists the parser's diagnostics. */
  formatError:
    "Your last reply could not be used:\n{{problems}}\nSend the tool call again in the documented format, or answer without a tool call if the task is done.",
  /** Sent when re-entering a loop stage after a `run` stage failed. */
  checkFailed:
    "The check `{{command}}` failed (exit code {{exitCode}}):\n{{output}}\nFix the cause, then answer with a summary when done.",
  /** Shown to the model when a tool is not available any more (dropped by a guard). */
  toolDropped: "The tool {{tool}} is not available any more in this run. Use another tool.",
  /** Shown to the user when a command needing approval was refused without a terminal. */
  approvalRefused:
    "Refused `{{command}}`: it needs approval ({{reasons}}) and there is no terminal to ask. Re-run with --yes to allow such commands.",
  /** The follow-up used when a session is resumed without a new message. */
  resumeFollowUp: "continue",
  /** Heading of the pinned list of files edited in this run. */
  editedFilesTitle: "Files edited in this run",
  /** Sent when the model replied with nothing at all. */
  emptyReply: "Your reply was empty. Continue with the task: call a tool, or answer with a summary if it is done.",
} as const;

/** → `agent smallcode { loop { … } }` thresholds. */
export const LOOP_LIMITS = {
  /** Consecutive replies whose calls could not be read before the run ends with `format_error`. */
  maxFormatErrors: 3,
  /** Re-asks of one turn after a model error the client already retried (a cut stream, a 5xx after its retries). */
  modelErrorRetries: 2,
  /** Re-asks of one turn a guard may request with `retry`. */
  guardRetries: 2,
  /** Temperature added on each re-ask. */
  retryTemperatureStep: 0.3,
  /** Characters of a failed check's output shown to the model. */
  checkOutputChars: 3000,
  /** Consecutive empty replies before the run ends with `format_error`. */
  maxEmptyReplies: 2,
  /** Default model-turn limit when neither the agent nor the caller sets one. */
  defaultMaxTurns: 40,
  /** Fallbacks when the model declaration sets none. */
  defaultTemperature: 0.2,
  defaultMaxOutput: 4000,
  defaultContextWindow: 32000,
} as const;

/**
 * → a `project { test_command: … }` declaration (or detection rules). The commands a `run` stage may name by key,
 * detected from the files at the project root, in order; the first match wins.
 */
export const PROJECT_COMMAND_RULES: Readonly<Record<string, ReadonlyArray<{ file: string; command: string }>>> = {
  test_command: [
    { file: "package.json#scripts.test", command: "npm test --silent" },
    { file: "Cargo.toml", command: "cargo test --quiet" },
    { file: "go.mod", command: "go test ./..." },
    { file: "pytest.ini", command: "python3 -m pytest -q" },
    { file: "pyproject.toml", command: "python3 -m pytest -q" },
    { file: "Makefile#test:", command: "make test" },
  ],
  lint_command: [{ file: "package.json#scripts.lint", command: "npm run lint --silent" }],
  build_command: [{ file: "package.json#scripts.build", command: "npm run build --silent" }],
};

/** Fills `{{name}}` placeholders of a text above. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
