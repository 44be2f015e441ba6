/**
 * The shape of a declared tool, as `marrowc` emits it from a `tool` declaration and as the agent, the tool-call
 * parser and tool routing consume it.
 */
import type { OpenAITool } from "../model/types.js";

export type ToolCategory = string; // declared in marrow/ (read, write, search, run, plan, …)

export interface ToolSpec {
  name: string;
  description: string;
  category: ToolCategory;
  /** Read-only: calling it never changes the project. */
  pure: boolean;
  /** JSON schema of the arguments (type: object). */
  parameters: Record<string, unknown>;
  /** Other names small models use for this tool (e.g. run_shell for bash). */
  nameAliases: string[];
  /** Other names for each parameter (e.g. { path: ["file_path", "filename"] }). */
  paramAliases: Record<string, string[]>;
  /** Cap, in characters, on the result shown to the model. */
  resultCap?: number;
  /** A shell command template that backs the tool ({{param}} interpolated, shell-quoted). */
  shell?: string;
  /** Time limit for one call, in milliseconds (the declared `timeout`); the loop stops the call after it. */
  timeoutMs?: number;
  /** Compact one-line form for prompt-mode tool descriptions. */
  compact: string;
}

export function toOpenAITool(spec: ToolSpec): OpenAITool {
  return {
    type: "function",
    function: { name: spec.name, description: spec.description, parameters: spec.parameters },
  };
}

/** What running a tool gives back. Tools never throw: failures are `ok: false` with a message for the model. */
export interface ToolOutcome {
  ok: boolean;
  /** The text the model sees (already capped where the tool caps it). */
  output: string;
  /** Machine-readable extras for events, traces and guards (exit code, files touched, strategy used …). */
  data?: Record<string, unknown>;
}
