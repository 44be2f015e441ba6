/**
 * The TODO list and working-memory notes (runtime/planning) as pinned blocks of the context engine, so they stay in
 * every request and survive compaction: a tool result that carries a section in `data.pin` (todo_write, memory) is
 * pinned at once, and every turn re-pins both from the run's planning state. A resumed run starts that state from the
 * files the tools saved (.smallcode/todo.md, .smallcode/memory.md).
 */
import type { PinnedSection } from "../context/types.js";
import { loadMemory } from "../planning/memory.js";
import { memoryPin, todoPin } from "../planning/pins.js";
import { planningState, seedPlanning } from "../planning/run-state.js";
import { loadTodo } from "../planning/todo-file.js";
import type { ToolOutcome } from "../tools/types.js";
import type { LoopParts } from "./loop-parts.js";

const PIN_KINDS = new Set(["todo", "memory", "file", "note"]);

function isPinnedSection(v: unknown): v is PinnedSection {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o["key"] === "string" &&
    typeof o["title"] === "string" &&
    typeof o["content"] === "string" &&
    typeof o["kind"] === "string" &&
    PIN_KINDS.has(o["kind"])
  );
}

/** Pins the section a tool result carries in `data.pin`, if any. */
export function pinFromOutcome(p: LoopParts, outcome: ToolOutcome): void {
  const pin = outcome.data?.["pin"];
  if (outcome.ok && isPinnedSection(pin)) p.engine.pin(pin);
}

/** Re-pins the TODO list and the notes from the run's planning state (unchanged content keeps the prefix stable). */
export function refreshPlanningPins(p: LoopParts): void {
  const state = planningState(p.workspace);
  if (state.todo.length > 0) p.engine.pin(todoPin(state.todo));
  if (state.memory.length > 0) p.engine.pin(memoryPin(state.memory));
}

/** A resumed run carries on with the plan and notes the session saved. */
export function seedPlanningFromFiles(p: LoopParts): void {
  seedPlanning(p.workspace, { todo: loadTodo(p.workspace.rootReal), memory: loadMemory(p.workspace.rootReal) });
  refreshPlanningPins(p);
}
