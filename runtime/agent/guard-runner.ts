/**
 * Runs the declared guards at each hook of the loop: finds the active GuardSpecs (the agent's plus the stage's),
 * asks their detectors, counts triggers, applies escalation, and hands the loop one resolved action per hit. The loop
 * applies the actions; a detector that throws is skipped with a warning (a guard bug never ends a run).
 */
import type { ToolOutcome } from "../tools/types.js";
import {
  isAnswer,
  type CallRecord,
  type GuardDetector,
  type GuardHit,
  type GuardRegistry,
  type TurnRecord,
} from "./guard-api.js";
import type { AgentEvent } from "./events.js";
import type { RunState } from "./run-state.js";
import type { GuardAction, GuardSpec, StageSpec } from "./spec.js";

export type GuardHook = "beforeTurn" | "onReply" | "beforeCall" | "afterCall";

/** One guard hit, after escalation, ready to apply. */
export interface ResolvedGuard {
  guard: string;
  action: GuardAction;
  /** The declared message plus the detector's detail. */
  message: string;
}

/** Older generated code spells `stop` as `abort`; both end the run. */
function normalize(action: GuardAction): GuardAction {
  const loose = action as { kind: string; reason?: string; message?: string };
  if (loose.kind === "abort")
    return { kind: "stop", reason: loose.reason ?? loose.message ?? "a guard stopped the run" };
  return action;
}

function messageOf(action: GuardAction, detail: string | undefined): string {
  const base = action.kind === "stop" ? action.reason : action.kind === "compact" ? "" : (action.message ?? "");
  return detail ? (base ? `${base}\n${detail}` : detail) : base;
}

export class GuardRunner {
  constructor(
    private readonly declared: readonly GuardSpec[],
    private readonly agentGuards: readonly string[],
    private readonly registry: GuardRegistry,
    private readonly state: RunState,
    private readonly emit: (event: AgentEvent) => void,
  ) {}

  /** The enabled guards of a stage that have a registered detector. */
  active(stage: StageSpec): Array<{ spec: GuardSpec; detector: GuardDetector }> {
    const names = new Set([...this.agentGuards, ...(stage.guards ?? [])]);
    const out: Array<{ spec: GuardSpec; detector: GuardDetector }> = [];
    for (const spec of this.declared) {
      const detector = this.registry[spec.detector];
      if (names.has(spec.name) && spec.enabled && detector) out.push({ spec, detector });
    }
    return out;
  }

  beforeTurn(stage: StageSpec): ResolvedGuard[] {
    return this.collect(stage, "beforeTurn", (d, s) => d.beforeTurn?.(s, this.state));
  }

  onReply(stage: StageSpec, turn: TurnRecord): ResolvedGuard[] {
    return this.collect(stage, "onReply", (d, s) => d.onReply?.(s, this.state, turn));
  }

  afterCall(stage: StageSpec, call: CallRecord): ResolvedGuard[] {
    return this.collect(stage, "afterCall", (d, s) => d.afterCall?.(s, this.state, call));
  }

  /** The first guard that rejects or answers the call, if any. */
  beforeCall(stage: StageSpec, call: CallRecord): { answer: ToolOutcome; guard: string } | ResolvedGuard | undefined {
    for (const { spec, detector } of this.active(stage)) {
      const verdict = this.safely(spec, () => detector.beforeCall?.(spec, this.state, call));
      if (!verdict) continue;
      if (isAnswer(verdict)) {
        this.state.trigger(spec.name);
        const output = verdict.detail ? `${verdict.answer.output}\n${verdict.detail}` : verdict.answer.output;
        this.emitGuard("beforeCall", spec.name, "answer", verdict.detail ?? "answered from an earlier result");
        return { answer: { ...verdict.answer, output }, guard: spec.name };
      }
      return this.resolve(spec, verdict, "beforeCall");
    }
    return undefined;
  }

  /** Tools to demote and drop this turn, over every active guard. */
  availability(stage: StageSpec): { demote: Set<string>; drop: Set<string> } {
    const demote = new Set<string>();
    const drop = new Set<string>();
    for (const { spec, detector } of this.active(stage)) {
      const r = this.safely(spec, () => detector.toolAvailability?.(spec, this.state));
      r?.demote.forEach((t) => demote.add(t));
      r?.drop.forEach((t) => drop.add(t));
    }
    return { demote, drop };
  }

  private collect(
    stage: StageSpec,
    hook: GuardHook,
    ask: (detector: GuardDetector, spec: GuardSpec) => GuardHit | undefined,
  ): ResolvedGuard[] {
    const out: ResolvedGuard[] = [];
    for (const { spec, detector } of this.active(stage)) {
      const hit = this.safely(spec, () => ask(detector, spec));
      if (hit) out.push(this.resolve(spec, hit, hook));
    }
    return out;
  }

  private resolve(spec: GuardSpec, hit: GuardHit, hook: GuardHook): ResolvedGuard {
    const before = this.state.triggers(spec.name);
    const count = this.state.trigger(spec.name);
    const escalated = spec.escalate && before >= spec.escalate.afterTriggers ? spec.escalate.action : hit.action;
    const action = normalize(escalated);
    const message = messageOf(action, hit.detail);
    this.emitGuard(hook, spec.name, action.kind, message, count);
    return { guard: spec.name, action, message };
  }

  private emitGuard(hook: GuardHook, guard: string, action: string, message: string, triggers?: number): void {
    this.emit({
      type: "guard",
      turn: this.state.turn,
      guard,
      hook,
      action,
      message,
      triggers: triggers ?? this.state.triggers(guard),
    });
  }

  private safely<T>(spec: GuardSpec, f: () => T | undefined): T | undefined {
    try {
      return f();
    } catch (err) {
      this.emit({
        type: "warning",
        message: `Guard ${spec.name} failed and was skipped this time: ${err instanceof Error ? err.message : String(err)}`,
      });
      return undefined;
    }
  }
}
