/**
 * Turns a scripted reply into the wire format of OpenAI chat completions: one `chat.completion` JSON body, or a
 * sequence of `chat.completion.chunk` SSE events ending in `data: [DONE]`.
 */
import { estimateTokens } from "../../runtime/context/tokens.js";
import { finishReasonOf, type ReplySpec } from "./script.js";

export type ReasoningField = "reasoning_content" | "reasoning";

export interface RenderContext {
  model: string;
  /** Parsed request body. */
  body: Record<string, unknown>;
  reasoningField: ReasoningField;
  /** Cap on the reported prompt tokens (a server silently truncating its context), if any. */
  truncateAt?: number;
  /** Sequence number of this completion, for stable ids. */
  seq: number;
}

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join("");
  }
  return "";
}

/** Prompt tokens of a request, counted the way the project's estimator counts them. */
export function promptTokensOf(body: Record<string, unknown>): number {
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : [];
  let total = 3;
  for (const m of messages) {
    if (!m || typeof m !== "object") continue;
    const msg = m as Record<string, unknown>;
    total += 4 + estimateTokens(contentText(msg["content"]));
    if (Array.isArray(msg["tool_calls"])) total += estimateTokens(JSON.stringify(msg["tool_calls"]));
  }
  if (Array.isArray(body["tools"])) total += estimateTokens(JSON.stringify(body["tools"]));
  return total;
}

export function usageOf(spec: ReplySpec, ctx: RenderContext): WireUsage {
  let prompt = spec.usage?.prompt ?? promptTokensOf(ctx.body);
  if (ctx.truncateAt !== undefined) prompt = Math.min(prompt, ctx.truncateAt);
  const completion =
    spec.usage?.completion ??
    estimateTokens(spec.content) +
      estimateTokens(spec.reasoning) +
      spec.toolCalls.reduce((n, c) => n + estimateTokens(c.name) + estimateTokens(c.arguments), 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function toolCallId(ctx: RenderContext, index: number, given?: string): string {
  return given ?? `call_${ctx.seq}_${index}`;
}

/** The non-streaming `chat.completion` body. */
export function renderCompletion(spec: ReplySpec, ctx: RenderContext): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: spec.content };
  if (spec.reasoning) message[ctx.reasoningField] = spec.reasoning;
  if (spec.toolCalls.length > 0) {
    message["tool_calls"] = spec.toolCalls.map((c, i) => ({
      id: toolCallId(ctx, i, c.id),
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  const body: Record<string, unknown> = {
    id: `chatcmpl-${ctx.seq}`,
    object: "chat.completion",
    created: 1_700_000_000 + ctx.seq,
    model: ctx.model,
    choices: [{ index: 0, message, finish_reason: finishReasonOf(spec), logprobs: null }],
  };
  if (!spec.noUsage) body["usage"] = usageOf(spec, ctx);
  return body;
}

/** Split text into `n` nearly equal pieces (fewer when the text is shorter). */
export function splitText(text: string, n: number): string[] {
  if (text.length === 0) return [];
  const count = Math.max(1, Math.min(n, text.length));
  const size = Math.ceil(text.length / count);
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

function defaultChunks(text: string): number {
  return Math.max(1, Math.min(8, Math.ceil(text.length / 24)));
}

/**
 * The SSE events of a streamed completion, each a JSON payload (without the `data: ` framing), in order.
 * The trailing usage chunk is included when `includeUsage` is set and the reply does not disable usage.
 */
export function renderChunks(spec: ReplySpec, ctx: RenderContext, includeUsage: boolean): Record<string, unknown>[] {
  const base = { id: `chatcmpl-${ctx.seq}`, object: "chat.completion.chunk", created: 1_700_000_000 + ctx.seq };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    ...base,
    model: ctx.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const out: Record<string, unknown>[] = [chunk({ role: "assistant", content: "" })];
  for (const piece of splitText(spec.reasoning, spec.chunks ?? defaultChunks(spec.reasoning))) {
    out.push(chunk({ [ctx.reasoningField]: piece }));
  }
  for (const piece of splitText(spec.content, spec.chunks ?? defaultChunks(spec.content))) {
    out.push(chunk({ content: piece }));
  }
  spec.toolCalls.forEach((call, index) => {
    const id = toolCallId(ctx, index, call.id);
    out.push(chunk({ tool_calls: [{ index, id, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const piece of splitText(call.arguments, 2)) {
      out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  out.push(chunk({}, finishReasonOf(spec)));
  if (includeUsage && !spec.noUsage) {
    out.push({ ...base, model: ctx.model, choices: [], usage: usageOf(spec, ctx) });
  }
  return out;
}
