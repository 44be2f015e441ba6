/**
 * The context budget engine. The agent appends messages as they happen and calls `assemble()` before each model
 * request. On an ordinary turn the assembled request is the previous one plus what was appended (the prompt prefix
 * stays byte-identical for KV-cache reuse); only when the prompt reaches `compactAt` of the budget does the engine
 * evict stale results and, if that is not enough, compact older turns into one summary, in one large step.
 *
 * Layout of every request: system prompt (+ prompt-mode tool text), the task (+ summary of compacted turns), the
 * history in order, then the pinned block (TODO, memory, files being edited) at the tail, where its changes cost least.
 *
 * About 440 lines, over the usual 400: the assembly pipeline (threshold, eviction, compaction, hard limit) and the token
 * accounting it relies on read best side by side; the pure parts live in history.ts, compact.ts, render.ts and
 * snapshot.ts.
 */
import type { ChatMessage, NativeToolCall, OpenAITool } from "../model/types.js";
import { toOpenAITool, type ToolSpec } from "../tools/types.js";
import { promptBudget } from "./budget.js";
import { fromSnapshot, toSnapshot } from "./snapshot.js";
import { chooseCut, summarize } from "./compact.js";
import {
  evictStale,
  makeEntry,
  normalizePath,
  rewrite,
  SOURCE_KEEP_CHARS,
  toolFacts,
  turnStarts,
  type HistoryState,
  findCall,
} from "./history.js";
import { renderPinned } from "./pinned.js";
import { mergeAdjacentUserMessages, PIN_CAPS, trimPins } from "./render.js";
import { estimateMessageTokens, estimateTokens, TokenCalibrator } from "./tokens.js";
import { capToolResult, MIN_CAP_CHARS } from "./truncate.js";
import {
  DEFAULT_BUDGET,
  type AssembleOptions,
  type AssembleResult,
  type BudgetBreakdown,
  type BudgetSpec,
  type ContextEvent,
  type ContextSnapshot,
  type PinnedSection,
  type Summarizer,
  type ToolResultMeta,
} from "./types.js";

export interface ContextEngineOptions {
  /** The model's context window in tokens. */
  window: number;
  budget?: BudgetSpec;
  system: string;
  task: string;
  /** Shared with the model client so both learn from reported usage. */
  calibrator?: TokenCalibrator;
  /** The `summarize_history` prompt; without one, compaction uses the deterministic digest. */
  summarizer?: Summarizer;
}

const SUMMARY_HEADING = "## Summary of earlier work (older turns were compacted)";
const PRIMING = 3; // as in estimateMessagesTokens
const PER_TOOL_OVERHEAD = 4;
/** Caps tried, in order, when the prompt is over the hard budget even after compaction. */
const SQUEEZE_CAPS = [1000, 240];
const SQUEEZE_HINT = "Squeezed to fit the context budget; run it again if needed.";

export class ContextEngine {
  readonly calibrator: TokenCalibrator;
  private spec: BudgetSpec;
  private window: number;
  private system: string;
  private task: string;
  private summarizer: Summarizer | undefined;
  private readonly pinsByKey = new Map<string, PinnedSection>();
  private h: HistoryState = { entries: [], seq: 0, changes: new Map(), summary: "" };
  private readonly toolCache = new WeakMap<ToolSpec, { tool: OpenAITool; tokens: number }>();
  private lastRaw = 0;
  private lastToolRaw = 0;

  constructor(options: ContextEngineOptions) {
    this.window = options.window;
    this.spec = options.budget ?? DEFAULT_BUDGET;
    this.system = options.system;
    this.task = options.task;
    this.calibrator = options.calibrator ?? new TokenCalibrator();
    this.summarizer = options.summarizer;
  }

  /** The prompt budget in tokens for the current window and spec. */
  get budgetTokens(): number {
    return promptBudget(this.window, this.spec);
  }

  get budgetSpec(): BudgetSpec {
    return this.spec;
  }

  /** Shrinks (or grows) the window, e.g. after the client detects silent truncation by the server. */
  setWindow(window: number): void {
    this.window = window;
  }

  setBudget(spec: BudgetSpec): void {
    this.spec = spec;
  }

  setSummarizer(summarizer: Summarizer | undefined): void {
    this.summarizer = summarizer;
  }

  /** Changing the system prompt rewrites the start of every later request: do it rarely. */
  setSystem(text: string): void {
    this.system = text;
  }

  setTask(text: string): void {
    this.task = text;
  }

  /** Pins (or replaces) a section by key. Pinned sections are never compacted. */
  pin(section: PinnedSection): void {
    this.pinsByKey.set(section.key, section);
  }

  unpin(key: string): boolean {
    return this.pinsByKey.delete(key);
  }

