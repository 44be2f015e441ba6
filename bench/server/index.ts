/**
 * The project's OpenAI-compatible test server: `startLlmServer()` plus the fluent `reply()` script.
 * Used by tests over real HTTP and, as a standalone process (`main.ts`), by the benchmark simulator.
 */
export { startLlmServer } from "./server.js";
export type { LlmServer, LlmServerOptions, RecordedRequest, Scripted } from "./server.js";
export { reply, ReplyBuilder, finishReasonOf } from "./script.js";
export type { ReplySpec, ReplyFailure, ScriptedToolCall, FinishReason } from "./script.js";
export type { ServerFlavour, ServedModel } from "./flavours.js";
export type { ReasoningField } from "./render.js";
