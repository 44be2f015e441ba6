/**
 * The contract between the agent (and emitted prompt functions) and the model client.
 * Providers never throw once called: every failure comes back as a ModelResult with a stop reason.
 */

/** An OpenAI-style tool declaration, as sent in `tools` for native tool calling. */
export interface OpenAITool {
  type: "function";
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
  };
}

/** A tool call the model made natively (arguments are the raw, possibly malformed, JSON string). */
export interface NativeToolCall {
  id: string;
  name: string;
  arguments: string;
}

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: NativeToolCall[] }
  | { role: "tool"; content: string; toolCallId: string; name?: string };

/** Why a completion ended. `tool_use` means the model asked for tools; `error` carries a ModelError. */
export type StopReason = "stop" | "tool_use" | "length" | "error" | "aborted";

export type ModelErrorKind =
  | "connection" // nothing listening, DNS, connection reset before any response
  | "timeout" // the server accepted the request but did not answer in time
  | "http" // an HTTP status the client gave up on (4xx, or 5xx after retries)
  | "stream" // the stream broke off midway
  | "invalid_response"; // the server answered something that is not a chat completion

export interface ModelError {
  kind: ModelErrorKind;
  message: string;
  status?: number;
  retryable: boolean;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** true when the server sent no usage and the figures are estimates. */
  estimated: boolean;
}

export interface ModelResult {
  stopReason: StopReason;
  /** Assistant content with reasoning removed. */
  text: string;
  /** Reasoning the server or model produced (`reasoning_content`, `<think>`); never put back into history. */
  reasoning: string;
  toolCalls: NativeToolCall[];
  usage: Usage;
  error?: ModelError;
  /** Milliseconds from request start to the first streamed token, when streaming. */
  timeToFirstTokenMs?: number;
  durationMs: number;
  /** How many HTTP attempts this result took (1 when the first succeeded). */
  attempts: number;
  /** Things the user should know, each with its fix (e.g. the server silently truncated the context). */
  warnings?: string[];
  /**
   * Set when the server reported far fewer prompt tokens than were sent: it silently dropped part of the prompt.
   * `processedTokens` approximates the effective window; the context budget should shrink to it.
   */
  contextTruncation?: { sentTokens: number; processedTokens: number };
}

export interface StreamDelta {
  text?: string;
  reasoning?: string;
}

export interface ModelRequest {
  messages: ChatMessage[];
  tools?: OpenAITool[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  /** Abort from outside (Ctrl-C, Esc). The result then has stopReason "aborted". */
  signal?: AbortSignal;
  /** Per-request timeout; on expiry the result is an error of kind "timeout". */
  timeoutMs?: number;
  /** Called with each streamed piece of text or reasoning. */
  onDelta?: (delta: StreamDelta) => void;
}

export interface ModelClient {
  readonly model: string;
  readonly baseUrl: string;
  complete(request: ModelRequest): Promise<ModelResult>;
}
