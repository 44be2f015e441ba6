export * from "./types.js";
export * from "./tokens.js";
export { checkBudgetSpec, promptBudget, type BudgetProblem } from "./budget.js";
export { ContextEngine, type ContextEngineOptions } from "./engine.js";
export { digest, renderTranscript } from "./compact.js";
export { PINNED_HEADER, renderPinned, sortPins } from "./pinned.js";
export { prefixStability, promptSegments, type PromptLike } from "./prefix.js";
export { mergeAdjacentUserMessages } from "./render.js";
export { capToolResult, MIN_CAP_CHARS, type CapResult } from "./truncate.js";
