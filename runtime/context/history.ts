/**
 * The engine's history: messages with their token estimates and what tool results say about files, grouped into
 * turns, and the eviction of stale and superseded tool results.
 */
import { posix } from "node:path";
import type { ChatMessage, NativeToolCall } from "../model/types.js";
import { estimateMessageTokens } from "./tokens.js";
import type { ToolResultMeta } from "./types.js";

export interface Entry {
  message: ChatMessage;
  /** Raw (uncalibrated) token estimate of the message. */
  tokens: number;
  /** Order of arrival; reads and writes compare on it. */
  seq: number;
  /** For tool results: the tool, the identity of the call, the files read and written. */
  tool?: { name: string; callKey: string; reads: string[]; writes: string[]; ok: boolean };
  /** Set once the result has been replaced by a stub. */
  evicted?: "stale" | "superseded";
  /**
   * The full output of a capped tool result (up to SOURCE_KEEP_CHARS), so a later, tighter cap is cut from the
   * original and its note gives the file's real line numbers.
   */
  source?: string;
}

/** Everything the engine remembers besides its configuration and pins. */
export interface HistoryState {
  entries: Entry[];
  /** Next arrival number. */
  seq: number;
  /** File → seq of its latest change. */
  changes: Map<string, number>;
  /** Summary of compacted turns, "" before the first compaction. */
  summary: string;
}

/** The assistant call a tool result answers, searched from the newest message back. */
export function findCall(entries: readonly Entry[], toolCallId: string): NativeToolCall | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const m = entries[i]?.message;
    if (m?.role !== "assistant" || !m.toolCalls) continue;
    const call = m.toolCalls.find((c) => c.id === toolCallId);
    if (call) return call;
  }
  return undefined;
}

/** Outputs longer than this are not kept whole; a re-cap then works from the capped text. */
export const SOURCE_KEEP_CHARS = 262_144;

export function makeEntry(message: ChatMessage, seq: number, tool?: Entry["tool"]): Entry {
  return tool
    ? { message, tokens: estimateMessageTokens(message), seq, tool }
    : { message, tokens: estimateMessageTokens(message), seq };
}

/** Replaces an entry's content, keeping its role and tool-call pairing, and recounts its tokens. */
export function rewrite(entry: Entry, content: string): void {
  entry.message = { ...entry.message, content };
  entry.tokens = estimateMessageTokens(entry.message);
}

export function normalizePath(path: string): string {
  const p = posix.normalize(path.replace(/\\/g, "/"));
  return p.startsWith("./") ? p.slice(2) : p;
}

/** Identity of a call: the tool name and its arguments with keys sorted, so `{a,b}` and `{b,a}` match. */
export function callKeyOf(name: string, rawArguments: string): string {
  try {
    return `${name}:${JSON.stringify(sortKeys(JSON.parse(rawArguments)))}`;
  } catch {
    return `${name}:${rawArguments.trim()}`;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Builds the tool facts of a result from its meta and the assistant call it answers. */
export function toolFacts(
  message: Extract<ChatMessage, { role: "tool" }>,
  meta: ToolResultMeta,
  call: { name: string; arguments: string } | undefined,
): NonNullable<Entry["tool"]> {
  const name = meta.tool ?? message.name ?? call?.name ?? "tool";
  const callKey = meta.callKey ?? (call ? callKeyOf(call.name, call.arguments) : `${name}#${message.toolCallId}`);
  return {
    name,
    callKey,
    reads: (meta.reads ?? []).map(normalizePath),
    writes: (meta.writes ?? []).map(normalizePath),
    ok: meta.ok ?? true,
  };
}

/**
 * Turns: each user message or assistant message starts one; tool results belong to the assistant turn before them,
 * so a turn never splits a call from its result. Returns the index of each turn's first entry.
 */
export function turnStarts(entries: readonly Entry[]): number[] {
  const starts: number[] = [];
  entries.forEach((e, i) => {
    if (e.message.role !== "tool" || starts.length === 0) starts.push(i);
  });
  return starts;
}

export interface EvictionCount {
  stale: number;
  superseded: number;
  tokensFreed: number;
}

/**
 * Replaces stale reads (the file changed after the read) and superseded results (the same call was made again later)
 * with one-line stubs. `changes` maps each file to the seq of its latest change.
 */
export function evictStale(entries: Entry[], changes: ReadonlyMap<string, number>): EvictionCount {
  const count: EvictionCount = { stale: 0, superseded: 0, tokensFreed: 0 };
  const latestByKey = new Map<string, number>();
  for (const e of entries) if (e.tool) latestByKey.set(e.tool.callKey, e.seq);
  for (const e of entries) {
    if (!e.tool || e.evicted) continue;
    const before = e.tokens;
    const changed = e.tool.reads.find((f) => (changes.get(f) ?? -1) > e.seq);
    if (changed !== undefined) {
      rewrite(e, `[Stale: this showed ${changed} before it was changed later. Read it again for its current content.]`);
      e.evicted = "stale";
      count.stale++;
    } else if ((latestByKey.get(e.tool.callKey) ?? e.seq) > e.seq) {
      rewrite(e, `[Superseded: the same ${e.tool.name} call was made again later; its newer result is below.]`);
      e.evicted = "superseded";
      count.superseded++;
    } else {
      continue;
    }
    delete e.source; // a stub has no use for the full output
    count.tokensFreed += Math.max(0, before - e.tokens);
  }
  return count;
}
