/**
 * Translates the project's ChatMessage history into the wire messages a given server accepts, following the model's
 * compatibility flags (system vs developer role, tool results as `role: "tool"` or as user text, `name` on results).
 */
import type { ModelCompat } from "./compat.js";
import type { ChatMessage, NativeToolCall } from "./types.js";

/** A chat-completions message as sent on the wire. */
export type WireMessage = Record<string, unknown> & { role: string };

/** Prompt-mode rendering of a tool call, for servers that cannot take `tool_calls` in the history. */
function toolCallAsText(call: NativeToolCall): string {
  return `<tool_call>\n{"name": ${JSON.stringify(call.name)}, "arguments": ${call.arguments || "{}"}}\n</tool_call>`;
}

function assistantMessage(
  m: Extract<ChatMessage, { role: "assistant" }>,
  compat: ModelCompat,
  nativeHistory: boolean,
): WireMessage {
  const calls = m.toolCalls ?? [];
  if (calls.length === 0) return { role: "assistant", content: m.content };
  if (!nativeHistory) {
    const text = [m.content, ...calls.map(toolCallAsText)].filter((s) => s.length > 0).join("\n");
    return { role: "assistant", content: text };
  }
  return {
    role: "assistant",
    // Some servers reject an empty string next to tool_calls; null is what OpenAI itself sends.
    content: m.content.length > 0 ? m.content : null,
    tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })),
  };
}

function toolResultMessage(m: Extract<ChatMessage, { role: "tool" }>, compat: ModelCompat): WireMessage {
  if (compat.toolResultRole === "user") {
    const label = m.name ? `Result of ${m.name} (call ${m.toolCallId})` : `Result of tool call ${m.toolCallId}`;
    return { role: "user", content: `${label}:\n${m.content}` };
  }
  const msg: WireMessage = { role: "tool", tool_call_id: m.toolCallId, content: m.content };
  if (compat.toolResultName && m.name) msg["name"] = m.name;
  return msg;
}

/** The wire messages for a history under the given compatibility flags. */
export function toWireMessages(messages: readonly ChatMessage[], compat: ModelCompat): WireMessage[] {
  // When tool results cannot use role "tool", assistant tool_calls without matching results would be rejected too,
  // so both are rendered as text.
  const nativeHistory = compat.toolResultRole === "tool" && compat.nativeTools !== false;
  return messages.map((m): WireMessage => {
    switch (m.role) {
      case "system":
        return { role: compat.systemRole, content: m.content };
      case "user":
        return { role: "user", content: m.content };
      case "assistant":
        return assistantMessage(m, compat, nativeHistory);
      case "tool":
        return nativeHistory
          ? toolResultMessage(m, compat)
          : toolResultMessage(m, { ...compat, toolResultRole: "user" });
    }
  });
}
