/**
 * The simulated model: for each agent request it judges how its last reply went (feedback.ts), decides whether to
 * move on, correct itself or flounder, and plays the next reference step perturbed by the profile's seeded noise.
 * Everything random comes from an Rng seeded by (seed, task id, turn), so a run is reproducible.
 */
import type { ReplySpec } from "../server/index.js";
import type { RequestView } from "./conversation.js";
import { judge } from "./feedback.js";
import { truncate, think } from "./perturb/broken-output.js";
import { instructedFormat, renderCall, type Rendered } from "./perturb/format.js";
import { greeting, prose } from "./perturb/habits.js";
import { driftParam, missName } from "./perturb/naming.js";
import { spoilEdit, type SloppyKind } from "./perturb/sloppy-edit.js";
import type { SimProfile } from "./profiles.js";
import { Rng } from "./rng.js";
import type { Emission, NoiseKind, SimCall, SimFormat, SimTask } from "./types.js";

type Habit = "repeat" | "greeting" | "prose" | "empty";
type Plan =
  /** The next step with fresh noise; `resumed` after coming back from a habit (no habit this time). */
  | { how: "fresh"; resumed?: boolean }
  | { how: "clean" }
  | { how: "flounder"; last: Extract<Emission, { kind: "call" }> }
  | { how: "again"; habit: Habit }
  | { how: "detour"; call: SimCall };

/** Tools every SmallCode agent offers; a spelled-out call to one of them can be followed in prompt mode too. */
const CORE_TOOLS = ["read_file", "write_file", "edit_file", "bash", "grep", "glob", "list_dir"];
/** Failed tries of one step before the model gives up on it and moves to the next. */
const PATIENCE = 5;

const SLOPPY: Record<keyof SimProfile["sloppyKinds"], SloppyKind> = {
  indent: "edit-indent",
  elided: "edit-elided",
  stale: "edit-stale",
  crlf: "edit-crlf",
  lineNumbers: "edit-line-numbers",
};

