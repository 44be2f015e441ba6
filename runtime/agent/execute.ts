/**
 * Executing one reply's calls: snapshot before the turn's first edit (the store records each file once per turn),
 * guards before and after each call, the tool itself, and the capped result appended to the history.
 */
import type { ToolResultMeta } from "../context/types.js";
import type { ParsedToolCall } from "../toolcall/types.js";
import type { ToolOutcome } from "../tools/types.js";
import type { CallRecord, TurnRecord } from "./guard-api.js";
import type { ResolvedGuard } from "./guard-runner.js";
import type { LoopParts } from "./loop-parts.js";
import { fill } from "./defaults.js";
import { pinFromOutcome } from "./planning-pins.js";
import { recordingShellChanges, shellChanged } from "./shell-undo.js";
import { checkDoneSteps } from "./step-check.js";
import type { StageSpec } from "./spec.js";
import { applyGuards, type StepResult } from "./turn.js";

const READ_TOOLS = new Set(["read_file"]);

/** A shell command that ran and exited non-zero is not a tool failure; a refused or malformed call is. */
function isToolFailure(name: string, outcome: ToolOutcome): boolean {
  if (outcome.ok) return false;
  if (name === "bash" || typeof outcome.data?.["command"] === "string")
    return typeof outcome.data?.["exitCode"] !== "number";
  return true;
}

function touched(outcome: ToolOutcome): string[] {
  const files = outcome.data?.["filesTouched"];
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
}

/** Pins the list of files edited in this run (kept through compaction, at the tail of every request). */
export function pinEditedFiles(p: LoopParts): void {
  p.engine.pin({
    key: "edited-files",
    kind: "note",
    title: p.messages.editedFilesTitle,
    content: [...p.counters.filesChanged].map((f) => `- ${f}`).join("\n"),
  });
}

function trackFiles(p: LoopParts, call: CallRecord, outcome: ToolOutcome): string[] {
  const writes = outcome.ok ? touched(outcome) : [];
  if (outcome.ok && READ_TOOLS.has(call.name) && call.path !== undefined) p.state.filesRead.add(call.path);
  for (const w of writes) p.state.filesRead.delete(w);
  for (const w of [...writes, ...shellChanged(outcome)]) {
    if (!p.counters.filesChanged.has(w)) {
      p.counters.filesChanged.add(w);
      pinEditedFiles(p);
    }
  }
  return writes;
}

async function runOne(
  p: LoopParts,
  stage: StageSpec,
  call: CallRecord,
  rejectAll: ResolvedGuard | undefined,
): Promise<{ outcome: ToolOutcome; handledBy?: string; stop?: StepResult }> {
  if (rejectAll) return { outcome: { ok: false, output: rejectAll.message }, handledBy: rejectAll.guard };
  if (!p.state.availableTools.includes(call.name)) {
    return { outcome: { ok: false, output: fill(p.messages.toolDropped, { tool: call.name }) } };
  }
  const verdict = p.guards.beforeCall(stage, call);
  if (verdict && "answer" in verdict) return { outcome: verdict.answer, handledBy: verdict.guard };
  if (verdict) {
    if (verdict.action.kind === "reject")
      return { outcome: { ok: false, output: verdict.message }, handledBy: verdict.guard };
    const stop = await applyGuards(p, [verdict]);
    if (stop) return { outcome: { ok: false, output: verdict.message }, handledBy: verdict.guard, stop };
  }
  const spec = p.specs.get(call.name);
  return { outcome: await recordingShellChanges(p, spec, () => p.tools.run(call.name, { ...call.arguments })) };
}

/** Runs the calls in order; returns an end when a guard stops the run (remaining calls are answered as skipped). */
export async function executeCalls(
  p: LoopParts,
  stage: StageSpec,
  record: TurnRecord,
  calls: readonly ParsedToolCall[],
  ids: readonly string[],
  offered: ReadonlySet<string>,
  rejectAll: ResolvedGuard | undefined,
): Promise<StepResult | undefined> {
  p.snapshots.beginTurn(record.turn);
  let stop: StepResult | undefined;
  let guardHit = rejectAll !== undefined;
  const categories = new Set<string>();
  for (const [i, parsed] of calls.entries()) {
    const call = record.calls[i];
    const id = ids[i] ?? `call_${record.turn}_${i + 1}`;
    if (!call) continue;
    p.emit({
      type: "tool_call",
      turn: record.turn,
      id,
      name: call.name,
      arguments: parsed.arguments,
      format: parsed.format,
      offered: offered.has(call.name),
      repairs: [...parsed.repairs],
    });
    const started = Date.now();
    const r = stop
      ? { outcome: { ok: false, output: "Not run: the run was stopped before this call." } as ToolOutcome }
      : await runOne(p, stage, call, rejectAll);
    const outcome = r.outcome;
    call.outcome = outcome;
    call.toolFailure = isToolFailure(call.name, outcome);
    if (r.handledBy !== undefined) {
      call.handledBy = r.handledBy;
      guardHit = true;
    }
    stop ??= r.stop;
    const writes = r.handledBy === undefined ? trackFiles(p, call, outcome) : [];
    if (r.handledBy === undefined) pinFromOutcome(p, outcome);
    const spec = p.specs.get(call.name);
    if (spec) categories.add(spec.category);
    const meta: ToolResultMeta = {
      tool: call.name,
      callKey: call.key,
      ok: outcome.ok,
      writes,
      ...(READ_TOOLS.has(call.name) && call.path !== undefined && outcome.ok ? { reads: [call.path] } : {}),
      ...(spec?.resultCap !== undefined ? { cap: Math.min(spec.resultCap, p.engine.budgetSpec.toolResultChars) } : {}),
    };
    const shown = p.append({ role: "tool", content: outcome.output, toolCallId: id, name: call.name }, meta);
    p.counters.calls.push({ turn: record.turn, name: call.name, arguments: parsed.arguments, ok: outcome.ok });
    p.emit({
      type: "tool_result",
      turn: record.turn,
      id,
      name: call.name,
      ok: outcome.ok,
      output: shown,
      durationMs: Date.now() - started,
      ...(r.handledBy !== undefined ? { handledBy: r.handledBy } : {}),
      ...(outcome.data ? { data: outcome.data } : {}),
    });
    if (r.handledBy === undefined) await checkDoneSteps(p, stage, outcome);
    if (!stop) {
      const after = p.guards.afterCall(stage, call);
      if (after.length > 0) guardHit = true;
      stop = await applyGuards(p, after);
    }
  }
  p.counters.previousCategories = [...categories];
  if (!guardHit) p.state.consecutiveSteers = 0;
  return stop;
}
