/**
 * The agent's stage machine: duplicate stages (MS2025), stage fields, transitions, unreachable stages (MS2010) and
 * stages with no way out (MS2011). The first stage is where the run starts; `done` and `abort` end it; a
 * `loop until …` clause ends the stage when its condition holds, which ends the run unless `next:` says otherwise; a
 * stage with neither `run` nor `prompt` loops the same way.
 */
import type { AgentDecl, StageDecl } from "../ast.js";
import { getField } from "../ast.js";
import { checkFields } from "./check-values.js";
import type { CheckContext } from "./context.js";
import { STAGE_TABLE } from "./field-tables.js";
import { isTerminal, transitionTargets } from "./transitions.js";

const TRANSITIONS = ["next", "on_pass", "on_fail"];

function targets(stage: StageDecl): string[] {
  return TRANSITIONS.flatMap((name) => {
    const field = getField(stage, name);
    return field === undefined ? [] : transitionTargets(field.value);
  });
}

/**
 * A stage ends the run directly: a terminal transition, or a loop with no `next:`. A stage with neither `run` nor
 * `prompt` is an implicit `loop until done` (that is how the emitter runs it).
 */
function exitsDirectly(stage: StageDecl): boolean {
  const terminal = TRANSITIONS.some((name) => {
    const field = getField(stage, name);
    return field !== undefined && isTerminal(field.value);
  });
  const loops =
    stage.loop !== undefined || (getField(stage, "run") === undefined && getField(stage, "prompt") === undefined);
  return terminal || (loops && getField(stage, "next") === undefined);
}

function reachable(stages: readonly StageDecl[]): Set<string> {
  const byName = new Map(stages.map((s) => [s.name, s] as const));
  const first = stages[0];
  const seen = new Set<string>(first === undefined ? [] : [first.name]);
  const queue = first === undefined ? [] : [first];
  for (let stage = queue.shift(); stage !== undefined; stage = queue.shift()) {
    for (const name of targets(stage)) {
      const next = byName.get(name);
      if (next !== undefined && !seen.has(name)) {
        seen.add(name);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Stages from which some path leads out of the run (fixpoint over the transition graph). */
function canExit(stages: readonly StageDecl[]): Set<string> {
  const names = new Set(stages.map((s) => s.name));
  const out = new Set(stages.filter(exitsDirectly).map((s) => s.name));
  for (let changed = true; changed;) {
    changed = false;
    for (const stage of stages) {
      // A target that is not a stage was already reported (MS2001); count it as a way out to avoid a second error.
      if (!out.has(stage.name) && targets(stage).some((t) => out.has(t) || !names.has(t))) {
        out.add(stage.name);
        changed = true;
      }
    }
  }
  return out;
}

export function checkAgent(ctx: CheckContext, agent: AgentDecl): void {
  const unique: StageDecl[] = [];
  for (const stage of agent.stages) {
    if (unique.some((s) => s.name === stage.name))
      ctx.report("MS2025", stage.nameSpan, { name: stage.name, agent: agent.name });
    else unique.push(stage);
  }
  const names = unique.map((s) => s.name);
  for (const stage of unique) {
    const scope = { where: `stage '${stage.name}'`, stages: names };
    checkFields(ctx, scope, stage.fields, STAGE_TABLE, stage.nameSpan);
  }
  const first = unique[0];
  if (first === undefined) return;
  const live = reachable(unique);
  const exits = canExit(unique);
  for (const stage of unique) {
    if (!live.has(stage.name)) ctx.report("MS2010", stage.nameSpan, { name: stage.name, first: first.name });
    else if (!exits.has(stage.name)) ctx.report("MS2011", stage.nameSpan, { name: stage.name });
  }
}
