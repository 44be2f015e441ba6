/**
 * FALLBACK DEFAULTS ONLY. The built-in agent declares every text and threshold below in marrow/agent.marrow (`system`,
 * `tools_prompt`, `messages { … }`, `loop { … }`) and its routing in marrow/routing.marrow; a team changes them with
 * `extend agent smallcode { … }` in .smallcode/marrow/. These values apply only to what a bundle does not declare (a
 * hand-built AgentSpec in a test, or a team build that declares its own agent without them), so that the runtime
 * stays usable on its own. Keep them in step with marrow/agent.marrow.
 */
import type { AgentMessages, AgentSpec, LoopLimits } from "./spec.js";

/** Fallback for `agent { system }`. `{{cwd}}` is the project root; `{{project}}` the project summary. */
export const FALLBACK_SYSTEM_PROMPT = [
  "You are SmallCode, a coding agent working in the repository at {{cwd}}.",
  "Work in small steps: look at the relevant files, make exact edits, then run the project's tests or the command",
  "that shows the change works. Read a file before you edit it. Keep edits small; copy old_text exactly from what you read.",
  "When the task is done, reply with a short summary of what you changed and do not call any tool.",
  "",
  "{{project}}",
].join("\n");

/** Fallback for `agent { tools_prompt }`. `{{tools}}` is one compact line per offered tool. */
export const FALLBACK_TOOLS_PROMPT = [
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

/** Fallbacks for `agent { messages { … } }`. */
export const FALLBACK_MESSAGES: AgentMessages = {
  formatError:
    "Your last reply could not be used:\n{{problems}}\nSend the tool call again in the documented format, or answer without a tool call if the task is done.",
  checkFailed:
    "The check `{{command}}` failed (exit code {{exit_code}}):\n{{output}}\nFix the cause, then answer with a summary when done.",
  toolDropped: "The tool {{tool}} is not available any more in this run. Use another tool.",
  approvalRefused:
    "Refused `{{command}}`: it needs approval ({{reasons}}) and there is no terminal to ask. Re-run with --yes to allow such commands.",
  resumeFollowUp: "continue",
  editedFilesTitle: "Files edited in this run",
  emptyReply: "Your reply was empty. Continue with the task: call a tool, or answer with a summary if it is done.",
  stageSkipped: "Stage {{stage}} was skipped: {{reason}}.",
  stepCheckFailed:
    "You marked step {{steps}} done, but the check `{{command}}` failed (exit code {{exit_code}}):\n{{output}}\nThe step is open again: fix the cause, then mark it done.",
  toolTimeout:
    "{{tool}} did not finish within {{seconds}} s and was stopped. Try a smaller or faster step (narrow the path, limit the output).",
  replyCutOff:
    "Your last reply was cut off at the output limit ({{max_output}} tokens) before it ended, so nothing in it was run. Keep the next reply short: make the tool call now without long explanations, and split a large file into several smaller edits.",
};

/** Fallbacks for `agent { loop { … } }`. */
export const FALLBACK_LOOP_LIMITS: LoopLimits = {
  maxFormatErrors: 3,
  maxEmptyReplies: 2,
  modelErrorRetries: 2,
  guardRetries: 2,
  retryTemperatureStep: 0.3,
  checkOutputChars: 3000,
  toolTimeoutMs: 600_000,
  projectSummaryChars: 2500,
};

/** Fallbacks for what the model declaration and `agent { max_turns }` normally give. */
export const FALLBACK_MODEL = {
  maxTurns: 40,
  temperature: 0.2,
  maxOutput: 4000,
  contextWindow: 32000,
} as const;

/** The agent's messages: declared ones over the fallbacks. */
export function messagesOf(agent: Pick<AgentSpec, "messages">): AgentMessages {
  return { ...FALLBACK_MESSAGES, ...definedOnly(agent.messages) };
}

/** The agent's loop limits: declared ones over the fallbacks. */
export function limitsOf(agent: Pick<AgentSpec, "loop">): LoopLimits {
  return { ...FALLBACK_LOOP_LIMITS, ...definedOnly(agent.loop) };
}

function definedOnly<T extends object>(values: Partial<T> | undefined): Partial<T> {
  if (!values) return {};
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Fills `{{name}}` placeholders; unknown names stay as written. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
