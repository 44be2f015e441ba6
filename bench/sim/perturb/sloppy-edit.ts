/**
 * Sloppy edits: what small models get wrong in edit_file's old_text. Indentation slips, elided middle lines (`...`),
 * stale or misremembered text, CRLF line endings, and line-number prefixes copied from a read_file result.
 * Each returns undefined when the old_text gives it nothing to spoil (one line cannot be elided).
 */
import { numberLine } from "../../../runtime/fs/read.js";
import type { Rng } from "../rng.js";
import type { NoiseKind } from "../types.js";

export type SloppyKind = Extract<
  NoiseKind,
  "edit-indent" | "edit-elided" | "edit-stale" | "edit-crlf" | "edit-line-numbers"
>;

const lines = (text: string): string[] => text.split("\n");

/** A slip of indentation: strips the shared part, halves it, turns it into tabs, or adds a level where there was none. */
export function indentSlip(sample: string, rng: Rng): (text: string) => string {
  if (!lines(sample).some((l) => /^[ \t]+\S/.test(l))) {
    // Nothing indented: indent it instead, as if copied from a nested block.
    const indent = rng.pick(["    ", "  ", "\t", "        "]);
    return (text) =>
      lines(text)
        .map((l) => (l.trim() === "" ? l : `${indent}${l}`))
        .join("\n");
  }
  const how = rng.pick(["strip", "halve", "tabs"] as const);
  // One indentation level of the sample, so tabs keep the nesting (a tab per level); and the indentation all
  // non-blank lines share, which "strip" removes (a dedented block, nesting kept inside it).
  const widthOf = (l: string): number => (/^[ \t]*/.exec(l)?.[0] ?? "").replace(/\t/g, "    ").length;
  const widths = lines(sample)
    .filter((l) => l.trim() !== "")
    .map(widthOf);
  const unit = Math.min(...widths.filter((w) => w > 0), 4);
  const common = Math.min(...widths);
  return (text) =>
    lines(text)
      .map((l) => {
        const m = /^([ \t]*)(.*)$/.exec(l);
        const indent = m?.[1] ?? "";
        const body = m?.[2] ?? l;
        const width = widthOf(indent);
        if (how === "strip") return " ".repeat(Math.max(0, width - common)) + body;
        return how === "halve"
          ? " ".repeat(Math.floor(width / 2)) + body
          : "\t".repeat(Math.round(width / unit)) + body;
      })
      .join("\n");
}

/** Every line's indentation is off (old_text alone; spoilEdit slips new_text the same way). */
export function slipIndent(old: string, rng: Rng): string | undefined {
  return indentSlip(old, rng)(old);
}

/**
 * Unchanged middle lines replaced by a marker line in both texts, as models elide: old_text keeps its first and last
 * line, and new_text skips the same lines at the same place. Undefined when no unchanged middle run exists.
 */
export function elideBoth(old: string, updated: string, rng: Rng): { old: string; updated: string } | undefined {
  const o = lines(old);
  const n = lines(updated);
  const runs: { from: number; to: number; at: number }[] = [];
  for (let from = 1; from < o.length - 1; from++) {
    for (let at = 0; at < n.length; at++) {
      let len = 0;
      while (from + len < o.length - 1 && at + len < n.length && o[from + len] === n[at + len]) len++;
      if (len > 0 && at > 0) runs.push({ from, to: from + len - 1, at });
    }
  }
  if (runs.length === 0) return undefined;
  const r = rng.pick(runs);
  const len = r.to - r.from + 1;
  const indent = /^[ \t]*/.exec(o[r.from] ?? "")?.[0] ?? "";
  const marker = `${indent}${rng.pick(["...", "// ...", "// ... existing code ..."])}`;
  return {
    old: [...o.slice(0, r.from), marker, ...o.slice(r.to + 1)].join("\n"),
    updated: [...n.slice(0, r.at), marker, ...n.slice(r.at + len)].join("\n"),
  };
}

/** One word of the longest line misremembered (a plural, a case slip, a digit changed). */
export function staleText(old: string, rng: Rng): string | undefined {
  const ls = lines(old);
  let at = 0;
  ls.forEach((l, i) => {
    if (l.length > (ls[at] ?? "").length) at = i;
  });
  const line = ls[at] ?? "";
  const words = [...line.matchAll(/[A-Za-z_][A-Za-z0-9_]{2,}|\d+/g)];
  if (words.length === 0) return undefined;
  const w = rng.pick(words);
  const word = w[0];
  const changed = /^\d+$/.test(word)
    ? String(Number(word) + 1)
    : rng.pick([
        `${word}s`,
        word[0] === word[0]?.toUpperCase() ? word.toLowerCase() : `${word[0]?.toUpperCase()}${word.slice(1)}`,
      ]);
  ls[at] = line.slice(0, w.index) + changed + line.slice((w.index ?? 0) + word.length);
  return ls.join("\n");
}

/** Windows line endings; needs two lines or more. */
export function crlf(old: string): string | undefined {
  return old.includes("\n") ? old.replace(/\r?\n/g, "\r\n") : undefined;
}

/** Each line prefixed with the line number the way read_file shows it. */
export function lineNumbers(old: string, rng: Rng): string {
  const ls = lines(old);
  const first = rng.int(1, 60);
  const width = String(first + ls.length + rng.int(0, 40)).length;
  return ls.map((l, i) => numberLine(first + i, l, width)).join("\n");
}

/** Spoils an edit one way; tries the other kinds when the chosen one does not apply. */
export function spoilEdit(
  old: string,
  updated: string,
  first: SloppyKind,
  rng: Rng,
): { old: string; updated: string; kind: SloppyKind } | undefined {
  const order: SloppyKind[] = [first, "edit-indent", "edit-stale", "edit-line-numbers"];
  for (const kind of order) {
    if (kind === "edit-elided") {
      const e = elideBoth(old, updated, rng);
      if (e) return { ...e, kind };
      continue;
    }
    if (kind === "edit-indent") {
      const slip = indentSlip(old, rng);
      const spoiled = slip(old);
      if (spoiled !== old) return { old: spoiled, updated: slip(updated), kind };
      continue;
    }
    const text = kind === "edit-stale" ? staleText(old, rng) : kind === "edit-crlf" ? crlf(old) : lineNumbers(old, rng);
    if (text !== undefined && text !== old) return { old: text, updated, kind };
  }
  return undefined;
}
