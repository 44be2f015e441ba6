/**
 * A representative core toolset, shaped like the declarations marrow/ will hold: descriptions a small model needs,
 * argument schemas with short descriptions. The benchmark counts its schema tokens; it is not the agent's source of truth.
 */
import type { ToolSpec } from "../../runtime/tools/types.js";

const str = (description: string) => ({ type: "string", description });
const int = (description: string) => ({ type: "integer", description });

function tool(
  name: string,
  category: string,
  description: string,
  properties: Record<string, unknown>,
  required: string[],
): ToolSpec {
  return {
    name,
    description,
    category,
    pure: category === "read" || category === "search",
    parameters: { type: "object", properties, required },
    nameAliases: [],
    paramAliases: {},
    compact: `${name}(${Object.keys(properties).join(", ")})`,
  };
}

export const CORE_TOOLS: ToolSpec[] = [
  tool(
    "read_file",
    "read",
    "Read a text file with line numbers. Large files show an outline; pass offset and limit to read a range.",
    {
      path: str("File path, relative to the project root."),
      offset: int("First line (1-based)."),
      limit: int("Number of lines."),
    },
    ["path"],
  ),
  tool(
    "list_dir",
    "read",
    "List a directory (gitignored entries hidden).",
    { path: str("Directory path; default '.'.") },
    [],
  ),
  tool(
    "grep",
    "search",
    "Search file contents with a regular expression. Returns matching lines as path:line: text.",
    {
      pattern: str("Regular expression."),
      path: str("Directory or file to search; default '.'."),
      glob: str("Only files matching this glob, e.g. '*.ts'."),
    },
    ["pattern"],
  ),
  tool("glob", "search", "Find files by name pattern, e.g. 'src/**/*.test.ts'.", { pattern: str("Glob pattern.") }, [
    "pattern",
  ]),
  tool(
    "edit_file",
    "write",
    "Replace one exact block of a file with new text. Read the file first; old_text must match the file exactly once (whitespace is forgiven).",
    { path: str("File to edit."), old_text: str("The exact text to replace."), new_text: str("The replacement text.") },
    ["path", "old_text", "new_text"],
  ),
  tool(
    "write_file",
    "create",
    "Create a file or overwrite it completely. Prefer edit_file for changes to existing files.",
    { path: str("File to write."), content: str("The complete new content.") },
    ["path", "content"],
  ),
  tool(
    "bash",
    "run",
    "Run a shell command in the project directory (persistent shell: cd and exports carry over). Output is capped; long runs time out.",
    { command: str("The command line to run."), timeout_ms: int("Timeout in milliseconds; default 120000.") },
    ["command"],
  ),
  tool(
    "todo_write",
    "plan",
    "Replace the TODO list that tracks this task. Keep items short; mark done items with [x].",
    {
      items: {
        type: "array",
        items: {
          type: "object",
          properties: { text: str("What to do."), done: { type: "boolean" } },
          required: ["text"],
        },
      },
    },
    ["items"],
  ),
  tool(
    "remember",
    "memory",
    "Save a short note to working memory (kept across compaction).",
    { note: str("The note.") },
    ["note"],
  ),
  tool(
    "finish",
    "control",
    "Say the task is done, with a one-paragraph summary of what changed.",
    { summary: str("What was done.") },
    ["summary"],
  ),
];