  pins(): PinnedSection[] {
    return [...this.pinsByKey.values()];
  }

  /** The history as it stands (after any eviction or compaction), without system, task or pins. */
  history(): ChatMessage[] {
    return this.h.entries.map((e) => e.message);
  }

  /** The state as plain JSON (see ContextSnapshot); write it with the session so a resumed run continues exactly. */
  snapshot(): ContextSnapshot {
    return toSnapshot(this.task, this.h, this.pins());
  }

  /** A new engine in the state a snapshot recorded, with this run's window, budget, system prompt and callbacks. */
  static restore(options: Omit<ContextEngineOptions, "task">, snapshot: ContextSnapshot): ContextEngine {
    const engine = new ContextEngine({ ...options, task: snapshot.task });
    const restored = fromSnapshot(snapshot);
    engine.h = restored.state;
    for (const pin of restored.pins) engine.pin(pin);
    return engine;
  }

  /** The current summary of compacted turns ("" before the first compaction). */
  get compactedSummary(): string {
    return this.h.summary;
  }

  appendUser(content: string): void {
    this.h.entries.push(makeEntry({ role: "user", content }, this.h.seq++));
  }

  appendAssistant(content: string, toolCalls?: NativeToolCall[]): void {
    const message: ChatMessage = toolCalls?.length
      ? { role: "assistant", content, toolCalls }
      : { role: "assistant", content };
    this.h.entries.push(makeEntry(message, this.h.seq++));
  }

  /**
   * Appends a tool result, capped to `meta.cap` or the budget's toolResultChars. Returns the text the model will see.
   * `meta.writes` marks earlier reads of those files stale; `meta.reads` lets a later change mark this result stale.
   */
  appendToolResult(toolCallId: string, output: string, meta: ToolResultMeta = {}): string {
    const call = findCall(this.h.entries, toolCallId);
    const name = meta.tool ?? call?.name;
    const capped = capToolResult(output, meta.cap ?? this.spec.toolResultChars, meta.moreHint).text;
    const message: Extract<ChatMessage, { role: "tool" }> = name
      ? { role: "tool", content: capped, toolCallId, name }
      : { role: "tool", content: capped, toolCallId };
    const seq = this.h.seq++;
    const facts = toolFacts(message, meta, call);
    for (const file of facts.writes) this.h.changes.set(file, seq);
    const entry = makeEntry(message, seq, facts);
    if (capped.length < output.length && output.length <= SOURCE_KEEP_CHARS) entry.source = output;
    this.h.entries.push(entry);
    return capped;
  }

  /** Appends any message; tool messages go through appendToolResult (capped, with meta). */
  append(message: ChatMessage, meta?: ToolResultMeta): void {
    if (message.role === "tool") {
      this.appendToolResult(message.toolCallId, message.content, {
        ...(message.name ? { tool: message.name } : {}),
        ...meta,
      });
    } else if (message.role === "assistant") this.appendAssistant(message.content, message.toolCalls);
    else if (message.role === "user") this.appendUser(message.content);
    else this.h.entries.push(makeEntry(message, this.h.seq++));
  }

  /** Files changed outside a tool result the engine saw (a formatter, a shell command): earlier reads become stale. */
  noteFilesChanged(paths: readonly string[]): void {
    const seq = this.h.seq++;
    for (const p of paths) this.h.changes.set(normalizePath(p), seq);
  }

  /** Teaches the calibrator the prompt size a server reported for the last assembled request. */
  observeUsage(reportedPromptTokens: number): void {
    this.calibrator.observe(this.lastRaw, reportedPromptTokens);
  }

  /**
   * Builds the request for this step. Never returns messages and tools above the budget: when nothing more can be
   * removed it returns `ok: false` with a breakdown instead.
   */
  async assemble(options: AssembleOptions = {}): Promise<AssembleResult> {
    const budget = this.budgetTokens;
    const tools = (options.tools ?? []).map((t) => this.toolOf(t));
    const toolRaw =
      tools.reduce((n, t) => n + t.tokens, 0) + (options.toolsInPrompt ? estimateTokens(options.toolsInPrompt) + 1 : 0);
    this.lastToolRaw = toolRaw;
    const events: ContextEvent[] = [];
    const cal = (raw: number): number => this.calibrator.adjust(raw);
    const pins = this.pins();

    if (cal(this.rawTotal(toolRaw, pins)) > this.spec.compactAt * budget) {
      const evicted = evictStale(this.h.entries, this.h.changes);
      if (evicted.stale + evicted.superseded > 0) events.push({ kind: "evicted", ...evicted });
      if (cal(this.rawTotal(toolRaw, pins)) > this.spec.compactAt * budget) {
        events.push(
          await this.compact(this.spec.compactTo * budget, this.spec.keepRecentTurns, toolRaw, pins, options.signal),
        );
      }
    }
    const rendered = await this.enforceBudget(budget, toolRaw, pins, events, options.signal);
    const raw = this.rawTotal(toolRaw, rendered);
    this.lastRaw = raw;
    const promptTokens = cal(raw);
    if (promptTokens > budget) {
      return {
        ok: false,
        reason: "fixed_over_budget",
        message:
          `The system prompt, tool schemas and task need about ${promptTokens} tokens but the budget is ${budget} ` +
          `(window ${this.window}). Offer fewer tools, shorten the task, or use a model with a larger context window.`,
        breakdown: this.breakdown(),
      };
    }
    return {
      ok: true,
      messages: this.render(rendered, options.toolsInPrompt),
      tools: tools.map((t) => t.tool),
      promptTokens,
      budget,
      maxOutputTokens: Math.max(0, this.window - promptTokens - this.spec.safetyMargin),
      events,
    };
  }

