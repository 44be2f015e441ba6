/**
 * One step of the loop, mini-swe-agent style: `step() = execute(query())`. query: guards before the turn, tool routing,
 * context assembly, one model request (re-asked on a cut stream or a guard's `retry`), the forgiving parser. execute:
 * the reply goes into the history, each call is judged by the guards and run, and its capped result is appended.
 */
import type { ModelResult } from "../model/types.js";
import { selectTools } from "../routing/select.js";
import { parseToolCalls } from "../toolcall/parse.js";
import type { ParsedToolCall, ToolCallParseResult } from "../toolcall/types.js";
import type { ToolSpec } from "../tools/types.js";
import { executeCalls } from "./execute.js";
import type { TurnRecord } from "./guard-api.js";
import type { ResolvedGuard } from "./guard-runner.js";
import type { LoopParts } from "./loop-parts.js";
import { fill } from "./defaults.js";
import { refreshPlanningPins } from "./planning-pins.js";
import { toolsInPrompt } from "./prompt-mode.js";
import type { StageSpec } from "./spec.js";
import { parseStrict, STRICT_PROMPT_MODE_TOOLS } from "./ablation.js";
import type { ExitReason } from "./types.js";
import { retrySchedule, retryTemperature } from "../guards/retry-temperature.js";

export type StepResult =
  { kind: "continue" } | { kind: "finished"; text: string } | { kind: "end"; reason: ExitReason; detail: string };

type Query =
  | {
      kind: "reply";
      parsed: ToolCallParseResult;
      record: TurnRecord;
      rejectAll?: ResolvedGuard;
      /** A guard steered (or asked for a re-ask it could not get) on this reply: it does not finish the stage. */
      steered?: boolean;
      /** The server stopped the reply at the output limit (finish_reason "length"). */
      cutOff?: boolean;
    }
  | { kind: "end"; reason: ExitReason; detail: string };

/** Applies guard actions that act between turns; returns an end when one stops the run. */
export async function applyGuards(p: LoopParts, hits: readonly ResolvedGuard[]): Promise<StepResult | undefined> {
  for (const hit of hits) {
    const a = hit.action;
    if (a.kind === "stop")
      return { kind: "end", reason: "limits", detail: `Stopped by guard ${hit.guard}: ${a.reason}` };
    if (a.kind === "steer") {
      p.counters.pendingNotes.push(hit.message);
      p.state.consecutiveSteers++;
    } else if (a.kind === "compact") {
      for (const detail of await p.engine.compactNow(p.options.signal)) {
        p.emit({ type: "compaction", turn: p.state.turn, detail });
      }
    }
  }
  return undefined;
}

function flushNotes(p: LoopParts): void {
  if (p.counters.pendingNotes.length === 0) return;
  p.append({ role: "user", content: p.counters.pendingNotes.join("\n\n") });
  p.counters.pendingNotes = [];
}

/** The tools offered this turn: routing over the agent's tools, minus those guards dropped, demoted ones last. */
function chooseTools(p: LoopParts, stage: StageSpec): ToolSpec[] {
  const allowed = stage.tools ? new Set(stage.tools) : undefined;
  const avail = p.guards.availability(stage);
  const usable = [...p.specs.values()].filter((t) => (!allowed || allowed.has(t.name)) && !avail.drop.has(t.name));
  p.state.availableTools = usable.map((t) => t.name);
  const decision = selectTools(p.routing, {
    tools: usable,
    task: p.state.task,
    previousCallCategories: p.counters.previousCategories,
    ...(p.counters.lastUserMessage !== undefined ? { lastUserMessage: p.counters.lastUserMessage } : {}),
    ...(p.counters.routing ? { previous: p.counters.routing } : {}),
  });
  p.counters.routing = decision;
  const offered = decision.tools;
  if (avail.demote.size === 0) return offered;
  return [...offered.filter((t) => !avail.demote.has(t.name)), ...offered.filter((t) => avail.demote.has(t.name))];
}

/** Prompt-mode tool instructions; with the parser off they teach the one text format the strict parser reads. */
function promptModeTools(p: LoopParts, offered: ToolSpec[]): string {
  return p.options.disable?.includes("parser")
    ? toolsInPrompt(offered, STRICT_PROMPT_MODE_TOOLS)
    : toolsInPrompt(offered, p.bundle.agent.toolsPrompt);
}

