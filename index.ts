/**
 * The programmatic API of SmallCode, built to dist/index.js.
 * Each area of the runtime exports its public surface through its own index module.
 */
export type * from "./runtime/model/types.js";
export * from "./runtime/tools/types.js";
export * from "./runtime/context/index.js";
export * from "./runtime/routing/index.js";
export * from "./runtime/patch/index.js";
export * from "./runtime/toolcall/index.js";
export * from "./runtime/model/index.js";
export * from "./runtime/tools/impl/index.js";
export * from "./runtime/prompt/index.js";
export * from "./runtime/agent/spec.js";
export { loadTeamAgent, type LoadedAgent, type LoadAgentResult, type AgentDeclarations } from "./cli/team-agent.js";
export * from "./cli/api.js";
export * from "./runtime/config/index.js";
export * from "./runtime/trace/index.js";
export { defaultGuardRegistry, closestTools, retrySchedule, type RetrySchedule } from "./runtime/guards/index.js";
export * from "./runtime/planning/index.js";
export * from "./runtime/project/index.js";
export * from "./cli/slash/public.js";
export * from "./runtime/security/index.js";
