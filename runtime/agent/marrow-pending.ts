/**
 * Compatibility for callers outside runtime/agent/ that still import this module (cli/commands/run.ts). Everything
 * that was pending here now lives in marrow/ (agent `system`, `tools_prompt`, `messages`, `loop`, routing.marrow);
 * the runtime keeps only fallback defaults, in defaults.ts. New code should use `messagesOf(bundle.agent)`.
 */
import { FALLBACK_MESSAGES } from "./defaults.js";

export { fill } from "./defaults.js";
/** @deprecated Use `messagesOf(agent)` from defaults.ts, which applies the agent's declared messages. */
export const MESSAGES = FALLBACK_MESSAGES;