  /**
   * Evicts and compacts now, whatever the size (a guard's `compact` action). Keeps the last keepRecentTurns turns.
   * The next request's prefix changes from the task onwards, as with any compaction.
   */
  async compactNow(signal?: AbortSignal): Promise<ContextEvent[]> {
    const events: ContextEvent[] = [];
    const evicted = evictStale(this.h.entries, this.h.changes);
    if (evicted.stale + evicted.superseded > 0) events.push({ kind: "evicted", ...evicted });
    events.push(await this.compact(0, this.spec.keepRecentTurns, this.lastToolRaw, this.pins(), signal));
    return events;
  }

  /**
   * The hard limit: squeezes tool results, compacts recent turns, then trims pinned files, in that order, until the
   * request fits. Returns the pins to render (trimmed copies; the registered pins are untouched).
   */
  private async enforceBudget(
    budget: number,
    toolRaw: number,
    pins: PinnedSection[],
    events: ContextEvent[],
    signal: AbortSignal | undefined,
  ): Promise<PinnedSection[]> {
    const cal = (raw: number): number => this.calibrator.adjust(raw);
    for (const cap of SQUEEZE_CAPS) {
      if (cal(this.rawTotal(toolRaw, pins)) <= budget) break;
      const squeezed = this.squeeze(cap, budget, toolRaw, pins);
      if (squeezed.results > 0) events.push(squeezed);
    }
    for (const keep of [1, 0]) {
      if (cal(this.rawTotal(toolRaw, pins)) <= budget || this.h.entries.length === 0) break;
      events.push(await this.compact(budget, keep, toolRaw, pins, signal));
    }
    let rendered = pins;
    for (const cap of PIN_CAPS) {
      if (cal(this.rawTotal(toolRaw, rendered)) <= budget) break;
      const trimmed = trimPins(rendered, cap);
      const freed = this.rawTotal(toolRaw, rendered) - this.rawTotal(toolRaw, trimmed.pins);
      if (trimmed.keys.length > 0) events.push({ kind: "pins_trimmed", sections: trimmed.keys, tokensFreed: freed });
      rendered = trimmed.pins;
    }
    return rendered;
  }

  /** Tokens by part for `/budget`, as of the current state and the tools of the last assemble. */
  breakdown(): BudgetBreakdown {
    const cal = (raw: number): number => this.calibrator.adjust(raw);
    const budget = this.budgetTokens;
    let history = 0;
    let toolResults = 0;
    for (const e of this.h.entries) {
      if (e.message.role === "tool") toolResults += e.tokens;
      else history += e.tokens;
    }
    const summaryRaw = this.h.summary ? estimateTokens(`\n\n${SUMMARY_HEADING}\n${this.h.summary}`) : 0;
    const parts = {
      system: cal(PRIMING + estimateMessageTokens({ role: "system", content: this.system })),
      tools: cal(this.lastToolRaw),
      history: cal(history + summaryRaw),
      toolResults: cal(toolResults),
      pinned: cal(estimateMessageTokens({ role: "user", content: this.task }) + this.pinnedRaw(this.pins())),
    };
    const used = parts.system + parts.tools + parts.history + parts.toolResults + parts.pinned;
    return { window: this.window, budget, ...parts, free: Math.max(0, budget - used) };
  }

  private toolOf(spec: ToolSpec): { tool: OpenAITool; tokens: number } {
    let cached = this.toolCache.get(spec);
    if (!cached) {
      const tool = toOpenAITool(spec);
      cached = { tool, tokens: estimateTokens(JSON.stringify(tool)) + PER_TOOL_OVERHEAD };
      this.toolCache.set(spec, cached);
    }
    return cached;
  }

