/**
 * `.smallcode/todo.md`: the TODO list as a markdown checklist, written atomically (temp file + rename, so a crash
 * never leaves half a list) and read back on resume. The format is the one renderTodoLines writes, under a heading.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { renderTodoLines, type TodoItem, type TodoStatus } from "./todo.js";

export const TODO_FILE = join(".smallcode", "todo.md");

const HEADER = "# TODO\n\n<!-- Written by SmallCode's todo_write tool: [ ] pending, [~] in progress, [x] done. -->\n\n";

/** Writes `text` to `path` atomically, creating its folder. Returns an error message instead of throwing. */
export function writeAtomic(path: string, text: string): string | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return undefined;
  } catch (err) {
    return `could not write ${path}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function renderTodoFile(items: readonly TodoItem[]): string {
  return `${HEADER}${items.length > 0 ? `${renderTodoLines(items)}\n` : "(no steps)\n"}`;
}

export function saveTodo(root: string, items: readonly TodoItem[]): string | undefined {
  return writeAtomic(join(root, TODO_FILE), renderTodoFile(items));
}

const LINE = /^- \[( |~|x|X)\] (?:(\S+?)\. )?(.*?)(?: \(done when: (.*)\))?$/;
const STATUS: Readonly<Record<string, TodoStatus>> = { " ": "pending", "~": "in_progress", x: "done", X: "done" };

/** Parses a checklist (as written by renderTodoFile, or edited by hand) back into items. */
export function parseTodoFile(text: string): TodoItem[] {
  const items: TodoItem[] = [];
  for (const line of text.split("\n")) {
    const m = LINE.exec(line.trimEnd());
    if (!m) continue;
    const [, box = " ", id, title = "", doneWhen] = m;
    items.push({
      id: id ?? String(items.length + 1),
      title: title.trim(),
      status: STATUS[box] ?? "pending",
      ...(doneWhen !== undefined ? { doneWhen } : {}),
    });
  }
  return items;
}

/** The list saved at `root`, or [] when there is none. */
export function loadTodo(root: string): TodoItem[] {
  try {
    return parseTodoFile(readFileSync(join(root, TODO_FILE), "utf8"));
  } catch {
    return [];
  }
}
