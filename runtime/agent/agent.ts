/**
 * The agent: `run()` walks the AgentSpec's stages generically — `loop` stages repeat `step()` until the model finishes,
 * `run` stages run a project command through the shell, `prompt` stages call a declared prompt — with `nextStage()`
 * for transitions, retries and rollback. Every way out is one of the ExitReason union; nothing throws to the caller.
 */
import { capToolResult } from "../context/truncate.js";
import { describeRollback } from "../session/snapshots.js";
import { EventBus, type AgentEvent, type AgentListener } from "./events.js";
import type { GuardRegistry } from "./guard-api.js";
import { loadGuardRegistry } from "./guard-registry.js";
import type { LoopParts } from "./loop-parts.js";
import { fill, FALLBACK_MODEL, messagesOf } from "./defaults.js";
import { projectCommand } from "./project-commands.js";
import { replay } from "./resume.js";
import type { LoadedSession } from "./session-log.js";
import { buildRun, type BuiltRun } from "./setup.js";
import { DONE_STAGE, STOP_STAGES, nextStage, type CommandRef, type StageSpec } from "./spec.js";
import { step } from "./turn.js";
import { runChangedFiles, workspaceFingerprint } from "./workspace-changes.js";
import type { AgentOptions, ExitReason, RunResult } from "./types.js";

type StageEnd =
  | { kind: "outcome"; outcome: "success" | "failure"; limit?: string }
  | { kind: "end"; reason: ExitReason; detail: string };

export interface RunInput {
  /** Continue a logged session: its history is rebuilt, then `task` (or "continue") is sent as a follow-up. */
  resume?: LoadedSession;
}

export class Agent {
  private readonly bus = new EventBus();

  constructor(private readonly options: AgentOptions) {}

  /** Subscribes to every event; returns the unsubscribe function. */
  on(listener: AgentListener): () => void {
    return this.bus.on(listener);
  }

