/**
 * Rendering helpers: trimming pinned sections under pressure, and merging adjacent user messages.
 */
import type { ChatMessage } from "../model/types.js";
import { capToolResult } from "./truncate.js";
import type { PinnedSection } from "./types.js";

/** Caps tried, in order, on pinned content when the request is over the hard budget. */
export const PIN_CAPS = [2000, 400];

/** Caps pinned files first, then any section, to `cap` characters; returns the keys it trimmed. */
export function trimPins(pins: readonly PinnedSection[], cap: number): { pins: PinnedSection[]; keys: string[] } {
  const keys: string[] = [];
  const out = pins.map((p) => {
    if (p.content.length <= cap || (p.kind !== "file" && cap > (PIN_CAPS[PIN_CAPS.length - 1] ?? 0))) return p;
    keys.push(p.key);
    return {
      ...p,
      content: capToolResult(p.content, cap, "Pinned content trimmed to fit; read the file for the rest.").text,
    };
  });
  return { pins: out, keys };
}

/** Joins adjacent user messages (strict chat templates require alternating roles). Deterministic, so stable. */
export function mergeAdjacentUserMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages) {
    const prev = out[out.length - 1];
    if (m.role === "user" && prev?.role === "user")
      out[out.length - 1] = { role: "user", content: `${prev.content}\n\n${m.content}` };
    else out.push(m);
  }
  return out;
}
