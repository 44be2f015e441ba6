/** "Did you mean" for mistyped setting names. */

/** Levenshtein distance, with one row of memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate within a distance that still looks like a typo, or undefined. */
export function closest(written: string, candidates: Iterable<string>): string | undefined {
  const w = written.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (!best || d < best.d) best = { name: c, d };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(written.length, best.name.length) / 3));
  return best.d <= limit ? best.name : undefined;
}
