/**
 * The context engine with SmallCode's context layer off (ablation `context`): no eviction of stale results, no
 * compaction, no squeezing or pin trimming. Each request is the system prompt, the task and the pinned block, then
 * as many of the newest history messages as fit the budget; older ones are cut off whole.
 * Tool results are still capped on the way in (every agent caps tool output), by the base class.
 */
import { ContextEngine, type ContextEngineOptions } from "../context/engine.js";
import { renderPinned } from "../context/pinned.js";
import { mergeAdjacentUserMessages } from "../context/render.js";
import { estimateMessageTokens, estimateTokens } from "../context/tokens.js";
import type { AssembleOptions, AssembleResult, ContextEvent } from "../context/types.js";
import type { ChatMessage } from "../model/types.js";
import { toOpenAITool } from "../tools/types.js";

const PRIMING = 3;
const PER_TOOL_OVERHEAD = 4;

export class NaiveContextEngine extends ContextEngine {
  private naiveSystem: string;
  private naiveTask: string;

  constructor(options: ContextEngineOptions) {
    super(options);
    this.naiveSystem = options.system;
    this.naiveTask = options.task;
  }

  override setSystem(text: string): void {
    super.setSystem(text);
    this.naiveSystem = text;
  }

  override setTask(text: string): void {
    super.setTask(text);
    this.naiveTask = text;
  }

  override async assemble(options: AssembleOptions = {}): Promise<AssembleResult> {
    const budget = this.budgetTokens;
    const tools = (options.tools ?? []).map(toOpenAITool);
    const toolTokens =
      tools.reduce((n, t) => n + estimateTokens(JSON.stringify(t)) + PER_TOOL_OVERHEAD, 0) +
      (options.toolsInPrompt ? estimateTokens(options.toolsInPrompt) + 1 : 0);
    const system = options.toolsInPrompt ? `${this.naiveSystem}\n\n${options.toolsInPrompt}` : this.naiveSystem;
    const head: ChatMessage[] = [
      { role: "system", content: system },
      { role: "user", content: this.naiveTask },
    ];
    const pinnedText = renderPinned(this.pins());
    const tail: ChatMessage[] = pinnedText ? [{ role: "user", content: pinnedText }] : [];
    const fixed = PRIMING + toolTokens + [...head, ...tail].reduce((n, m) => n + estimateMessageTokens(m), 0);
    const history = this.history();
    let used = fixed;
    let from = history.length;
    while (from > 0) {
      const cost = estimateMessageTokens(history[from - 1] as ChatMessage);
      if (used + cost > budget) break;
      used += cost;
      from--;
    }
    // A tool result whose call was cut off cannot be sent on its own.
    while (from < history.length && history[from]?.role === "tool") used -= estimateMessageTokens(history[from++]!);
    const events: ContextEvent[] = [];
    if (used > budget) {
      return {
        ok: false,
        reason: "fixed_over_budget",
        message: `The system prompt, tool schemas and task need about ${used} tokens but the budget is ${budget}.`,
        breakdown: this.breakdown(),
      };
    }
    return {
      ok: true,
      messages: mergeAdjacentUserMessages([...head, ...history.slice(from), ...tail]),
      tools,
      promptTokens: used,
      budget,
      maxOutputTokens: Math.max(0, this.breakdown().window - used - this.budgetSpec.safetyMargin),
      events,
    };
  }

  /** A guard's `compact` action does nothing without the context layer. */
  override async compactNow(): Promise<ContextEvent[]> {
    return [];
  }
}
