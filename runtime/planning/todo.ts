/**
 * The TODO list: the plan a complex task is broken into, as atomic steps. `todo_write` replaces the whole list each
 * time (no partial updates to get wrong); the list is kept in `.smallcode/todo.md` as a markdown checklist a human can
 * read, and re-anchored in the context every turn as a pinned block.
 */

export type TodoStatus = "pending" | "in_progress" | "done";

export interface TodoItem {
  id: string;
  title: string;
  status: TodoStatus;
  /** What shows the step is done (e.g. "npm test passes"), when the model says. */
  doneWhen?: string;
}

export type TodoParse = { ok: true; items: TodoItem[]; notes: string[] } | { ok: false; error: string };

/** Status words small models use, by the status they mean. */
const STATUS_WORDS: Readonly<Record<string, TodoStatus>> = {
  pending: "pending",
  todo: "pending",
  open: "pending",
  not_started: "pending",
  in_progress: "in_progress",
  inprogress: "in_progress",
  active: "in_progress",
  doing: "in_progress",
  started: "in_progress",
  done: "done",
  complete: "done",
  completed: "done",
  finished: "done",
};

export const TODO_EXAMPLE =
  '{"items": [{"id": "1", "title": "Read calc.js", "status": "done"}, {"id": "2", "title": "Fix add()", "status": "in_progress", "done_when": "npm test passes"}]}';

function statusOf(value: unknown): TodoStatus | undefined {
  if (value === undefined || value === null || value === "") return "pending";
  if (value === true) return "done";
  if (value === false) return "pending";
  if (typeof value !== "string") return undefined;
  return STATUS_WORDS[
    value
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_")
  ];
}

function text(o: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === "string" && v.trim() !== "") return v.trim().replace(/\s+/g, " ");
    if (typeof v === "number") return String(v);
  }
  return undefined;
}

function itemOf(raw: unknown, index: number): TodoItem | string {
  const where = `item ${index + 1}`;
  if (typeof raw === "string")
    return raw.trim() === "" ? `${where} is empty` : { id: String(index + 1), title: raw.trim(), status: "pending" };
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return `${where} must be an object with id, title and status`;
  const o = raw as Record<string, unknown>;
  const title = text(o, "title", "content", "task", "text", "description", "step");
  if (title === undefined) return `${where} has no title`;
  const status = statusOf(o["status"] ?? o["state"] ?? o["done"]);
  if (status === undefined)
    return `${where} has the status ${JSON.stringify(o["status"] ?? o["state"])}; use pending, in_progress or done`;
  const doneWhen = text(o, "done_when", "doneWhen", "check", "verify");
  return { id: text(o, "id") ?? String(index + 1), title, status, ...(doneWhen !== undefined ? { doneWhen } : {}) };
}

/**
 * Reads the `items` argument of todo_write: an array of items (objects; bare strings become pending steps). Lenient
 * about status spellings and field names; strict about what would make the list ambiguous (duplicate ids, no title).
 */
export function parseTodoItems(value: unknown): TodoParse {
  const list = typeof value === "string" ? safeJson(value) : value;
  if (!Array.isArray(list))
    return { ok: false, error: `"items" must be an array of steps, for example ${TODO_EXAMPLE}` };
  const items: TodoItem[] = [];
  for (const [i, raw] of list.entries()) {
    const item = itemOf(raw, i);
    if (typeof item === "string") return { ok: false, error: `${item}. Example: ${TODO_EXAMPLE}` };
    items.push(item);
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id))
      return { ok: false, error: `Two items have the id "${item.id}"; give each step its own id.` };
    seen.add(item.id);
  }
  const notes: string[] = [];
  const active = items.filter((i) => i.status === "in_progress").length;
  if (active > 1) notes.push(`${active} steps are in progress; work on one step at a time.`);
  return { ok: true, items, notes };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const BOX: Readonly<Record<TodoStatus, string>> = { pending: "[ ]", in_progress: "[~]", done: "[x]" };

/** One line per step, e.g. `- [~] 2. Fix add() (done when: npm test passes)`. */
export function renderTodoLines(items: readonly TodoItem[]): string {
  return items
    .map(
      (i) => `- ${BOX[i.status]} ${i.id}. ${i.title}${i.doneWhen !== undefined ? ` (done when: ${i.doneWhen})` : ""}`,
    )
    .join("\n");
}

/** The step to work on: the first in progress, else the first pending. */
export function nextStep(items: readonly TodoItem[]): TodoItem | undefined {
  return items.find((i) => i.status === "in_progress") ?? items.find((i) => i.status === "pending");
}

/** The pinned block's content: the checklist and what to do next. */
export function renderTodoPin(items: readonly TodoItem[]): string {
  if (items.length === 0) return "";
  const done = items.filter((i) => i.status === "done").length;
  const next = nextStep(items);
  const tail = next ? `Current step: ${next.id}. ${next.title}` : "Every step is done.";
  return `${renderTodoLines(items)}\n(${done}/${items.length} done) ${tail}`;
}

/** Ids of steps that are done in `after` but were not done in `before`. */
export function newlyDone(before: readonly TodoItem[], after: readonly TodoItem[]): string[] {
  const wasDone = new Set(before.filter((i) => i.status === "done").map((i) => i.id));
  return after.filter((i) => i.status === "done" && !wasDone.has(i.id)).map((i) => i.id);
}