  async run(task: string, input: RunInput = {}): Promise<RunResult> {
    const started = Date.now();
    const registry: GuardRegistry = this.options.disable?.includes("guards")
      ? {}
      : (this.options.guardRegistry ?? (await loadGuardRegistry()));
    const resume = input.resume;
    const originalTask = resume?.task ?? task;
    let built: BuiltRun | undefined;
    let end: { reason: ExitReason; detail: string } = { reason: "error", detail: "The run did not start." };
    try {
      built = await buildRun(this.options, originalTask, registry, (e) => this.bus.emit(e), resume);
      const p = built.parts;
      this.begin(p, built, task, originalTask, resume);
      end = await this.stages(p, built);
    } catch (err) {
      end = { reason: "error", detail: `Internal error: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      await built?.shell.close().catch(() => undefined);
    }
    return this.finish(built, end, started);
  }

  /** Starts the run's record: the session's meta line (or the resumed history), the working-tree fingerprint, run_start. */
  private begin(p: LoopParts, built: BuiltRun, task: string, originalTask: string, resume?: LoadedSession): void {
    if (this.options.bundle.agent.stages.some((s) => s.when === "files_changed")) {
      const fingerprint = workspaceFingerprint(this.options.cwd);
      if (fingerprint !== undefined) p.counters.workspaceAtStart = fingerprint;
    }
    const restored = resume?.context !== undefined && !this.options.disable?.includes("context");
    if (resume) {
      const followUp = task.trim() === "" ? messagesOf(this.options.bundle.agent).resumeFollowUp : task;
      replay(p, built.log, resume, followUp, restored);
    } else {
      built.log.append({
        kind: "meta",
        version: 1,
        sessionId: built.sessionId,
        task,
        cwd: this.options.cwd,
        model: this.options.client.model,
        startedAt: new Date().toISOString(),
      });
    }
    p.emit({
      type: "run_start",
      sessionId: built.sessionId,
      task: originalTask,
      model: this.options.client.model,
      baseUrl: this.options.client.baseUrl,
      toolMode: this.options.toolMode,
      cwd: this.options.cwd,
      resumed: resume !== undefined,
      ...(resume ? { resumedFrom: restored ? ("snapshot" as const) : ("replay" as const) } : {}),
      source: this.options.bundle.source,
    });
  }

  private finish(built: BuiltRun | undefined, end: { reason: ExitReason; detail: string }, started: number): RunResult {
    const c = built?.parts.counters;
    const result: RunResult = {
      success: end.reason === "done",
      reason: end.reason,
      detail: end.detail,
      text: c?.finalText ?? "",
      toolCalls: c?.calls ?? [],
      filesChanged: [...(c?.filesChanged ?? [])].sort(),
      usage: { promptTokens: c?.promptTokens ?? 0, completionTokens: c?.completionTokens ?? 0 },
      turns: built?.parts.state.turn ?? 0,
      durationMs: Date.now() - started,
      sessionId: built?.sessionId ?? "",
    };
    const done: AgentEvent = {
      type: "done",
      reason: result.reason,
      success: result.success,
      detail: result.detail,
      text: result.text,
      turns: result.turns,
      usage: result.usage,
      durationMs: result.durationMs,
      sessionId: result.sessionId,
      filesChanged: result.filesChanged,
    };
    if (built && !this.options.disable?.includes("context")) {
      built.log.append({ kind: "context", snapshot: built.parts.engine.snapshot() });
    }
    if (built) built.parts.emit(done);
    else this.bus.emit(done);
    if (built?.log.failed)
      this.bus.emit({ type: "warning", message: `The session log ${built.log.file} could not be written.` });
    return result;
  }

  /** The stage machine. */
  private async stages(p: LoopParts, built: BuiltRun): Promise<{ reason: ExitReason; detail: string }> {
    const agent = p.bundle.agent;
    const retries = new Map<string, number>();
    const visits = new Map<string, number>();
    let current = agent.initialStage;
    for (;;) {
      if (current === DONE_STAGE) return { reason: "done", detail: "The task is finished." };
      if (current === "rollback") return this.stop(p, undefined, { kind: "outcome", outcome: "failure" }, "rollback");
      if (STOP_STAGES.includes(current)) return { reason: "error", detail: `The agent's stages ended in ${current}.` };
      const stage = agent.stages.find((s) => s.name === current);
      if (!stage) return { reason: "error", detail: `The agent has no stage named ${current}.` };
      const visit = (visits.get(stage.name) ?? 0) + 1;
      visits.set(stage.name, visit);
      const skipped = this.skipReason(p, stage);
      p.emit({ type: "stage", stage: stage.name, kind: stage.action.kind, visit, ...(skipped ? { skipped } : {}) });
      const end: StageEnd = skipped ? { kind: "outcome", outcome: "success" } : await this.runStage(p, built, stage);
      if (end.kind === "end") return end;
      const next = nextStage(agent, stage.name, end.outcome, retries);
      if ("stop" in next) return this.stop(p, stage, end, next.stop);
      if (end.outcome === "failure") retries.set(next.stage, (retries.get(next.stage) ?? 0) + 1);
      current = next.stage;
    }
  }

  /** Why a stage is not entered (its `when:` does not hold), as the agent's `stage_skipped` message; else undefined. */
  private skipReason(p: LoopParts, stage: StageSpec): string | undefined {
    if (stage.when !== "files_changed" || runChangedFiles(p, this.options.cwd)) return undefined;
    return fill(p.messages.stageSkipped, { stage: stage.name, reason: "the run changed no files" });
  }

  private async stop(
    p: LoopParts,
    stage: StageSpec | undefined,
    end: Extract<StageEnd, { kind: "outcome" }>,
    how: "rollback" | "failed",
  ): Promise<{ reason: ExitReason; detail: string }> {
    const why = end.limit ?? (stage ? `stage ${stage.name} failed` : "the stages ended in rollback");
    const reason: ExitReason = end.limit ? "limits" : "error";
    if (how === "failed") return { reason, detail: `${why[0]?.toUpperCase()}${why.slice(1)}.` };
    const turns = (await p.snapshots.turns()).sort((a, b) => b - a);
    const reports: string[] = [];
    for (const t of turns) reports.push(describeRollback(await p.snapshots.rollback(t)));
    p.emit({ type: "warning", message: reports.join(" ") || "Nothing to roll back." });
    p.counters.filesChanged.clear();
    return { reason, detail: `${why[0]?.toUpperCase()}${why.slice(1)}; the run's edits were rolled back.` };
  }

  private async runStage(p: LoopParts, built: BuiltRun, stage: StageSpec): Promise<StageEnd> {
    const action = stage.action;
    if (action.kind === "run") return this.command(p, built, stage, action.command);
    if (action.kind === "prompt") return this.prompt(p, action.prompt);
    const end = await this.loop(p, stage);
    if (end.kind === "outcome" && end.outcome === "success" && stage.validate) {
      return this.command(p, built, stage, stage.validate);
    }
    return end;
  }

  private async loop(p: LoopParts, stage: StageSpec): Promise<StageEnd> {
    const agent = p.bundle.agent;
    const maxTurns = this.options.maxTurns ?? agent.maxTurns ?? FALLBACK_MODEL.maxTurns;
    const started = Date.now();
    for (let turns = 0; ; turns++) {
      if (this.options.signal?.aborted) return { kind: "end", reason: "aborted", detail: "The run was interrupted." };
      if (p.state.turn >= maxTurns)
        return { kind: "end", reason: "limits", detail: `Reached the limit of ${maxTurns} model turns.` };
      if (stage.maxTurns !== undefined && turns >= stage.maxTurns) {
        return {
          kind: "outcome",
          outcome: "failure",
          limit: `stage ${stage.name} reached its limit of ${stage.maxTurns} turns`,
        };
      }
      if (stage.timeoutMs !== undefined && Date.now() - started > stage.timeoutMs) {
        return { kind: "outcome", outcome: "failure", limit: `stage ${stage.name} ran out of time` };
      }
      if (agent.timeoutMs !== undefined && p.state.elapsedMs > agent.timeoutMs) {
        return { kind: "end", reason: "limits", detail: "The run reached its time limit." };
      }
      const r = await step(p, stage);
      if (r.kind === "finished") return { kind: "outcome", outcome: "success" };
      if (r.kind === "end") return r;
    }
  }

  private async command(p: LoopParts, built: BuiltRun, stage: StageSpec, ref: CommandRef): Promise<StageEnd> {
    const command =
      ref.kind === "shell" ? ref.command : projectCommand(this.options.cwd, ref.key, this.options.projectCommands);
    if (command === undefined) {
      const key = ref.kind === "project" ? ref.key : "command";
      p.emit({ type: "warning", message: `No ${key} is known for this project; stage ${stage.name} was skipped.` });
      return { kind: "outcome", outcome: "success" };
    }
    const r = await built.shell.run(command, stage.timeoutMs !== undefined ? { timeoutMs: stage.timeoutMs } : {});
    const output = r.refused ?? r.output;
    p.emit({ type: "command", stage: stage.name, command, exitCode: r.exitCode, output, durationMs: r.durationMs });
    if (r.exitCode === 0) return { kind: "outcome", outcome: "success" };
    p.counters.pendingNotes.push(
      fill(p.messages.checkFailed, {
        command,
        exit_code: r.exitCode === null ? "none (killed)" : r.exitCode,
        output: capToolResult(output, p.limits.checkOutputChars).text,
      }),
    );
    return { kind: "outcome", outcome: "failure" };
  }

  private async prompt(p: LoopParts, name: string): Promise<StageEnd> {
    const fn = p.bundle.prompts?.[name];
    if (!fn)
      return { kind: "end", reason: "error", detail: `The stage calls the prompt ${name}, which is not declared.` };
    const runtime = this.options.promptRuntime ?? { clientFor: () => this.options.client };
    const r = await fn({ task: p.state.task, project: this.options.cwd } as never, runtime);
    if (!r.ok) {
      p.emit({ type: "warning", message: `The prompt ${name} failed: ${r.message}` });
      return { kind: "outcome", outcome: "failure" };
    }
    p.engine.pin({ key: `prompt:${name}`, kind: "note", title: name, content: r.text });
    return { kind: "outcome", outcome: "success" };
  }
}
