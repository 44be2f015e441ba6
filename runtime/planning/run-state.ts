/**
 * The planning state of one run (the TODO list and the working-memory notes), kept per run by the object that
 * identifies it — the run's workspace, which the tool context carries — so the tools stay plain `(args, ctx)`
 * functions. A resumed run seeds it from `.smallcode/` with `seedPlanning`.
 */
import type { TodoItem } from "./todo.js";

export interface PlanningState {
  todo: TodoItem[];
  memory: string[];
}

const states = new WeakMap<object, PlanningState>();

/** The state of the run identified by `owner`, created empty on first use. */
export function planningState(owner: object): PlanningState {
  let s = states.get(owner);
  if (!s) {
    s = { todo: [], memory: [] };
    states.set(owner, s);
  }
  return s;
}

/** Starts a run's planning state from saved values (resume). */
export function seedPlanning(owner: object, seed: Partial<PlanningState>): void {
  const s = planningState(owner);
  if (seed.todo) s.todo = [...seed.todo];
  if (seed.memory) s.memory = [...seed.memory];
}
