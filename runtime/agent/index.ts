/** The agent loop's public surface. */
export * from "./spec.js";
export * from "./guard-api.js";
export * from "./types.js";
export * from "./events.js";
export { Agent, type RunInput } from "./agent.js";
export { loadGuardRegistry } from "./guard-registry.js";
export { SessionLog, SESSIONS_DIR, loadSession, latestSessionId } from "./session-log.js";
export type { LoadedSession, SessionRecord } from "./session-log.js";
export { projectCommand } from "./project-commands.js";
export { toolsInPrompt } from "./prompt-mode.js";
export { fillShellTemplate, shellQuote } from "./tool-runner.js";
export * as marrowPending from "./marrow-pending.js";
export {
  FALLBACK_LOOP_LIMITS,
  FALLBACK_MESSAGES,
  FALLBACK_SYSTEM_PROMPT,
  FALLBACK_TOOLS_PROMPT,
  fill,
  limitsOf,
  messagesOf,
} from "./defaults.js";
export { bundleFromDeclarations, SUMMARIZE_PROMPT, type Declarations } from "./bundle.js";
