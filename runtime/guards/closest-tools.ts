/**
 * Ranking real tool names against a name the model made up: edit distance between the names, plus overlap of their
 * word tokens (`read_file`, `readFile` and `file-read` share "read" and "file").
 */

function tokens(name: string): Set<string> {
  return new Set(
    name
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t !== ""),
  );
}

/** Levenshtein distance (names are short: O(n·m) with one row). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** Similarity in 0..1: the better of token overlap (Jaccard) and normalised edit similarity. */
export function nameSimilarity(written: string, real: string): number {
  const a = written.toLowerCase();
  const b = real.toLowerCase();
  if (a === "" || b === "") return 0;
  const ta = tokens(written);
  const tb = tokens(real);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const union = ta.size + tb.size - shared;
  const overlap = union === 0 ? 0 : shared / union;
  const edit = 1 - editDistance(a, b) / Math.max(a.length, b.length);
  const contains = a.includes(b) || b.includes(a) ? 0.5 : 0;
  return Math.max(overlap, edit, contains);
}

/**
 * The `count` real names closest to `written`, best first (ties keep the given order). A blank name has no closest
 * tools, so the first `count` names are returned as they were declared.
 */
export function closestTools(written: string, names: readonly string[], count: number): string[] {
  if (count <= 0) return [];
  if (written.trim() === "") return names.slice(0, count);
  return names
    .map((name, index) => ({ name, index, score: nameSimilarity(written, name) }))
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .slice(0, count)
    .map((r) => r.name);
}