async function request(p: LoopParts, stage: StageSpec, offered: ToolSpec[], attempt: number) {
  const native = p.options.toolMode === "native";
  const assembled = await p.engine.assemble({
    ...(native ? { tools: offered } : { toolsInPrompt: promptModeTools(p, offered) }),
    ...(p.options.signal ? { signal: p.options.signal } : {}),
  });
  if (!assembled.ok) return { kind: "end" as const, reason: "error" as ExitReason, detail: assembled.message };
  p.counters.prefixReset = assembled.events.some((e) => e.kind === "compacted" && e.turns > 0);
  for (const detail of assembled.events) {
    if (detail.kind !== "compacted" || detail.turns > 0) p.emit({ type: "compaction", turn: p.state.turn, detail });
  }
  // Adaptive: the declared `retry_temperature` schedule (cooler first, then warmer) when there is one, else the
  // loop's linear step.
  const schedule = retrySchedule(p.bundle.guards.find((g) => g.detector === "retry_temperature"));
  const temperature = schedule
    ? retryTemperature(p.temperature, attempt, schedule)
    : p.temperature + attempt * p.limits.retryTemperatureStep;
  p.emit({
    type: "model_request",
    turn: p.state.turn,
    stage: stage.name,
    messages: assembled.messages.length,
    promptTokens: assembled.promptTokens,
    tools: offered.map((t) => t.name),
    temperature,
    attempt,
    budget: p.engine.breakdown(),
  });
  const turn = p.state.turn;
  const result = await p.options.client.complete({
    messages: assembled.messages,
    ...(native ? { tools: assembled.tools } : {}),
    temperature,
    maxTokens: Math.max(256, Math.min(p.maxOutput, assembled.maxOutputTokens)),
    ...(p.options.signal ? { signal: p.options.signal } : {}),
    onDelta: (d) => p.emit({ type: "model_delta", turn, ...d }),
  });
  noteResult(p, result);
  return { kind: "result" as const, result };
}

function noteResult(p: LoopParts, result: ModelResult): void {
  p.counters.promptTokens += result.usage.promptTokens;
  p.counters.completionTokens += result.usage.completionTokens;
  p.state.tokensUsed = p.counters.promptTokens + p.counters.completionTokens;
  if (!result.usage.estimated && result.usage.promptTokens > 0) p.engine.observeUsage(result.usage.promptTokens);
  for (const w of result.warnings ?? []) p.emit({ type: "warning", message: w });
  if (result.contextTruncation) p.engine.setWindow(result.contextTruncation.processedTokens);
  p.emit({
    type: "model_response",
    turn: p.state.turn,
    stopReason: result.stopReason,
    text: result.text,
    toolCalls: result.toolCalls.length,
    usage: result.usage,
    durationMs: result.durationMs,
    ...(result.error ? { error: result.error.message } : {}),
  });
}

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

export function callKey(call: Pick<ParsedToolCall, "name" | "arguments">): string {
  return `${call.name}${canonical(call.arguments)}`;
}

/** Each parser diagnostic as an event (the model gets them in the format_error message). */
function emitDiagnostics(p: LoopParts, parsed: ToolCallParseResult): void {
  for (const d of parsed.diagnostics) {
    p.emit({
      type: "parse_diagnostic",
      turn: p.state.turn,
      code: d.code,
      message: d.message,
      ...(d.format !== undefined ? { format: d.format } : {}),
      ...(d.tool !== undefined ? { tool: d.tool } : {}),
    });
  }
}

function turnRecord(p: LoopParts, stage: StageSpec, parsed: ToolCallParseResult): TurnRecord {
  return {
    turn: p.state.turn,
    text: parsed.text,
    stage: stage.name,
    parseDiagnostics: parsed.diagnostics.map((d) => d.message),
    calls: parsed.calls.map((c) => {
      const path = typeof c.arguments["path"] === "string" ? p.state.relPath(c.arguments["path"]) : undefined;
      return {
        turn: p.state.turn,
        name: c.name,
        arguments: c.arguments,
        known: true,
        key: callKey(c),
        toolFailure: false,
        ...(path !== undefined ? { path } : {}),
      };
    }),
  };
}

