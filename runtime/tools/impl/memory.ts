/**
 * memory(action, note?, index?): the working-memory scratchpad. `add` a note, `replace` note N (or all notes),
 * `clear` note N (or all). Saves `.smallcode/memory.md` and returns the pinned section in `data.pin` (the loop pins it,
 * so the notes survive compaction).
 */
import { applyMemory, MEMORY_FILE, saveMemory, type MemoryAction } from "../../planning/memory.js";
import { memoryPin } from "../../planning/pins.js";
import { planningState } from "../../planning/run-state.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, int, str, type ToolArgs, type ToolContext } from "./context.js";

const ACTIONS: Readonly<Record<string, MemoryAction>> = {
  add: "add",
  append: "add",
  note: "add",
  save: "add",
  replace: "replace",
  update: "replace",
  set: "replace",
  clear: "clear",
  delete: "clear",
  remove: "clear",
};

export function memoryTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("memory", async () => {
    const written = (str(args, "action") ?? (str(args, "note") !== undefined ? "add" : "")).trim().toLowerCase();
    const action = ACTIONS[written];
    if (!action) {
      return fail(
        `memory: "action" must be add, replace or clear (got ${JSON.stringify(written)}). Example: {"action": "add", "note": "the tests run with npm test"}`,
      );
    }
    const note = str(args, "note");
    const index = int(args, "index");
    const state = planningState(ctx.workspace);
    const r = applyMemory(state.memory, {
      action,
      ...(note !== undefined ? { note } : {}),
      ...(index !== undefined ? { index } : {}),
    });
    if (!r.ok) return fail(`memory: ${r.error}`);
    state.memory = r.notes;
    const saveError = saveMemory(ctx.workspace.rootReal, r.notes);
    const shown =
      r.notes.length > 0 ? `\nNotes:\n${r.notes.map((n, i) => `${i + 1}. ${n}`).join("\n")}` : "\nNo notes.";
    const warning = saveError
      ? `\n(Not saved to ${MEMORY_FILE}: ${saveError}; the notes are still kept for this run.)`
      : "";
    return { ok: true, output: `${r.message}${shown}${warning}`, data: { pin: memoryPin(r.notes), notes: r.notes } };
  });
}
