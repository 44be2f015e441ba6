/**
 * Builds one completion out of streamed chunks (or a whole non-streamed message): content with reasoning split out,
 * tool calls assembled from their fragments, the finish reason and any reported usage. Counts reasoning against the
 * thinking budget and says when it overflowed.
 */
import { estimateTokens } from "../context/tokens.js";
import type { ModelCompat } from "./compat.js";
import { ThinkSplitter } from "./reasoning.js";
import type { NativeToolCall, StreamDelta } from "./types.js";

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | undefined => (v && typeof v === "object" ? (v as Json) : undefined);

export class CompletionAccumulator {
  /** Chunks (or messages) seen, valid or not. */
  chunks = 0;
  /** Whether any text, reasoning or tool-call data arrived. */
  gotData = false;
  finishReason: string | null = null;
  reported: { promptTokens: number; completionTokens: number } | undefined;
  reasoningTokens = 0;
  overflowed = false;
  private text = "";
  private reasoning = "";
  private readonly calls: PartialCall[] = [];
  private readonly byIndex = new Map<number, PartialCall>();
  private readonly splitter: ThinkSplitter | undefined;

  constructor(
    private readonly compat: ModelCompat,
    private readonly onDelta?: (delta: StreamDelta) => void,
    private readonly maxReasoningTokens?: number,
  ) {
    this.splitter = compat.thinkTags ? new ThinkSplitter() : undefined;
  }

  /** One `chat.completion.chunk`. Returns false when the chunk is not one. */
  addChunk(chunk: unknown): boolean {
    const c = asObject(chunk);
    if (!c) return false;
    this.chunks++;
    this.readUsage(c["usage"]);
    const choices = Array.isArray(c["choices"]) ? c["choices"] : undefined;
    if (!choices) return "usage" in c;
    const choice = asObject(choices[0]);
    if (!choice) return true;
    const delta = asObject(choice["delta"]);
    if (delta) this.addDelta(delta);
    if (typeof choice["finish_reason"] === "string") this.finishReason = choice["finish_reason"];
    return true;
  }

  /** A whole non-streamed `chat.completion`. Returns false when it is not one. */
  addCompletion(completion: unknown): boolean {
    const c = asObject(completion);
    const choice = asObject(Array.isArray(c?.["choices"]) ? (c["choices"] as unknown[])[0] : undefined);
    const message = asObject(choice?.["message"]);
    if (!c || !choice || !message) return false;
    this.chunks++;
    this.readUsage(c["usage"]);
    const calls = Array.isArray(message["tool_calls"]) ? message["tool_calls"] : [];
    this.addDelta({ ...message, tool_calls: calls.map((call, index) => ({ index, ...asObject(call) })) });
    if (typeof choice["finish_reason"] === "string") this.finishReason = choice["finish_reason"];
    return true;
  }

  private readUsage(u: unknown): void {
    const usage = asObject(u);
    if (!usage) return;
    const prompt = usage["prompt_tokens"];
    const completion = usage["completion_tokens"];
    if (typeof prompt === "number" && typeof completion === "number") {
      this.reported = { promptTokens: prompt, completionTokens: completion };
    }
  }

  private addDelta(delta: Json): void {
    for (const field of this.compat.reasoningFields) {
      const r = delta[field];
      if (typeof r === "string" && r.length > 0) this.addReasoning(r);
    }
    const content = delta["content"];
    if (typeof content === "string" && content.length > 0) {
      this.gotData = true;
      if (this.splitter) {
        const piece = this.splitter.push(content);
        if (piece.reasoning) this.countReasoning(piece.reasoning);
        if (piece.text) this.onDelta?.({ text: piece.text });
      } else {
        this.text += content;
        this.onDelta?.({ text: content });
      }
    }
    if (Array.isArray(delta["tool_calls"])) for (const t of delta["tool_calls"]) this.addToolFragment(asObject(t));
  }

  private addReasoning(r: string): void {
    this.gotData = true;
    this.reasoning += r;
    this.countReasoning(r);
  }

  private countReasoning(r: string): void {
    this.onDelta?.({ reasoning: r });
    this.reasoningTokens += estimateTokens(r);
    if (this.maxReasoningTokens !== undefined && this.reasoningTokens > this.maxReasoningTokens) this.overflowed = true;
  }

  private addToolFragment(t: Json | undefined): void {
    if (!t) return;
    this.gotData = true;
    const fn = asObject(t["function"]) ?? {};
    const id = typeof t["id"] === "string" && t["id"].length > 0 ? t["id"] : undefined;
    const index = typeof t["index"] === "number" ? t["index"] : this.calls.length;
    let call = this.byIndex.get(index);
    // Some servers send every call complete, all at index 0: a new id on a named call starts a new call.
    if (call && id !== undefined && call.id !== id && call.name.length > 0) call = undefined;
    if (!call) {
      call = { id: id ?? `call_${this.calls.length + 1}`, name: "", arguments: "" };
      this.calls.push(call);
      this.byIndex.set(index, call);
    }
    if (typeof fn["name"] === "string") call.name += call.name === fn["name"] ? "" : fn["name"];
    if (typeof fn["arguments"] === "string") call.arguments += fn["arguments"];
    else if (fn["arguments"] && typeof fn["arguments"] === "object") call.arguments += JSON.stringify(fn["arguments"]);
  }

  /** Text, reasoning and tool calls so far (final once the stream ended). */
  result(): { text: string; reasoning: string; toolCalls: NativeToolCall[] } {
    let text = this.text;
    let reasoning = this.reasoning;
    if (this.splitter) {
      const split = this.splitter.finish();
      text = split.text;
      reasoning = [reasoning.trim(), split.reasoning].filter((s) => s.length > 0).join("\n");
    }
    const toolCalls = this.calls.filter((c) => c.name.length > 0).map((c) => ({ ...c }));
    return { text, reasoning: reasoning.trim(), toolCalls };
  }
}
