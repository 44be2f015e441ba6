/**
 * Prefix stability: the share of a request's prompt tokens that repeat the previous request's prefix, which is what a
 * llama.cpp / Ollama / LM Studio KV cache can reuse. Requests are laid out the way common chat templates (Qwen, Llama)
 * render them: the system message, then the tool schemas, then the conversation.
 */
import type { ChatMessage, OpenAITool } from "../model/types.js";
import { estimateTokens } from "./tokens.js";

export interface PromptLike {
  messages: readonly ChatMessage[];
  tools?: readonly OpenAITool[];
}

/** The request as ordered text segments (one per message, one for all tool schemas). */
export function promptSegments(prompt: PromptLike): string[] {
  const segments: string[] = [];
  const [first, ...rest] = prompt.messages;
  const leadingSystem = first?.role === "system";
  if (first && leadingSystem) segments.push(renderMessage(first));
  if (prompt.tools && prompt.tools.length > 0) segments.push(`<tools>${JSON.stringify(prompt.tools)}</tools>`);
  for (const m of leadingSystem ? rest : prompt.messages) segments.push(renderMessage(m));
  return segments;
}

function renderMessage(m: ChatMessage): string {
  const calls = m.role === "assistant" && m.toolCalls?.length ? JSON.stringify(m.toolCalls) : "";
  const id = m.role === "tool" ? ` ${m.toolCallId}` : "";
  return `<${m.role}${id}>\n${m.content}${calls}\n`;
}

/**
 * Share (0..1) of `next`'s prompt tokens that form a prefix identical to `previous`'s. `count` counts tokens of a text
 * (the fast estimate by default; the benchmark passes a real tokenizer).
 */
export function prefixStability(
  previous: PromptLike,
  next: PromptLike,
  count: (text: string) => number = estimateTokens,
): number {
  const a = promptSegments(previous);
  const b = promptSegments(next);
  let total = 0;
  let common = 0;
  let diverged = false;
  for (let i = 0; i < b.length; i++) {
    const seg = b[i] ?? "";
    const tokens = count(seg);
    total += tokens;
    if (diverged) continue;
    const old = a[i];
    if (old === seg) {
      common += tokens;
    } else {
      diverged = true;
      if (old !== undefined) common += count(seg.slice(0, commonPrefixLength(old, seg)));
    }
  }
  return total === 0 ? 1 : Math.min(1, common / total);
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
