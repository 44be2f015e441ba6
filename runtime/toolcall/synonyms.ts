/**
 * Common synonyms small models use for tool and parameter names. Each group is a set of interchangeable names; a
 * name the model wrote resolves through a group only when exactly one real name belongs to the same group.
 * Entries are normalized (lower case, no separators) when compared.
 */

export const TOOL_SYNONYMS: readonly (readonly string[])[] = [
  [
    "bash",
    "shell",
    "run_shell",
    "run_command",
    "execute_command",
    "exec",
    "execute",
    "terminal",
    "run_terminal_cmd",
    "run_bash",
    "sh",
    "cmd",
    "command",
    "run",
    "shell_exec",
    "execute_bash",
    "run_in_terminal",
  ],
  [
    "read_file",
    "read",
    "open_file",
    "view_file",
    "cat",
    "view",
    "get_file",
    "read_text_file",
    "file_read",
    "show_file",
  ],
  ["write_file", "write", "create_file", "save_file", "write_to_file", "file_write", "overwrite_file", "put_file"],
  [
    "edit_file",
    "edit",
    "replace_in_file",
    "str_replace",
    "apply_edit",
    "modify_file",
    "update_file",
    "str_replace_editor",
    "search_replace",
    "replace",
  ],
  ["grep", "search", "search_files", "grep_search", "find_in_files", "search_code", "code_search", "ripgrep", "rg"],
  ["glob", "find_files", "file_search", "glob_files", "list_files_glob"],
  ["list_dir", "ls", "list_directory", "list_files", "listdir", "dir", "list_folder"],
  ["todo_write", "todo", "update_todos", "todowrite", "write_todos", "set_todos"],
  ["apply_patch", "patch", "apply_diff", "diff"],
];

export const PARAM_SYNONYMS: readonly (readonly string[])[] = [
  [
    "path",
    "file_path",
    "filepath",
    "filename",
    "file_name",
    "file",
    "fname",
    "target_file",
    "absolute_path",
    "relative_path",
    "target_path",
    // A directory argument is the path of a tool that has no separate directory parameter; where a tool has both
    // (path and cwd), "dir" sits in two groups and is reported as ambiguous instead of guessed.
    "directory",
    "dir",
    "folder",
  ],
  ["command", "cmd", "shell_command", "bash_command", "script", "commandline", "command_line"],
  [
    "old_text",
    "old_str",
    "old_string",
    "search",
    "find",
    "original",
    "old",
    "original_text",
    "search_text",
    "old_content",
  ],
  [
    "new_text",
    "new_str",
    "new_string",
    "replace",
    "replacement",
    "new",
    "replacement_text",
    "new_content",
    "replace_text",
  ],
  ["content", "contents", "text", "body", "data", "file_text", "file_content", "file_contents", "code"],
  ["pattern", "regex", "regexp", "search_pattern", "query", "search_query", "term"],
  ["directory", "dir", "folder", "cwd", "working_dir", "workdir", "working_directory", "dir_path", "directory_path"],
  ["offset", "start_line", "line_start", "from_line", "start"],
  ["limit", "max_lines", "num_lines", "line_count", "count", "max_results"],
  ["timeout", "timeout_ms", "time_limit"],
  ["glob", "include", "file_pattern", "file_glob", "files_pattern", "include_pattern"],
  ["url", "uri", "link", "href"],
  ["todos", "items", "tasks", "todo_list"],
];

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const indexes = new WeakMap<object, Map<string, number[]>>();

/** Group index per normalized name (a name may sit in several groups); built once per table. */
export function indexGroups(groups: readonly (readonly string[])[]): Map<string, number[]> {
  const cached = indexes.get(groups);
  if (cached) return cached;
  const index = new Map<string, number[]>();
  groups.forEach((group, g) => {
    for (const name of group) {
      const key = normalizeName(name);
      const list = index.get(key) ?? [];
      if (!list.includes(g)) list.push(g);
      index.set(key, list);
    }
  });
  indexes.set(groups, index);
  return index;
}

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment: "raed" → "read" is 1),
 * capped: stops early once every path exceeds `max` (then returns max + 1).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (before[j - 2] ?? 0) + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}
