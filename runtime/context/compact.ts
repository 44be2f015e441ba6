/**
 * Compaction of older turns into one summary: the transcript handed to the summarizer, and the deterministic digest
 * used when the summarizer fails, so history is never dropped silently.
 */
import type { Entry } from "./history.js";
import { capToolResult } from "./truncate.js";
import type { Summarizer } from "./types.js";

/** Per-message cap in the transcript: the summary needs the gist, not whole files. */
const TRANSCRIPT_MESSAGE_CHARS = 800;

export function renderTranscript(previousSummary: string, entries: readonly Entry[], maxChars: number): string {
  const parts: string[] = [];
  if (previousSummary) parts.push(`Summary of even earlier work:\n${previousSummary}`);
  for (const e of entries) {
    const m = e.message;
    const body = capToolResult(m.content, TRANSCRIPT_MESSAGE_CHARS, "").text;
    if (m.role === "assistant") {
      const calls = (m.toolCalls ?? []).map((c) => `  → ${c.name} ${c.arguments}`).join("\n");
      parts.push(`assistant: ${body}${calls ? `\n${calls}` : ""}`);
    } else if (m.role === "tool") {
      parts.push(`result of ${e.tool?.name ?? m.name ?? "tool"}${e.tool?.ok === false ? " (failed)" : ""}: ${body}`);
    } else {
      parts.push(`${m.role}: ${body}`);
    }
  }
  return capToolResult(parts.join("\n\n"), maxChars, "").text;
}

const DIGEST_LIST_MAX = 12;

/** A summary built without a model: requests, tools called, files read and changed, failures, the last note. */
export function digest(previousSummary: string, entries: readonly Entry[], reason: string): string {
  const requests: string[] = [];
  const calls = new Map<string, number>();
  const read = new Set<string>();
  const changed = new Set<string>();
  const errors: string[] = [];
  let lastNote = "";
  for (const e of entries) {
    const m = e.message;
    if (m.role === "user") requests.push(firstLine(m.content));
    if (m.role === "assistant") {
      for (const c of m.toolCalls ?? []) calls.set(c.name, (calls.get(c.name) ?? 0) + 1);
      if (m.content.trim()) lastNote = firstLine(m.content);
    }
    if (e.tool) {
      e.tool.reads.forEach((f) => read.add(f));
      e.tool.writes.forEach((f) => changed.add(f));
      if (!e.tool.ok) errors.push(`${e.tool.name}: ${firstLine(m.content)}`);
    }
  }
  const lines = [`Digest of ${entries.length} earlier messages (automatic summary unavailable: ${reason}).`];
  if (previousSummary) lines.push(`Before that: ${previousSummary}`);
  if (requests.length) lines.push(`User asked: ${list(requests.map((r) => JSON.stringify(r)))}`);
  if (calls.size) lines.push(`Tools called: ${[...calls].map(([n, k]) => `${n} ×${k}`).join(", ")}`);
  if (read.size) lines.push(`Files read: ${list([...read])}`);
  if (changed.size) lines.push(`Files changed: ${list([...changed])}`);
  if (errors.length) lines.push(`Failures: ${list(errors)}`);
  if (lastNote) lines.push(`Last note: ${lastNote}`);
  return lines.join("\n");
}

function firstLine(text: string): string {
  const line = text.trim().split("\n", 1)[0] ?? "";
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, DIGEST_LIST_MAX).join("; ");
  return items.length > DIGEST_LIST_MAX ? `${shown}; and ${items.length - DIGEST_LIST_MAX} more` : shown;
}

export interface SummaryOutcome {
  text: string;
  usedFallback: boolean;
  error?: string;
}

/** Asks the summarizer; on failure, an empty answer or a throw, falls back to the digest. Caps the result. */
export async function summarize(
  summarizer: Summarizer | undefined,
  previousSummary: string,
  entries: readonly Entry[],
  limits: { transcriptChars: number; summaryChars: number },
  signal?: AbortSignal,
): Promise<SummaryOutcome> {
  let error = "no summarizer configured";
  if (summarizer) {
    try {
      const result = await summarizer(renderTranscript(previousSummary, entries, limits.transcriptChars), signal);
      if (result.ok && result.text.trim()) {
        return { text: capToolResult(result.text.trim(), limits.summaryChars, "").text, usedFallback: false };
      }
      error = result.ok ? "the summarizer returned nothing" : result.error;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  const text = capToolResult(digest(previousSummary, entries, error), limits.summaryChars, "").text;
  return { text, usedFallback: true, error };
}

/**
 * Where to cut the history for compaction: the end of the fewest oldest turns whose removal `fits` (given the tokens
 * removed), never reaching into the last `keep` turns; all eligible turns when no smaller cut fits; 0 when none are.
 */
export function chooseCut(
  entries: readonly Entry[],
  starts: readonly number[],
  keep: number,
  fits: (removedTokens: number) => boolean,
): number {
  const eligible = Math.max(0, starts.length - keep);
  const endOf = (t: number): number => (t < starts.length ? (starts[t] ?? entries.length) : entries.length);
  let removed = 0;
  for (let t = 1, i = 0; t <= eligible; t++) {
    const end = endOf(t);
    for (; i < end; i++) removed += entries[i]?.tokens ?? 0;
    if (fits(removed)) return end;
  }
  return eligible === 0 ? 0 : endOf(eligible);
}
