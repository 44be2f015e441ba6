/** Planning: the TODO list (todo_write, .smallcode/todo.md) and the working-memory scratchpad, with their pins. */
export {
  newlyDone,
  nextStep,
  parseTodoItems,
  renderTodoLines,
  renderTodoPin,
  TODO_EXAMPLE,
  type TodoItem,
  type TodoParse,
  type TodoStatus,
} from "./todo.js";
export { loadTodo, parseTodoFile, renderTodoFile, saveTodo, TODO_FILE, writeAtomic } from "./todo-file.js";
export {
  applyMemory,
  DEFAULT_MEMORY_LIMITS,
  loadMemory,
  MEMORY_FILE,
  renderMemoryPin,
  saveMemory,
  type MemoryAction,
  type MemoryLimits,
  type MemoryRequest,
  type MemoryResult,
} from "./memory.js";
export { memoryPin, MEMORY_PIN_KEY, todoPin, TODO_PIN_KEY } from "./pins.js";
export { planningState, seedPlanning, type PlanningState } from "./run-state.js";
