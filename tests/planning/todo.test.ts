import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  loadTodo,
  newlyDone,
  parseTodoFile,
  parseTodoItems,
  renderTodoFile,
  renderTodoPin,
  saveTodo,
  TODO_FILE,
  type TodoItem,
} from "../../runtime/planning/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "smallcode-todo-"));
  dirs.push(d);
  return d;
};

const PLAN: TodoItem[] = [
  { id: "1", title: "Read calc.js", status: "done" },
  { id: "2", title: "Fix add()", status: "in_progress", doneWhen: "npm test passes" },
  { id: "3", title: "Add a test for negatives", status: "pending" },
];

describe("parseTodoItems", () => {
  it("accepts the documented shape", () => {
    const r = parseTodoItems([
      { id: "1", title: "Read calc.js", status: "done" },
      { id: "2", title: "Fix add()", status: "in_progress", done_when: "npm test passes" },
      { id: "3", title: "Add a test for negatives", status: "pending" },
    ]);
    expect(r).toEqual({ ok: true, items: PLAN, notes: [] });
  });
  it("is lenient with small-model spellings: status words, field names, bare strings, JSON text", () => {
    const r = parseTodoItems(
      JSON.stringify([
        { content: "Read it", status: "completed" },
        { task: "Fix it", state: "In Progress" },
        "Test it",
      ]),
    );
    expect(r.ok && r.items).toEqual([
      { id: "1", title: "Read it", status: "done" },
      { id: "2", title: "Fix it", status: "in_progress" },
      { id: "3", title: "Test it", status: "pending" },
    ]);
  });
  it.each([
    [undefined, /"items" must be an array/],
    [[{ status: "done" }], /item 1 has no title/],
    [[{ title: "a", status: "blocked" }], /item 1 has the status "blocked"; use pending, in_progress or done/],
    [
      [
        { id: "1", title: "a" },
        { id: "1", title: "b" },
      ],
      /Two items have the id "1"/,
    ],
  ])("refuses %j with a message saying what to send", (value, error) => {
    const r = parseTodoItems(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
  it("notes more than one step in progress", () => {
    const r = parseTodoItems([
      { title: "a", status: "in_progress" },
      { title: "b", status: "in_progress" },
    ]);
    expect(r.ok && r.notes).toEqual(["2 steps are in progress; work on one step at a time."]);
  });
});

describe("rendering and the .smallcode/todo.md file", () => {
  it("renders the pinned block with the current step", () => {
    expect(renderTodoPin(PLAN)).toBe(
      [
        "- [x] 1. Read calc.js",
        "- [~] 2. Fix add() (done when: npm test passes)",
        "- [ ] 3. Add a test for negatives",
        "(1/3 done) Current step: 2. Fix add()",
      ].join("\n"),
    );
    expect(renderTodoPin(PLAN.map((i) => ({ ...i, status: "done" as const })))).toMatch(
      /\(3\/3 done\) Every step is done\.$/,
    );
    expect(renderTodoPin([])).toBe("");
  });
  it("saves atomically as a readable checklist and loads it back", () => {
    const root = tmp();
    expect(saveTodo(root, PLAN)).toBeUndefined();
    const text = readFileSync(join(root, TODO_FILE), "utf8");
    expect(text).toBe(renderTodoFile(PLAN));
    expect(text).toContain("- [~] 2. Fix add() (done when: npm test passes)");
    expect(loadTodo(root)).toEqual(PLAN);
    expect(loadTodo(tmp())).toEqual([]);
  });
  it("reads a hand-edited checklist", () => {
    expect(parseTodoFile("# TODO\n- [X] ship it\n- [ ] 7. celebrate\nsome prose\n")).toEqual([
      { id: "1", title: "ship it", status: "done" },
      { id: "7", title: "celebrate", status: "pending" },
    ]);
  });
  it("reports a write it could not make instead of throwing", () => {
    const root = tmp();
    writeFileSync(join(root, ".smallcode"), "a file where a folder should be");
    expect(saveTodo(root, PLAN)).toMatch(/could not write/);
  });
  it("finds the steps a new list marks done", () => {
    const after = PLAN.map((i) => (i.id === "2" ? { ...i, status: "done" as const } : i));
    expect(newlyDone(PLAN, after)).toEqual(["2"]);
    expect(newlyDone(after, after)).toEqual([]);
  });
});