  private taskText(): string {
    return this.h.summary ? `${this.task}\n\n${SUMMARY_HEADING}\n${this.h.summary}` : this.task;
  }

  private pinnedRaw(pins: readonly PinnedSection[]): number {
    const text = renderPinned(pins);
    return text ? estimateMessageTokens({ role: "user", content: text }) : 0;
  }

  /**
   * Raw token total of the request if rendered now, counting each message separately. Rendering merges adjacent user
   * messages, which only lowers the count, so this is an upper bound of the rendered request.
   */
  private rawTotal(toolRaw: number, pins: readonly PinnedSection[]): number {
    let total = PRIMING + toolRaw;
    total += estimateMessageTokens({ role: "system", content: this.system });
    total += estimateMessageTokens({ role: "user", content: this.taskText() });
    for (const e of this.h.entries) total += e.tokens;
    return total + this.pinnedRaw(pins);
  }

  private render(pins: readonly PinnedSection[], toolsInPrompt: string | undefined): ChatMessage[] {
    const messages: ChatMessage[] = [
      { role: "system", content: toolsInPrompt ? `${this.system}\n\n${toolsInPrompt}` : this.system },
      { role: "user", content: this.taskText() },
      ...this.h.entries.map((e) => e.message),
    ];
    const pinned = renderPinned(pins);
    if (pinned) messages.push({ role: "user", content: pinned });
    return mergeAdjacentUserMessages(messages);
  }

  /** Replaces the oldest turns (all but the last `keep`) with one summary, as few as bring the prompt to `target`. */
  private async compact(
    target: number,
    keep: number,
    toolRaw: number,
    pins: readonly PinnedSection[],
    signal: AbortSignal | undefined,
  ): Promise<ContextEvent> {
    const budget = this.budgetTokens;
    const before = this.rawTotal(toolRaw, pins);
    const starts = turnStarts(this.h.entries);
    const summaryTokens = Math.max(150, Math.floor(budget * 0.1));
    const oldSummary = this.h.summary ? estimateTokens(this.h.summary) : 0;
    const fixed = before - oldSummary + summaryTokens + 16;
    const cut = chooseCut(this.h.entries, starts, keep, (removed) => this.calibrator.adjust(fixed - removed) <= target);
    if (cut === 0) {
      return { kind: "compacted", turns: 0, tokensBefore: before, tokensAfter: before, usedFallback: false };
    }
    const old = this.h.entries.slice(0, cut);
    const outcome = await summarize(
      this.summarizer,
      this.h.summary,
      old,
      { transcriptChars: Math.max(2000, budget * 2), summaryChars: summaryTokens * 3 },
      signal,
    );
    this.h.summary = outcome.text;
    this.h.entries = this.h.entries.slice(cut);
    // Compaction rewrites everything after the task anyway, so shrinking the kept turns' results now costs no extra
    // cache reuse, and keeps the next compaction far away. The last turn's results stay whole.
    const lastTurn = turnStarts(this.h.entries).at(-1) ?? 0;
    let squeezed = 0;
    for (const cap of [Math.floor(this.spec.toolResultChars / 2), MIN_CAP_CHARS]) {
      if (this.calibrator.adjust(this.rawTotal(toolRaw, pins)) <= target) break;
      squeezed += this.squeeze(cap, target, toolRaw, pins, lastTurn).results;
    }
    const event: ContextEvent = {
      kind: "compacted",
      turns: turnStarts(old).length,
      tokensBefore: before,
      tokensAfter: this.rawTotal(toolRaw, pins),
      usedFallback: outcome.usedFallback,
      squeezed,
    };
    return outcome.error !== undefined && outcome.usedFallback ? { ...event, error: outcome.error } : event;
  }

  /**
   * Re-caps tool results, oldest first, to `cap` characters until the request fits `limit` tokens. Only entries before
   * index `end` are touched.
   */
  private squeeze(
    cap: number,
    limit: number,
    toolRaw: number,
    pins: readonly PinnedSection[],
    end = this.h.entries.length,
  ): Extract<ContextEvent, { kind: "squeezed" }> {
    let raw = this.rawTotal(toolRaw, pins);
    let results = 0;
    let freed = 0;
    for (const e of this.h.entries.slice(0, end)) {
      if (this.calibrator.adjust(raw) <= limit) break;
      if (e.message.role !== "tool" || e.message.content.length <= cap) continue;
      const before = e.tokens;
      rewrite(e, capToolResult(e.source ?? e.message.content, cap, SQUEEZE_HINT).text);
      raw -= before - e.tokens;
      freed += Math.max(0, before - e.tokens);
      results++;
    }
    return { kind: "squeezed", results, tokensFreed: freed };
  }
}
