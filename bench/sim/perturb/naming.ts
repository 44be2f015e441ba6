/**
 * Naming errors: a drifted parameter name (file_path for path, cmd for command, old_str for old_text), a near-miss
 * tool name (readFile, run_shell, str_replace) or a made-up one (file_read, modify_file, exec_command).
 */
import type { Rng } from "../rng.js";
import type { NoiseKind, SimCall } from "../types.js";

const PARAM_DRIFT: Readonly<Record<string, readonly string[]>> = {
  path: ["file_path", "filepath", "filename"],
  old_text: ["old_str", "old_string", "search"],
  new_text: ["new_str", "new_string", "replace"],
  command: ["cmd", "script"],
  content: ["contents", "text"],
  pattern: ["query", "regex"],
};

const NEAR_MISS: Readonly<Record<string, readonly string[]>> = {
  read_file: ["readFile", "ReadFile", "read", "view_file", "open_file"],
  edit_file: ["editFile", "EditFile", "str_replace", "replace_in_file"],
  write_file: ["writeFile", "create_file"],
  bash: ["run_shell", "shell", "Bash", "execute"],
  grep: ["search", "grep_search"],
  glob: ["find_files", "Glob"],
  list_dir: ["ls", "list_files", "listDir"],
};

const MADE_UP: Readonly<Record<string, readonly string[]>> = {
  read_file: ["file_read", "get_file_contents", "show_file"],
  edit_file: ["modify_file", "patch_file", "update_file"],
  write_file: ["save_to_file", "put_file"],
  bash: ["exec_command", "run_terminal", "terminal_exec"],
  grep: ["search_code", "find_text"],
  glob: ["locate_files"],
  list_dir: ["show_directory"],
};

/** Renames one parameter the model is known to drift; undefined when the call has none. */
export function driftParam(call: SimCall, rng: Rng): SimCall | undefined {
  const drifting = Object.keys(call.args).filter((k) => PARAM_DRIFT[k] !== undefined);
  if (drifting.length === 0) return undefined;
  const key = rng.pick(drifting);
  const to = rng.pick(PARAM_DRIFT[key] ?? [key]);
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.args)) args[k === key ? to : k] = v;
  return { tool: call.tool, args };
}

/** A wrong tool name: near-miss (style variant or common alias) or made up; undefined for tools it has none for. */
export function missName(call: SimCall, kind: "tool-near-miss" | "tool-made-up", rng: Rng): SimCall | undefined {
  const names = (kind === "tool-near-miss" ? NEAR_MISS : MADE_UP)[call.tool];
  if (!names) return undefined;
  return { tool: rng.pick(names), args: call.args };
}

/** Parameters drifted in `call` compared with the reference arguments (their reference names). */
export function driftedParams(call: SimCall, reference: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(reference).filter((k) => !(k in call.args));
}

export type NamingKind = Extract<NoiseKind, "param-drift" | "tool-near-miss" | "tool-made-up">;
