/**
 * Validating TODO steps: when todo_write marks steps done (`data.newlyDone`), the agent's `step_check` command (the
 * project's tests for the built-in agent) runs through the persistent shell. A failure reopens those steps in the
 * run's plan (and .smallcode/todo.md) and tells the model why, with the agent's `step_check_failed` message.
 */
import { capToolResult } from "../context/truncate.js";
import { planningState } from "../planning/run-state.js";
import { saveTodo } from "../planning/todo-file.js";
import type { ToolOutcome } from "../tools/types.js";
import { fill } from "./defaults.js";
import type { LoopParts } from "./loop-parts.js";
import { refreshPlanningPins } from "./planning-pins.js";
import { projectCommand } from "./project-commands.js";
import type { StageSpec } from "./spec.js";

function doneIds(outcome: ToolOutcome): string[] {
  const ids = outcome.data?.["newlyDone"];
  return outcome.ok && Array.isArray(ids) ? ids.filter((i): i is string => typeof i === "string") : [];
}

/** Reopens steps the check did not confirm. */
function reopen(p: LoopParts, ids: readonly string[]): void {
  const state = planningState(p.workspace);
  state.todo = state.todo.map((item) => (ids.includes(item.id) ? { ...item, status: "in_progress" } : item));
  saveTodo(p.workspace.rootReal, state.todo);
  refreshPlanningPins(p);
}

export async function checkDoneSteps(p: LoopParts, stage: StageSpec, outcome: ToolOutcome): Promise<void> {
  const ids = doneIds(outcome);
  const ref = p.bundle.agent.stepCheck;
  if (ids.length === 0 || ref === undefined) return;
  const command =
    ref.kind === "shell" ? ref.command : projectCommand(p.options.cwd, ref.key, p.options.projectCommands);
  if (command === undefined || command.trim() === "") return;
  const r = await p.shell.run(command);
  const output = r.refused ?? r.output;
  p.emit({ type: "command", stage: stage.name, command, exitCode: r.exitCode, output, durationMs: r.durationMs });
  if (r.exitCode === 0) return;
  reopen(p, ids);
  p.counters.pendingNotes.push(
    fill(p.messages.stepCheckFailed, {
      steps: ids.join(", "),
      command,
      exit_code: r.exitCode === null ? "none (killed)" : r.exitCode,
      output: capToolResult(output, p.limits.checkOutputChars).text,
    }),
  );
}
