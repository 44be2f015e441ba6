/**
 * The fluent script of the test LLM server: `reply().text("Hello").tool("read_file", { path }).stop()`.
 *
 * A builder wraps a plain, JSON-serialisable `ReplySpec`, so a script can also be loaded from a file by the
 * standalone server (`bench/server/main.ts --script file.json`).
 */

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export interface ScriptedToolCall {
  name: string;
  /** The argument string exactly as the server sends it (JSON for `.tool()`, anything for `.toolRaw()`). */
  arguments: string;
  id?: string;
}

/** What goes wrong with a reply instead of (or partway through) a normal answer. */
export type ReplyFailure =
  | { type: "http"; status: number; message: string; headers?: Record<string, string> }
  /** Accept the request and never answer; when streaming, optionally after the role chunk and `afterChunks` more. */
  | { type: "hang"; afterChunks?: number }
  /**
   * Streaming: send the role chunk and `afterChunks` more chunks, then destroy the socket (or, with a message, send
   * an SSE error event and end). Non-streaming: destroy the socket before answering (or answer 500 with the message).
   */
  | { type: "stream"; afterChunks: number; message?: string }
  /** Answer 200 with a body that is not a chat completion. */
  | { type: "garbage"; body: string };

export interface ReplySpec {
  content: string;
  reasoning: string;
  toolCalls: ScriptedToolCall[];
  /** Explicit finish reason; by default "tool_calls" when there are tool calls, else "stop". */
  finishReason?: FinishReason;
  /** Reported usage; by default estimated from the request and the reply. */
  usage?: { prompt: number; completion: number };
  /** Never report usage (neither in the body nor in a final stream chunk). */
  noUsage?: boolean;
  delayMs?: number;
  /** How many SSE chunks the content is split into (default: about one per 24 characters, at most 8). */
  chunks?: number;
  failure?: ReplyFailure;
}

export class ReplyBuilder {
  readonly spec: ReplySpec;

  constructor(spec?: Partial<ReplySpec>) {
    this.spec = { content: "", reasoning: "", toolCalls: [], ...spec };
  }

  /** Append assistant content (prompt-mode tool calls are just text). */
  text(content: string): this {
    this.spec.content += content;
    return this;
  }

  /** Append reasoning, sent as `reasoning_content` (or the server's configured reasoning field). */
  reasoning(text: string): this {
    this.spec.reasoning += text;
    return this;
  }

  /** A native tool call; the arguments are JSON-encoded. */
  tool(name: string, args: Record<string, unknown>, id?: string): this {
    return this.toolRaw(name, JSON.stringify(args), id);
  }

  /** A native tool call whose argument string is sent verbatim (possibly broken JSON). */
  toolRaw(name: string, args: string, id?: string): this {
    this.spec.toolCalls.push(id === undefined ? { name, arguments: args } : { name, arguments: args, id });
    return this;
  }

  /** End the reply normally ("tool_calls" when it made tool calls, else "stop"). */
  stop(): this {
    return this;
  }

  finish(reason: FinishReason): this {
    this.spec.finishReason = reason;
    return this;
  }

  usage(usage: { prompt: number; completion: number }): this {
    this.spec.usage = usage;
    return this;
  }

  noUsage(): this {
    this.spec.noUsage = true;
    return this;
  }

  delay(ms: number): this {
    this.spec.delayMs = ms;
    return this;
  }

  chunked(n: number): this {
    this.spec.chunks = Math.max(1, Math.floor(n));
    return this;
  }

  httpError(status: number, message?: string, headers?: Record<string, string>): this {
    const failure: ReplyFailure = { type: "http", status, message: message ?? `scripted HTTP ${status}` };
    if (headers) failure.headers = headers;
    this.spec.failure = failure;
    return this;
  }

  hang(afterChunks?: number): this {
    this.spec.failure = afterChunks === undefined ? { type: "hang" } : { type: "hang", afterChunks };
    return this;
  }

  /**
   * Break the stream after the role chunk and `afterChunks` more. Without a message the socket is destroyed (a
   * dropped connection); with one, an SSE error event `{"error": {"message"}}` is sent and the stream ends there,
   * as vLLM and llama.cpp do when generation fails midway.
   */
  streamError(afterChunks = 1, message?: string): this {
    this.spec.failure =
      message === undefined ? { type: "stream", afterChunks } : { type: "stream", afterChunks, message };
    return this;
  }

  /** Answer 200 with a body that is not a chat completion. */
  garbage(body = "<html>not an API</html>"): this {
    this.spec.failure = { type: "garbage", body };
    return this;
  }
}

/** Start a scripted reply. */
export function reply(spec?: Partial<ReplySpec>): ReplyBuilder {
  return new ReplyBuilder(spec);
}

/** Resolved finish reason of a reply. */
export function finishReasonOf(spec: ReplySpec): FinishReason {
  return spec.finishReason ?? (spec.toolCalls.length > 0 ? "tool_calls" : "stop");
}