/** Asks the model for this turn's reply, re-asking on a cut stream or a guard's `retry`. */
async function query(p: LoopParts, stage: StageSpec, offered: ToolSpec[]): Promise<Query> {
  let modelRetries = 0;
  let guardRetries = 0;
  for (let attempt = 0; ; attempt++) {
    const r = await request(p, stage, offered, attempt);
    if (r.kind === "end") return r;
    const { result } = r;
    if (result.stopReason === "aborted") return { kind: "end", reason: "aborted", detail: "The run was interrupted." };
    if (result.stopReason === "error") {
      const why = result.error?.message ?? "the model request failed";
      // The client already retried connection errors, 429 and 5xx; a cut stream or a timeout is the loop's to re-ask.
      const reaskable = result.error?.kind === "stream" || result.error?.kind === "timeout";
      if (reaskable && modelRetries++ < p.limits.modelErrorRetries) {
        p.emit({ type: "warning", message: `${why}; asking again.` });
        continue;
      }
      return { kind: "end", reason: "error", detail: `The model server failed: ${why}` };
    }
    const input = { text: result.text, nativeToolCalls: result.toolCalls };
    const parsed = p.options.disable?.includes("parser")
      ? parseStrict(input, p.parseTools)
      : parseToolCalls(input, p.parseTools, p.parseOptions);
    const record = turnRecord(p, stage, parsed);
    emitDiagnostics(p, parsed);
    const hits = p.guards.onReply(stage, record);
    const retry = hits.find((h) => h.action.kind === "retry");
    if (retry && guardRetries++ < p.limits.guardRetries) {
      if (retry.message) p.counters.pendingNotes.push(retry.message);
      flushNotes(p);
      continue;
    }
    // A re-ask the loop can no longer grant still steers: its message goes into the next request.
    if (retry?.message) p.counters.pendingNotes.push(retry.message);
    const steered = hits.some((h) => h.action.kind === "steer" || h.action.kind === "retry");
    const stop = await applyGuards(
      p,
      hits.filter((h) => h.action.kind !== "retry" && h.action.kind !== "reject"),
    );
    if (stop?.kind === "end") return stop;
    const rejectAll = hits.find((h) => h.action.kind === "reject");
    const cutOff = result.stopReason === "length";
    return {
      kind: "reply",
      parsed,
      record,
      steered,
      ...(rejectAll ? { rejectAll } : {}),
      ...(cutOff ? { cutOff } : {}),
    };
  }
}

/** One turn: query the model, then execute what it asked for. */
export async function step(p: LoopParts, stage: StageSpec): Promise<StepResult> {
  p.state.turn++;
  const before = await applyGuards(p, p.guards.beforeTurn(stage));
  if (before) return before;
  flushNotes(p);
  refreshPlanningPins(p);
  const offered = chooseTools(p, stage);
  const q = await query(p, stage, offered);
  if (q.kind === "end") return q;
  return execute(p, stage, q, new Set(offered.map((t) => t.name)));
}

async function execute(
  p: LoopParts,
  stage: StageSpec,
  q: Extract<Query, { kind: "reply" }>,
  offered: ReadonlySet<string>,
): Promise<StepResult> {
  const { parsed, record } = q;
  const ids = parsed.calls.map((_, i) => `call_${record.turn}_${i + 1}`);
  const calls = parsed.calls.map((c, i) => ({
    id: ids[i] ?? "",
    name: c.name,
    arguments: JSON.stringify(c.arguments),
  }));
  p.append({ role: "assistant", content: parsed.text, ...(calls.length > 0 ? { toolCalls: calls } : {}) });
  if (parsed.text.trim() !== "") p.counters.finalText = parsed.text.trim();
  const problems = parsed.diagnostics.map((d) => `- ${d.message}`).join("\n");
  if (parsed.calls.length === 0) {
    p.state.turns.push(record);
    // A reply the server cut at the output limit is unfinished, not an answer: ask for a shorter one (counted like an
    // unreadable reply, so a model that always rambles past the limit still ends).
    if (q.cutOff) {
      if (++p.counters.formatErrors >= p.limits.maxFormatErrors) {
        const n = p.counters.formatErrors;
        return {
          kind: "end",
          reason: "format_error",
          detail: `The model's replies were cut off at the output limit (${p.maxOutput} tokens) ${n} times in a row.`,
        };
      }
      const cut = fill(p.messages.replyCutOff, { max_output: String(p.maxOutput) });
      p.append({ role: "user", content: problems === "" ? cut : `${cut}\n${problems}` });
      return { kind: "continue" };
    }
    if (problems !== "") {
      if (++p.counters.formatErrors >= p.limits.maxFormatErrors) {
        return {
          kind: "end",
          reason: "format_error",
          detail: `The model's tool calls could not be read ${p.counters.formatErrors} times in a row: ${parsed.diagnostics[0]?.message ?? ""}`,
        };
      }
      p.append({ role: "user", content: fill(p.messages.formatError, { problems }) });
      return { kind: "continue" };
    }
    if (parsed.text.trim() === "") {
      if (++p.counters.emptyReplies >= p.limits.maxEmptyReplies) {
        return { kind: "end", reason: "format_error", detail: "The model kept replying with nothing." };
      }
      p.append({ role: "user", content: p.messages.emptyReply });
      return { kind: "continue" };
    }
    // A guard that fired on this reply (steer, or a re-ask) keeps the stage going: its note goes into the next request.
    // Bounded by the guard's own escalation and the stage and run turn limits.
    if (q.steered) return { kind: "continue" };
    return { kind: "finished", text: parsed.text.trim() };
  }
  p.counters.formatErrors = 0;
  p.counters.emptyReplies = 0;
  const stop = await executeCalls(p, stage, record, parsed.calls, ids, offered, q.rejectAll);
  p.state.turns.push(record);
  if (problems !== "") p.counters.pendingNotes.push(fill(p.messages.formatError, { problems }));
  return stop ?? { kind: "continue" };
}
