/** The pinned context sections for the TODO list and working memory (the context engine keeps them every turn). */
import type { PinnedSection } from "../context/types.js";
import { renderMemoryPin } from "./memory.js";
import { renderTodoPin, type TodoItem } from "./todo.js";

export const TODO_PIN_KEY = "todo";
export const MEMORY_PIN_KEY = "memory";

export function todoPin(items: readonly TodoItem[]): PinnedSection {
  return {
    key: TODO_PIN_KEY,
    kind: "todo",
    title: "TODO (your plan; update it with todo_write)",
    content: renderTodoPin(items),
  };
}

export function memoryPin(notes: readonly string[]): PinnedSection {
  return {
    key: MEMORY_PIN_KEY,
    kind: "memory",
    title: "Working memory (your notes; change them with memory)",
    content: renderMemoryPin(notes),
  };
}
