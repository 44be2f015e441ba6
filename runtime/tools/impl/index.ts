/** The core tool implementations, by the name the model calls them. */
import { bashTool } from "./bash.js";
import type { ToolImpl } from "./context.js";
import { editFileTool } from "./edit-file.js";
import { globTool } from "./glob.js";
import { grepTool } from "./grep.js";
import { listDirTool } from "./list-dir.js";
import { readFileTool } from "./read-file.js";
import { writeFileTool } from "./write-file.js";

export type { ToolArgs, ToolContext, ToolImpl } from "./context.js";
export * from "./setup.js";
// The package root re-exports this module in one line, so it also carries the primitives the tools stand on.
export * from "../../fs/index.js";
export * from "../../shell/index.js";
export * from "../../session/index.js";
export { bashTool, editFileTool, globTool, grepTool, listDirTool, readFileTool, writeFileTool };

export const CORE_TOOLS: Readonly<Record<string, ToolImpl>> = {
  read_file: readFileTool,
  write_file: writeFileTool,
  edit_file: editFileTool,
  list_dir: listDirTool,
  glob: globTool,
  grep: grepTool,
  bash: bashTool,
};
