/**
 * Tool routing: which tool schemas a step offers, chosen from plain signals with no extra model round trip.
 *
 * Signals, in order: `always` categories; categories whose tool the previous step called, and those declared `after`
 * them; keywords of the task (first step) or of a new user message; a "continue"-like reply, which keeps the previous
 * set; categories still held from recent steps. With none of these, the `fallback` categories. Tools whose category
 * the spec does not declare are always offered, so a declaration gap can never hide a tool.
 */
import type { ToolSpec } from "../tools/types.js";
import type { RoutingDecision, RoutingReason, RoutingSpec, RoutingState } from "./types.js";

export function selectTools(spec: RoutingSpec, state: RoutingState): RoutingDecision {
  const step = state.previous ? state.previous.step + 1 : 0;
  const userMessage = (state.lastUserMessage ?? "").trim();
  // Maps, not object literals: a category may be called anything, "constructor" included.
  const reasons = new Map<string, RoutingReason>();
  const lastSelected = new Map(Object.entries(state.previous?.lastSelected ?? {}));
  const choose = (category: string, reason: RoutingReason, live = true): void => {
    if (!reasons.has(category)) reasons.set(category, reason);
    if (live) lastSelected.set(category, step);
  };

  if (spec.categories.length === 0 && spec.always.length === 0) {
    for (const t of state.tools) choose(t.category, "all");
  } else {
    chooseBySignals(spec, state, step, userMessage, choose);
    for (const [c, last] of lastSelected) if (step - last <= spec.holdSteps) choose(c, "held", false);
    if ([...reasons.values()].every((r) => r === "always")) for (const c of spec.fallback) choose(c, "fallback");
  }
  return {
    tools: state.tools.filter((t) => reasons.has(t.category)),
    categories: [...reasons.keys()].sort(),
    reasons: Object.fromEntries(reasons),
    step,
    lastSelected: Object.fromEntries(lastSelected),
    userMessage,
  };
}

/** The live signals: always, undeclared categories, the previous step's calls, keywords, a go-ahead reply. */
function chooseBySignals(
  spec: RoutingSpec,
  state: RoutingState,
  step: number,
  userMessage: string,
  choose: (category: string, reason: RoutingReason) => void,
): void {
  const declared = new Set([...spec.categories.map((c) => c.name), ...spec.always]);
  for (const c of spec.always) choose(c, "always");
  for (const t of state.tools) if (!declared.has(t.category)) choose(t.category, "always");

  const called = new Set(state.previousCallCategories);
  for (const c of spec.categories) {
    if (called.has(c.name) || c.after.some((a) => called.has(a))) choose(c.name, "after");
  }
  // Keywords count once: the task's on the first step, a user message's when it is new.
  if (step > 0 && userMessage === (state.previous?.userMessage ?? "")) return;
  const text = step === 0 ? `${state.task}\n${userMessage}` : userMessage;
  for (const c of spec.categories) if (c.keywords.some((k) => mentions(text, k))) choose(c.name, "keyword");
  if (state.previous && userMessage && isContinuation(spec, userMessage)) {
    for (const c of state.previous.categories) choose(c, "continue");
  }
}

const patternCache = new Map<string, RegExp>();

/** True when `keyword` occurs in `text` as a whole word, ignoring case and common English endings (-s, -ed, -ing, -er). */
export function mentions(text: string, keyword: string): boolean {
  let pattern = patternCache.get(keyword);
  if (!pattern) {
    const escaped = keyword
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\s+/g, "\\s+");
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?:s|es|d|ed|ing|er|ers)?(?![\\p{L}\\p{N}_])`, "iu");
    patternCache.set(keyword, pattern);
  }
  return pattern.test(text);
}

/** True when a user message is only a go-ahead such as "continue", "yes" or "go on" (case and punctuation ignored). */
export function isContinuation(spec: RoutingSpec, message: string): boolean {
  const norm = normalizePhrase(message);
  return norm.length > 0 && spec.continuePhrases.some((p) => normalizePhrase(p) === norm);
}

function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the decision offered this tool (by name or alias). */
export function isOffered(decision: RoutingDecision, name: string): boolean {
  return findTool(decision.tools, name) !== undefined;
}

/** True when the agent knows this tool at all (by name or alias), offered this step or not: the loop accepts it. */
export function isKnown(tools: readonly ToolSpec[], name: string): boolean {
  return findTool(tools, name) !== undefined;
}

/** The tool a name refers to: exact name first, then aliases, then the same ignoring case. */
export function findTool(tools: readonly ToolSpec[], name: string): ToolSpec | undefined {
  const lower = name.toLowerCase();
  return (
    tools.find((t) => t.name === name) ??
    tools.find((t) => t.nameAliases.includes(name)) ??
    tools.find((t) => t.name.toLowerCase() === lower || t.nameAliases.some((a) => a.toLowerCase() === lower))
  );
}
