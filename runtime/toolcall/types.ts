/**
 * Public and internal shapes of the forgiving tool-call parser (issue #3).
 * The pipeline, written down once: Stripped (reasoning removed) → Cut (fake tool results dropped) → Read (format
 * readers find raw calls) → Judged (loose candidates pass the intent rules) → Resolved (tool and parameter names) →
 * Coerced (values fit the schema) → Validated (ajv). Each phase collects diagnostics; none throws.
 */
import type { OpenAITool } from "../model/types.js";

export interface ToolCallInput {
  /** Raw assistant content, reasoning included if the server put it there. */
  text: string;
  /** What the server returned in `tool_calls`; arguments are raw, possibly malformed, JSON strings. */
  nativeToolCalls?: { name: string; arguments: string }[] | null;
}

export type ToolCallFormat =
  | "native"
  | "hermes"
  | "qwen3-coder"
  | "function-tag"
  | "llama-python-tag"
  | "mistral"
  | "deepseek"
  | "lfm2"
  | "granite"
  | "phi-functools"
  | "gemma-tool-code"
  | "pythonic"
  | "fenced-json"
  | "json"
  | "yaml"
  | "xml"
  | "react"
  | "harmony"
  | "glm"
  | "functionary";

export interface ParsedToolCall {
  /** The real tool name (after alias and near-miss resolution). */
  name: string;
  /** A plain object valid against the tool's JSON schema. */
  arguments: Record<string, unknown>;
  /** The format the call was read from. */
  format: ToolCallFormat;
  /** Each fix applied on the way, in words ("renamed parameter file_path → path"). */
  repairs: string[];
}

export type ToolCallDiagnosticCode =
  | "unknown_tool"
  | "ambiguous_tool"
  | "ambiguous_parameter"
  | "unreadable_arguments"
  | "truncated_call"
  | "invalid_arguments"
  | "fake_tool_result"
  | "internal_error";

export interface ToolCallDiagnostic {
  code: ToolCallDiagnosticCode;
  /** Written for the model: what was wrong and what to send instead. */
  message: string;
  format?: ToolCallFormat;
  /** The tool name as the model wrote it, when there was one. */
  tool?: string;
}

export interface ToolCallParseResult {
  calls: ParsedToolCall[];
  diagnostics: ToolCallDiagnostic[];
  /** Prose left for the user, with tool markup and reasoning removed. */
  text: string;
}

export interface ToolCallAliases {
  /** Real tool name → other names the model may use. */
  tools?: Record<string, string[]>;
  /** Real tool name → (real parameter name → other names). */
  params?: Record<string, Record<string, string[]>>;
}

export interface ToolCallParseOptions {
  aliases?: ToolCallAliases;
}

export type { OpenAITool };

/** Where a raw call's arguments come from, before decoding. */
export type RawArgs =
  | { kind: "json"; text: string }
  | { kind: "value"; value: unknown }
  /** The call was cut off inside an argument value (max_tokens): never act on a partial value. */
  | { kind: "truncated"; param?: string };

/** A call as a format reader saw it: name as written, arguments not yet decoded or checked. */
export interface RawCall {
  name: string;
  args: RawArgs;
  repairs: string[];
  /** Positional arguments (pythonic calls), matched to the schema's parameters in order. */
  positional?: unknown[];
}

/** One region of the text that a reader recognised. */
export interface FormatMatch {
  format: ToolCallFormat;
  start: number;
  end: number;
  calls: RawCall[];
  diagnostics: ToolCallDiagnostic[];
  /**
   * Explicit matches carry a template token or a tool-call fence: the model meant a call. Loose matches (bare JSON,
   * fenced JSON, YAML, XML, pythonic, ReAct) must also pass the intent rules in intent.ts.
   */
  explicit: boolean;
  /** Where the prose that introduces the region is judged from (the start of an enclosing code fence); else start. */
  anchor?: number;
}

export interface FormatReader {
  format: ToolCallFormat;
  read(text: string, ctx: ReaderContext): FormatMatch[];
}

/** What readers may ask about the tools while reading (loose readers only accept known names). */
export interface ReaderContext {
  /** True when the name resolves to a tool (exactly, by alias or by case style; no fuzzy match). */
  isToolName(name: string): boolean;
}
