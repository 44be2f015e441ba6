/**
 * Linear-time repetition checks over model text.
 *
 * - `tailLoop`: does the text END in one chunk repeated over and over (the shape of a model stuck in a decoding loop
 *   until the token limit)? One prefix-function pass over the reversed, whitespace-collapsed text: for every suffix
 *   length L, its smallest period is L − π[L−1], so the longest run of a period is found in O(n).
 * - `repeatedSegments`: the current text's most frequent line or sentence (at least `minChars` long) over recent
 *   texts, counted in one hash map: O(total length).
 */

export interface TailLoop {
  /** The repeated chunk (as written, whitespace collapsed). */
  chunk: string;
  /** How many whole times it repeats at the end of the text. */
  repeats: number;
}

function prefixFunction(s: string): Int32Array {
  const pi = new Int32Array(s.length);
  for (let i = 1; i < s.length; i++) {
    let k = pi[i - 1] ?? 0;
    while (k > 0 && s.charCodeAt(i) !== s.charCodeAt(k)) k = pi[k - 1] ?? 0;
    if (s.charCodeAt(i) === s.charCodeAt(k)) k++;
    pi[i] = k;
  }
  return pi;
}

/**
 * The chunk of at least `minChars` characters that the end of `text` repeats most often, when it repeats at least
 * `minRepeats` times. A tiny period (e.g. "ab" × 100) is widened to the smallest multiple of itself that is at least
 * `minChars` long, so a run of one character also counts once it is long enough.
 */
export function tailLoop(text: string, minChars: number, minRepeats: number): TailLoop | undefined {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length < minChars * minRepeats) return undefined;
  const reversed = flat.split("").reverse().join(""); // code units, so lengths match `flat`
  const pi = prefixFunction(reversed);
  let best: { period: number; repeats: number } | undefined;
  for (let len = 1; len <= reversed.length; len++) {
    const smallest = len - (pi[len - 1] ?? 0);
    const period = smallest >= minChars ? smallest : Math.ceil(minChars / smallest) * smallest;
    const repeats = Math.floor(len / period);
    if (repeats >= minRepeats && (!best || repeats > best.repeats)) best = { period, repeats };
  }
  if (!best) return undefined;
  return { chunk: flat.slice(flat.length - best.period).trim(), repeats: best.repeats };
}

export interface SegmentRepeat {
  segment: string;
  count: number;
}

/** Lines and sentences of a text, whitespace-collapsed and lower-cased. */
export function segments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    for (const part of line.split(/(?<=[.!?])\s+/)) {
      const s = part.toLowerCase().replace(/\s+/g, " ").trim();
      if (s !== "") out.push(s);
    }
  }
  return out;
}

/**
 * The segment of `current` (at least `minChars` long) that occurs most often over `earlier` and `current` together.
 * Only the current text's segments count: a sentence repeated in the past but not now is not a loop any more.
 */
export function repeatedSegments(
  current: string,
  earlier: readonly string[],
  minChars: number,
): SegmentRepeat | undefined {
  const counts = new Map<string, number>();
  for (const s of segments(current)) if (s.length >= minChars) counts.set(s, 0);
  if (counts.size === 0) return undefined;
  let best: SegmentRepeat | undefined;
  for (const text of [...earlier, current]) {
    for (const s of segments(text)) {
      const n = counts.get(s);
      if (n === undefined) continue;
      counts.set(s, n + 1);
      if (n + 1 > 1 && (!best || n + 1 > best.count)) best = { segment: s, count: n + 1 };
    }
  }
  return best;
}

/** Shortens a quoted snippet for a steering detail. */
export function snippet(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
