/**
 * A tiny in-memory RunView builder for detector unit tests: turns of calls with outcomes, files read, files that
 * exist, tokens, time, trigger counts and consecutive steers, all as plain data.
 */
import type { CallRecord, RunView, TurnRecord } from "../../runtime/agent/guard-api.js";
import type { GuardSpec, GuardThreshold } from "../../runtime/agent/spec.js";
import type { ToolOutcome } from "../../runtime/tools/types.js";
import * as declared from "../../generated/guards.js";

export const TOOLS = ["read_file", "write_file", "edit_file", "list_dir", "glob", "grep", "bash"];

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface CallOptions {
  ok?: boolean;
  output?: string;
  data?: Record<string, unknown>;
  toolFailure?: boolean;
  handledBy?: string;
  /** Leave the call without an outcome (not run yet: what beforeCall sees). */
  pending?: boolean;
}

/** One call; `path` comes from the `path` argument, the outcome defaults to a success. */
export function call(name: string, args: Record<string, unknown> = {}, o: CallOptions = {}): CallRecord {
  const ok = o.ok ?? true;
  const outcome: ToolOutcome = {
    ok,
    output: o.output ?? (ok ? `${name} ok` : `${name} failed`),
    ...(o.data ? { data: o.data } : {}),
  };
  return {
    turn: 0,
    name,
    arguments: args,
    known: TOOLS.includes(name),
    key: `${name}${canonical(args)}`,
    toolFailure: o.toolFailure ?? !ok,
    ...(typeof args["path"] === "string" ? { path: args["path"] } : {}),
    ...(o.pending ? {} : { outcome }),
    ...(o.handledBy !== undefined ? { handledBy: o.handledBy } : {}),
  };
}

/** A call as it looks before it runs. */
export const pending = (name: string, args: Record<string, unknown> = {}): CallRecord =>
  call(name, args, { pending: true });

export const read = (path: string): CallRecord => call("read_file", { path });
export const edit = (path: string, ok: boolean): CallRecord =>
  call("edit_file", { path, old_text: "a", new_text: "b" }, ok ? { data: { filesTouched: [path] } } : { ok: false });
export const bash = (command: string, exitCode: number): CallRecord =>
  call("bash", { command }, { ok: exitCode === 0, toolFailure: false, data: { command, exitCode } });

export interface TurnInput {
  text?: string;
  calls?: CallRecord[];
  diagnostics?: string[];
}

export function turn(n: number, input: TurnInput = {}): TurnRecord {
  return {
    turn: n,
    text: input.text ?? "",
    calls: (input.calls ?? []).map((c) => ({ ...c, turn: n })),
    parseDiagnostics: input.diagnostics ?? [],
    stage: "act",
  };
}

export interface ViewInput {
  task?: string;
  /** Completed turns, each a TurnInput; numbered from 1. */
  turns?: TurnInput[];
  /** The current turn's number; defaults to one after the completed turns. */
  turn?: number;
  filesRead?: string[];
  existing?: string[];
  available?: string[];
  tokensUsed?: number;
  elapsedMs?: number;
  triggers?: Record<string, number>;
  consecutiveSteers?: number;
}

export function view(input: ViewInput = {}): RunView {
  const turns = (input.turns ?? []).map((t, i) => turn(i + 1, t));
  const existing = new Set(input.existing ?? []);
  return {
    task: input.task ?? "Fix the failing test in calc.js.",
    turn: input.turn ?? turns.length + 1,
    turns,
    filesRead: new Set(input.filesRead ?? []),
    fileExists: (p) => existing.has(p),
    toolNames: TOOLS,
    availableTools: input.available ?? TOOLS,
    tokensUsed: input.tokensUsed ?? 0,
    elapsedMs: input.elapsedMs ?? 0,
    triggers: (g) => input.triggers?.[g] ?? 0,
    consecutiveSteers: input.consecutiveSteers ?? 0,
  };
}

/** The declared GuardSpec for `name` (from generated/guards.ts), optionally with thresholds changed. */
export function spec(name: keyof typeof declared & string, thresholds: Record<string, GuardThreshold> = {}): GuardSpec {
  const s = declared[name];
  if (!s || typeof s !== "object" || !("detector" in s)) throw new Error(`no declared guard ${name}`);
  return { ...s, thresholds: { ...s.thresholds, ...thresholds } };
}

/** A healthy run: look, edit, test, summarise. Each entry is one turn. */
export const HEALTHY: TurnInput[] = [
  { text: "Let me look at the code.", calls: [read("calc.js")] },
  { text: "add() subtracts; fixing it.", calls: [edit("calc.js", true)] },
  { calls: [bash("npm test", 0)] },
  { text: "Fixed add() in calc.js: it subtracted instead of adding. The tests pass." },
];
