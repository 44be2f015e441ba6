/** Public surface of the forgiving tool-call parser. */
export { parseToolCalls } from "./parse.js";
export { aliasOptionsFromSpecs } from "./aliases.js";
export type {
  ParsedToolCall,
  ToolCallAliases,
  ToolCallDiagnostic,
  ToolCallDiagnosticCode,
  ToolCallFormat,
  ToolCallInput,
  ToolCallParseOptions,
  ToolCallParseResult,
} from "./types.js";
