/** "Did you mean" for mistyped slash commands: a unique prefix first, then the nearest name by edit distance. */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swapped neighbours count one each. */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The closest real name to `written`, or undefined when nothing is close enough to be a typo. */
export function closestCommand(written: string, names: readonly string[]): string | undefined {
  const w = written.toLowerCase();
  if (w === "") return undefined;
  const prefixed = names.filter((n) => n.startsWith(w));
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = typoDistance(w, name.toLowerCase());
    if (!best || d < best.d || (d === best.d && name < best.name)) best = { name, d };
  }
  if (!best) return prefixed[0];
  const limit = Math.max(1, Math.floor(Math.max(w.length, best.name.length) / 3));
  return best.d <= limit ? best.name : prefixed[0];
}
