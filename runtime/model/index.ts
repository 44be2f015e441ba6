/** The public surface of the model client area. */
export type * from "./types.js";
export { createModelClient } from "./client.js";
export type { SmallModelClient } from "./client.js";
export type { ModelClientConfig, ThinkingBudget } from "./config.js";
export { DEFAULT_COMPAT, resolveCompat } from "./compat.js";
export type { ModelCompat, ThinkingControl } from "./compat.js";
export { DEFAULT_RETRY } from "./errors.js";
export type { RetryPolicy } from "./errors.js";
export { splitThinking, ThinkSplitter } from "./reasoning.js";
export { toWireMessages } from "./messages.js";
export type { ContextTruncation } from "./usage.js";
