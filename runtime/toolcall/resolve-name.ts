/**
 * Resolving a name the model wrote to one of a set of real names (tools, or one tool's parameters), only when the
 * match is unambiguous. Order: exact → declared alias → case style → word order → (a name inside two real names is
 * ambiguous) → synonym group → edit distance with a margin.
 */
import { editDistance, indexGroups, normalizeName } from "./synonyms.js";

export type NameResolution =
  | { kind: "exact"; name: string }
  | {
      kind: "resolved";
      name: string;
      how: "alias" | "case style" | "word order" | "synonym" | "abbreviation" | "spelling";
    }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "unknown"; closest: string[] };

export class NameResolver {
  private readonly real: string[];
  private readonly byNorm = new Map<string, string[]>();
  private readonly byWords = new Map<string, string[]>();
  private readonly aliases = new Map<string, string[]>();
  private readonly groupIndex: Map<string, number[]>;
  private readonly groupsOfReal = new Map<number, string[]>();

  /**
   * `abbreviations`: a one-word name that starts with exactly one real name of 3+ characters resolves to it
   * (`repository` → `repo`, `paths` → `path`). Parameters only: names written with separators (`content_type`) are
   * other things, and a tool name guessed from a longer word could turn prose into a call.
   */
  constructor(
    realNames: string[],
    aliases: Record<string, string[]>,
    groups: readonly (readonly string[])[],
    private readonly abbreviations = false,
  ) {
    this.real = realNames;
    for (const name of realNames) push(this.byNorm, normalizeName(name), name);
    for (const name of realNames) {
      const key = wordKey(name);
      if (key !== undefined) push(this.byWords, key, name);
    }
    for (const [name, list] of Object.entries(aliases)) {
      if (!realNames.includes(name)) continue;
      for (const alias of list) push(this.aliases, normalizeName(alias), name);
    }
    this.groupIndex = indexGroups(groups);
    for (const name of realNames) {
      for (const g of this.groupIndex.get(normalizeName(name)) ?? []) push(this.groupsOfReal, g, name);
    }
  }

  /** `fuzzy: false` stops after case style (used where a guess would turn prose into a call). */
  resolve(written: string, fuzzy = true): NameResolution {
    if (this.real.includes(written)) return { kind: "exact", name: written };
    const norm = normalizeName(written);
    if (norm === "") return { kind: "unknown", closest: this.closest(written) };
    const alias = unique(this.aliases.get(norm));
    if (alias.length === 1) return { kind: "resolved", name: alias[0] as string, how: "alias" };
    if (alias.length > 1) return { kind: "ambiguous", candidates: alias };
    const cased = unique(this.byNorm.get(norm));
    if (cased.length === 1) return { kind: "resolved", name: cased[0] as string, how: "case style" };
    if (cased.length > 1) return { kind: "ambiguous", candidates: cased };
    if (!fuzzy) return { kind: "unknown", closest: this.closest(written) };
    const key = wordKey(written); // the same words in another order: line_start → start_line, file_read → read_file
    const reordered = key === undefined ? [] : unique(this.byWords.get(key));
    if (reordered.length === 1) return { kind: "resolved", name: reordered[0] as string, how: "word order" };
    if (reordered.length > 1) return { kind: "ambiguous", candidates: reordered };
    // A name that is part of two or more real names ("search" vs search_code, search_docs) is never guessed.
    const containing = norm.length >= 3 ? this.real.filter((n) => normalizeName(n).includes(norm)) : [];
    if (containing.length > 1) return { kind: "ambiguous", candidates: containing };
    const syn = unique((this.groupIndex.get(norm) ?? []).flatMap((g) => this.groupsOfReal.get(g) ?? []));
    if (syn.length === 1) return { kind: "resolved", name: syn[0] as string, how: "synonym" };
    if (syn.length > 1) return { kind: "ambiguous", candidates: syn };
    if (this.abbreviations && /^[A-Za-z]+$/.test(written)) {
      const prefixed = this.real.filter((n) => {
        const r = normalizeName(n);
        return r.length >= 3 && r.length < norm.length && norm.startsWith(r);
      });
      if (prefixed.length === 1) return { kind: "resolved", name: prefixed[0] as string, how: "abbreviation" };
      if (prefixed.length > 1) return { kind: "ambiguous", candidates: prefixed };
    }
    return this.bySpelling(written, norm);
  }

  /** Edit distance on normalized names: at most ~1 edit per 4 characters, and the runner-up 2 edits further. */
  private bySpelling(written: string, norm: string): NameResolution {
    const max = Math.max(1, Math.floor(norm.length / 4));
    const scored = this.real
      .map((name) => ({ name, d: editDistance(norm, normalizeName(name), max + 2) }))
      .sort((a, b) => a.d - b.d);
    const best = scored[0];
    if (!best || best.d > max || norm.length < 4) return { kind: "unknown", closest: this.closest(written) };
    const second = scored[1];
    if (second && second.d < best.d + 2) {
      return { kind: "ambiguous", candidates: scored.filter((s) => s.d < best.d + 2).map((s) => s.name) };
    }
    return { kind: "resolved", name: best.name, how: "spelling" };
  }

  /** Up to three real names nearest to what was written, for diagnostics. */
  closest(written: string): string[] {
    const norm = normalizeName(written);
    return this.real
      .map((name) => {
        const n = normalizeName(name);
        const contains = n.includes(norm) || (norm.length > 0 && norm.includes(n)) ? -1 : 0;
        return { name, d: editDistance(norm, n, 64) + contains };
      })
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map((s) => s.name);
  }
}

/** The words of a name (snake, kebab, camel or Pascal case), sorted; undefined for a one-word name. */
function wordKey(name: string): string | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.length < 2 ? undefined : [...words].sort().join(" ");
}

function push<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(value)) list.push(value);
  map.set(key, list);
}

function unique(list: string[] | undefined): string[] {
  return [...new Set(list ?? [])];
}
