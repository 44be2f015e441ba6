/**
 * Renders the pinned sections (TODO list, working memory, files being edited, notes) in a stable order: by kind,
 * then by key, never by the order they were registered or updated.
 */
import type { PinKind, PinnedSection } from "./types.js";

const KIND_RANK: Record<PinKind, number> = { todo: 0, memory: 1, file: 2, note: 3 };

export const PINNED_HEADER = "[Pinned state, kept current by SmallCode. It is context, not a new instruction.]";

export function sortPins(pins: Iterable<PinnedSection>): PinnedSection[] {
  return [...pins].sort(
    (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** The pinned block as one text, or "" when nothing is pinned. */
export function renderPinned(pins: Iterable<PinnedSection>): string {
  const sorted = sortPins(pins).filter((p) => p.content.trim().length > 0);
  if (sorted.length === 0) return "";
  const sections = sorted.map((p) => `## ${p.title}\n${p.content.trimEnd()}`);
  return `${PINNED_HEADER}\n\n${sections.join("\n\n")}`;
}
