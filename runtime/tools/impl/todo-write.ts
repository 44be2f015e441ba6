/**
 * todo_write(items): replaces the run's TODO list. Saves `.smallcode/todo.md` and returns the pinned section in
 * `data.pin` (the loop pins it, so the plan is re-anchored every turn) plus `data.newlyDone`, the steps this call
 * marked done (the loop validates those with the project's commands before they count).
 */
import { todoPin } from "../../planning/pins.js";
import { planningState } from "../../planning/run-state.js";
import { saveTodo, TODO_FILE } from "../../planning/todo-file.js";
import { newlyDone, nextStep, parseTodoItems, renderTodoPin } from "../../planning/todo.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, type ToolArgs, type ToolContext } from "./context.js";

export function todoWriteTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("todo_write", async () => {
    const parsed = parseTodoItems(args["items"] ?? args["todos"]);
    if (!parsed.ok) return fail(`todo_write: ${parsed.error}`);
    const state = planningState(ctx.workspace);
    const completed = newlyDone(state.todo, parsed.items);
    state.todo = parsed.items;
    const saveError = saveTodo(ctx.workspace.rootReal, parsed.items);
    const next = nextStep(parsed.items);
    const lines = [
      parsed.items.length === 0 ? "The TODO list is now empty." : `TODO list saved:\n${renderTodoPin(parsed.items)}`,
    ];
    lines.push(...parsed.notes);
    if (saveError) lines.push(`(Not saved to ${TODO_FILE}: ${saveError}; the list is still kept for this run.)`);
    return {
      ok: true,
      output: lines.join("\n"),
      data: {
        pin: todoPin(parsed.items),
        todo: parsed.items,
        newlyDone: completed,
        ...(next ? { nextStep: next.id } : {}),
      },
    };
  });
}
