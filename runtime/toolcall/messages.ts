/** Diagnostics written for the model: what was wrong, and what to send instead. One builder per code. */
import { describeParams, exampleArgs, type Schema } from "./schema.js";
import type { ToolCallDiagnostic, ToolCallFormat } from "./types.js";

export function unknownTool(
  written: string,
  closest: string[],
  all: string[],
  format: ToolCallFormat,
): ToolCallDiagnostic {
  const near = closest.length > 0 ? ` The closest tools are: ${closest.join(", ")}.` : "";
  const list = all.length > 0 ? ` Available tools: ${all.join(", ")}.` : " No tools are available.";
  return {
    code: "unknown_tool",
    tool: written,
    format,
    message: `There is no tool named "${written}".${near}${list} Call one of them by its exact name.`,
  };
}

export function ambiguousTool(written: string, candidates: string[], format: ToolCallFormat): ToolCallDiagnostic {
  return {
    code: "ambiguous_tool",
    tool: written,
    format,
    message: `The tool name "${written}" could mean ${orList(candidates)}; nothing was run. Call the tool again by its exact name.`,
  };
}

export function ambiguousParam(
  tool: string,
  written: string,
  candidates: string[],
  schema: Schema | undefined,
  format: ToolCallFormat,
): ToolCallDiagnostic {
  return {
    code: "ambiguous_parameter",
    tool,
    format,
    message: `In your call to ${tool}, the argument "${written}" could be ${orList(candidates)}; nothing was run. Send the call again with the exact parameter names: ${describeParams(schema)}.`,
  };
}

export function unreadable(
  tool: string,
  error: string,
  schema: Schema | undefined,
  format: ToolCallFormat,
): ToolCallDiagnostic {
  return {
    code: "unreadable_arguments",
    tool,
    format,
    message: `The arguments of your ${tool} call could not be read (${error}); nothing was run. Send them as one JSON object, for example ${exampleArgs(schema)}.`,
  };
}

export function notAnObject(tool: string, schema: Schema | undefined, format: ToolCallFormat): ToolCallDiagnostic {
  return {
    code: "unreadable_arguments",
    tool,
    format,
    message: `The arguments of your ${tool} call must be a JSON object with named parameters; nothing was run. Send for example ${exampleArgs(schema)}. Parameters: ${describeParams(schema)}.`,
  };
}

export function truncated(tool: string, param: string | undefined, format: ToolCallFormat): ToolCallDiagnostic {
  const where = param ? ` in the middle of the "${param}" argument` : "";
  return {
    code: "truncated_call",
    tool,
    format,
    message: `Your ${tool} call was cut off${where} (the reply hit the output limit), so it was not run. Send it again complete; split large content into smaller steps.`,
  };
}

export function invalid(
  tool: string,
  problems: string[],
  schema: Schema | undefined,
  format: ToolCallFormat,
): ToolCallDiagnostic {
  return {
    code: "invalid_arguments",
    tool,
    format,
    message: `Your call to ${tool} was not run: ${problems.slice(0, 4).join("; ")}. Expected arguments: ${describeParams(schema)}.`,
  };
}

export function fakeResult(marker: string): ToolCallDiagnostic {
  return {
    code: "fake_tool_result",
    message: `Your reply went on to write a tool result itself ("${marker.trim()}"); that part was ignored. Stop after the tool call and wait for the real result.`,
  };
}

function orList(items: string[]): string {
  const quoted = items.map((i) => `"${i}"`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}
