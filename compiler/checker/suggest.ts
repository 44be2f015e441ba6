/** "Did you mean …?": the closest known name by edit distance, when it is close enough to be a likely typo. */

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
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
