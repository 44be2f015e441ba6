/**
 * The prompt runtime: what emitted prompt functions call. `z` is re-exported so that code generated for a team
 * (.smallcode/generated/) gets its zod from the installed package: a user's repository need not have zod.
 */
export { z } from "zod";
export * from "./spec.js";
export * from "./template.js";
export * from "./cache.js";
export * from "./budget.js";
export * from "./trace.js";
export * from "./output.js";
export * from "./policy.js";
export * from "./run-prompt.js";
export * from "./clients.js";
export * from "./evaluate.js";
export * from "./defaults.js";
