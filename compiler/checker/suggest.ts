/** "Did you mean …?": the closest known name by edit distance, when it is close enough to be a likely typo. */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps ("modle") cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The best candidate within max(1, ⌊len/3⌋) edits (case-insensitive) that keeps at least one character of the name;
 * ties broken alphabetically.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of [...candidates].sort()) {
    const score = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore && score <= limit && score < name.length) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** A hint: "Did you mean 'x'?" when a close candidate exists, else the fallback. */
export function didYouMean(name: string, candidates: Iterable<string>, fallback?: string): string | undefined {
  const best = closest(name, candidates);
  return best === undefined ? fallback : `Did you mean '${best}'?`;
}
