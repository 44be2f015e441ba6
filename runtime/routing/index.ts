export type * from "./types.js";
export { DEFAULT_ROUTING } from "./defaults.js";
export { findTool, isContinuation, isKnown, isOffered, mentions, selectTools } from "./select.js";
