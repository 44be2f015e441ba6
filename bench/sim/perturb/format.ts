/**
 * Call formats real models write: native tool_calls, Hermes `<tool_call>` JSON, Qwen3-Coder XML, pythonic,
 * fenced JSON, YAML and plain-text ReAct. Each renders one call as the reply's content (or native tool_calls).
 */
import { stringify } from "yaml";
import type { ScriptedToolCall } from "../../server/index.js";
import type { SimCall, SimFormat } from "../types.js";

export interface Rendered {
  content: string;
  toolCalls: ScriptedToolCall[];
}

function hermes(c: SimCall): string {
  return `<tool_call>\n${JSON.stringify({ name: c.tool, arguments: c.args })}\n</tool_call>`;
}

function qwen3Coder(c: SimCall): string {
  const params = Object.entries(c.args).map(
    ([k, v]) => `<parameter=${k}>\n${typeof v === "string" ? v : JSON.stringify(v)}\n</parameter>`,
  );
  return `<tool_call>\n<function=${c.tool}>\n${params.join("\n")}\n</function>\n</tool_call>`;
}

function pythonValue(v: unknown): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "None";
  return JSON.stringify(v);
}

function pythonic(c: SimCall): string {
  const args = Object.entries(c.args).map(([k, v]) => `${k}=${pythonValue(v)}`);
  return `[${c.tool}(${args.join(", ")})]`;
}

function fencedJson(c: SimCall): string {
  return "```json\n" + JSON.stringify({ name: c.tool, arguments: c.args }, null, 2) + "\n```";
}

function yaml(c: SimCall): string {
  return "```yaml\n" + stringify({ name: c.tool, arguments: c.args }, { lineWidth: 0 }).trimEnd() + "\n```";
}

function react(c: SimCall): string {
  return `Thought: I need to use ${c.tool}.\nAction: ${c.tool}\nAction Input: ${JSON.stringify(c.args)}`;
}

/** One call in one format. `native` puts it in tool_calls with JSON arguments and leaves the content empty. */
export function renderCall(call: SimCall, format: SimFormat, id: string): Rendered {
  switch (format) {
    case "native":
      return { content: "", toolCalls: [{ name: call.tool, arguments: JSON.stringify(call.args), id }] };
    case "hermes":
      return { content: hermes(call), toolCalls: [] };
    case "qwen3-coder":
      return { content: qwen3Coder(call), toolCalls: [] };
    case "pythonic":
      return { content: pythonic(call), toolCalls: [] };
    case "fenced-json":
      return { content: fencedJson(call), toolCalls: [] };
    case "yaml":
      return { content: yaml(call), toolCalls: [] };
    case "react":
      return { content: react(call), toolCalls: [] };
  }
}

/** The format the request's instructions teach (prompt mode): fenced JSON when shown, else Hermes blocks. */
export function instructedFormat(system: string): SimFormat {
  if (system.includes("<tool_call>")) return "hermes";
  if (system.includes("```json")) return "fenced-json";
  return "hermes";
}
