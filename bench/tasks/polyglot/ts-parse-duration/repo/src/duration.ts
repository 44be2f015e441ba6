const UNIT: Record<string, number> = { h: 3600, s: 1 };

/** "1h30m" → 5400. Throws on text it cannot read. */
export function parseDuration(text: string): number {
  const re = /(\d+)([hs])/g;
  let total = 0;
  let seen = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * (UNIT[m[2] ?? ""] ?? 0);
    seen += m[0].length;
  }
  if (seen !== text.length || text.length === 0) throw new Error(`bad duration: ${text}`);
  return total;
}
