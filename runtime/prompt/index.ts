/** The prompt runtime: what emitted prompt functions call. */
export * from "./spec.js";
export * from "./template.js";
export * from "./cache.js";
export * from "./budget.js";
export * from "./trace.js";
export * from "./output.js";
export * from "./policy.js";
export * from "./run-prompt.js";
export * from "./clients.js";
