/**
 * The engine's state as plain JSON and back, for sessions that resume after a kill. Deep copies both ways, so a
 * snapshot never changes under its holder.
 */
import { makeEntry, type HistoryState } from "./history.js";
import type { ContextSnapshot, PinnedSection } from "./types.js";

export function toSnapshot(task: string, state: HistoryState, pins: readonly PinnedSection[]): ContextSnapshot {
  return structuredClone({
    version: 1 as const,
    task,
    summary: state.summary,
    seq: state.seq,
    entries: state.entries.map(({ message, seq, tool, evicted }) => ({
      message,
      seq,
      ...(tool ? { tool } : {}),
      ...(evicted ? { evicted } : {}),
    })),
    pins: [...pins],
    changes: [...state.changes],
  });
}

export function fromSnapshot(snapshot: ContextSnapshot): { state: HistoryState; pins: PinnedSection[] } {
  const copy = structuredClone(snapshot);
  return {
    state: {
      summary: copy.summary,
      seq: copy.seq,
      changes: new Map(copy.changes),
      entries: copy.entries.map((e) => ({
        ...makeEntry(e.message, e.seq, e.tool),
        ...(e.evicted ? { evicted: e.evicted } : {}),
      })),
    },
    pins: copy.pins,
  };
}