export class Player {
  private step = 0;
  private turn = 0;
  private last: Emission | undefined;
  private lastRan: SimCall | undefined;
  private failures = 0;
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly task: SimTask,
    private readonly profile: SimProfile,
    private readonly seed: number,
  ) {}

  private count(key: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  /** The reply to one agent request. */
  reply(view: RequestView): ReplySpec {
    this.turn++;
    this.count("replies");
    const rng = new Rng(this.seed, this.task.id, this.turn);
    const plan = this.decide(view, rng);
    const ref = this.task.reference[this.step];
    if (ref === undefined || "say" in ref) {
      this.last = { kind: "say", step: this.step };
      const text = ref && "say" in ref ? ref.say : "Done.";
      return { content: text, reasoning: "", toolCalls: [] };
    }
    const call: SimCall = { tool: ref.tool, args: { ...ref.args } };
    if (plan.how === "detour") return this.playDetour(plan.call, view);
    if (plan.how === "fresh" || plan.how === "again") {
      const habit = plan.how === "again" ? plan.habit : plan.resumed ? undefined : this.rollHabit(rng);
      if (habit) return this.playHabit(habit, call, view, rng);
    }
    return this.playCall(call, plan, view, rng);
  }

  /** Moves on, corrects, takes a detour the feedback spells out, or flounders, from how the last reply went. */
  private decide(view: RequestView, rng: Rng): Plan {
    const last = this.last;
    if (!last) return { how: "fresh" };
    if (last.kind === "detour") return { how: "clean" };
    const j = judge(last, view, this.task, [...new Set([...view.toolNames, ...CORE_TOOLS])]);
    if (j.done || (last.kind !== "say" && ++this.failures >= PATIENCE)) {
      if (!j.done) this.count("gave-up");
      if (last.kind === "call") {
        const ref = this.task.reference[last.step];
        if (j.done && ref && "tool" in ref) this.lastRan = { tool: ref.tool, args: ref.args };
      }
      if (last.kind === "call" || !j.done) this.step = last.step + 1;
      this.failures = 0;
      return { how: "fresh" };
    }
    if (last.kind === "habit" && last.habit === "repeat") return { how: "fresh" };
    const recovers = rng.chance(j.actionable ? this.profile.correct : this.profile.unaided);
    this.count(recovers ? (j.actionable ? "corrected" : "recovered-unaided") : "floundered");
    if (last.kind === "habit") return recovers ? { how: "fresh", resumed: true } : { how: "again", habit: last.habit };
    if (last.kind !== "call") return { how: "fresh" };
    if (recovers && j.detour) return { how: "detour", call: j.detour };
    return recovers ? { how: "clean" } : { how: "flounder", last };
  }

  /** The call the feedback asked for (a read before an edit …), played cleanly; the step is retried after it. */
  private playDetour(call: SimCall, view: RequestView): ReplySpec {
    this.count("detour");
    this.last = { kind: "detour", step: this.step, call };
    const format = view.native ? "native" : instructedFormat(view.system);
    const r = renderCall(call, format, `call_${this.turn}`);
    return { content: r.content, reasoning: "", toolCalls: r.toolCalls };
  }

  /** A bad habit instead of the step, by the profile's rates, or undefined. */
  private rollHabit(rng: Rng): Habit | undefined {
    const p = this.profile;
    if (this.step > 0 && rng.chance(p.greeting)) return "greeting";
    if (rng.chance(p.empty)) return "empty";
    if (rng.chance(p.prose)) return "prose";
    if (this.lastRan && rng.chance(p.repeat)) return "repeat";
    return undefined;
  }

  private playHabit(habit: Habit, call: SimCall, view: RequestView, rng: Rng): ReplySpec {
    this.count(habit);
    if (habit === "repeat" && this.lastRan) {
      this.last = { kind: "habit", step: this.step, habit, call: this.lastRan };
      const r = renderCall(this.lastRan, view.native ? "native" : instructedFormat(view.system), `call_${this.turn}`);
      return { content: r.content, reasoning: "", toolCalls: r.toolCalls };
    }
    const h = habit === "repeat" ? "prose" : habit;
    this.last = { kind: "habit", step: this.step, habit: h };
    const text = h === "greeting" ? greeting(rng) : h === "empty" ? "" : prose(call, rng);
    return { content: text, reasoning: "", toolCalls: [] };
  }

  private format(view: RequestView, rng: Rng): SimFormat {
    const weights = view.native ? this.profile.formatsNative : this.profile.formatsPrompt;
    const chosen = rng.weighted(weights) ?? "instructed";
    if (chosen === "instructed") return view.native ? "native" : instructedFormat(view.system);
    if (chosen === "native" && !view.native) return instructedFormat(view.system);
    return chosen;
  }

  /** An edit's texts spoiled by a sloppy-edit kind (the same kind again when floundering), or the call unchanged. */
  private sloppy(call: SimCall, plan: Plan, rng: Rng, mistakes: NoiseKind[]): SimCall {
    const old = call.args["old_text"];
    if (typeof old !== "string" || old === "") return call;
    const prior = plan.how === "flounder" ? plan.last.mistakes.find((k) => k.startsWith("edit-")) : undefined;
    const slop =
      prior !== undefined || (plan.how !== "clean" && plan.how !== "flounder" && rng.chance(this.profile.sloppyEdit));
    const kind = (prior as SloppyKind | undefined) ?? SLOPPY[rng.weighted(this.profile.sloppyKinds) ?? "indent"];
    const spoiled = slop ? spoilEdit(old, String(call.args["new_text"] ?? ""), kind, rng) : undefined;
    if (!spoiled) return call;
    mistakes.push(spoiled.kind);
    return { tool: call.tool, args: { ...call.args, old_text: spoiled.old, new_text: spoiled.updated } };
  }

  /** Naming errors: a drifted parameter, then at most one wrong tool name. */
  private naming(
    call: SimCall,
    wants: (kind: NoiseKind, rate: number) => boolean,
    rng: Rng,
    mistakes: NoiseKind[],
  ): SimCall {
    const p = this.profile;
    if (wants("param-drift", p.paramDrift)) {
      const drifted = driftParam(call, rng);
      if (drifted) ((call = drifted), mistakes.push("param-drift"));
    }
    for (const kind of ["tool-near-miss", "tool-made-up"] as const) {
      if (mistakes.includes("tool-near-miss") || mistakes.includes("tool-made-up")) break;
      if (!wants(kind, kind === "tool-near-miss" ? p.toolNearMiss : p.toolMadeUp)) continue;
      const renamed = missName(call, kind, rng);
      if (renamed) ((call = renamed), mistakes.push(kind));
    }
    return call;
  }

  /** One reference call with the profile's noise (fresh), none (clean), or the last reply's mistakes (flounder). */
  private playCall(ref: SimCall, plan: Plan, view: RequestView, rng: Rng): ReplySpec {
    const clean = plan.how === "clean";
    const mistakes: NoiseKind[] = [];
    const p = this.profile;
    const wants = (kind: NoiseKind, rate: number): boolean =>
      plan.how === "flounder" ? plan.last.mistakes.includes(kind) : !clean && rng.chance(rate);
    const call = this.naming(this.sloppy(ref, plan, rng, mistakes), wants, rng, mistakes);
    const format =
      plan.how === "flounder"
        ? plan.last.format
        : clean
          ? view.native
            ? "native"
            : instructedFormat(view.system)
          : this.format(view, rng);
    let out: Rendered = renderCall(call, format, `call_${this.turn}`);
    let finish: "length" | undefined;
    if (wants("truncated", p.truncated)) {
      out = truncate(out, rng);
      finish = "length";
      mistakes.push("truncated");
    }
    if (wants("think-unclosed", p.thinkUnclosed))
      ((out = think(out, call, false, rng)), mistakes.push("think-unclosed"));
    else if (wants("think-closed", p.thinkClosed)) ((out = think(out, call, true, rng)), mistakes.push("think-closed"));
    for (const k of mistakes) this.count(k);
    this.count(`format:${format}`);
    this.last = { kind: "call", step: this.step, call, mistakes, format };
    const spec: ReplySpec = { content: out.content, reasoning: "", toolCalls: out.toolCalls };
    if (finish) spec.finishReason = finish;
    return spec;
  }
}
