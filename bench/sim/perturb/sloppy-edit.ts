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

/** Every line's indentation is off: stripped, halved or turned into tabs. */
export function slipIndent(old: string, rng: Rng): string | undefined {
  const ls = lines(old);
  if (!ls.some((l) => /^[ \t]+\S/.test(l))) {
    // Nothing indented: indent it instead, as if copied from a nested block.
    const indent = rng.pick(["    ", "  ", "\t", "        "]);
    return ls.map((l) => (l.trim() === "" ? l : `${indent}${l}`)).join("\n");
  }
  const how = rng.pick(["strip", "halve", "tabs"] as const);
  return ls
    .map((l) => {
      const m = /^([ \t]*)(.*)$/.exec(l);
      const indent = m?.[1] ?? "";
      const body = m?.[2] ?? l;
      if (how === "strip") return body;
      const width = indent.replace(/\t/g, "    ").length;
      return how === "halve" ? " ".repeat(Math.floor(width / 2)) + body : "\t".repeat(Math.ceil(width / 4)) + body;
    })
    .join("\n");
}

/** The middle lines replaced by a `...` line; needs three lines or more. */
export function elideMiddle(old: string, rng: Rng): string | undefined {
  const ls = lines(old);
  if (ls.length < 3) return undefined;
  const from = rng.int(1, ls.length - 2);
  const to = rng.int(from, ls.length - 2);
  const indent = /^[ \t]*/.exec(ls[from] ?? "")?.[0] ?? "";
  return [
    ...ls.slice(0, from),
    `${indent}${rng.pick(["...", "// ...", "# ... existing code ..."])}`,
    ...ls.slice(to + 1),
  ].join("\n");
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

/** Spoils old_text one way; tries the other kinds when the chosen one does not apply. */
export function spoilOldText(old: string, first: SloppyKind, rng: Rng): { text: string; kind: SloppyKind } | undefined {
  const order: SloppyKind[] = [first, "edit-indent", "edit-stale", "edit-line-numbers"];
  for (const kind of order) {
    const text =
      kind === "edit-indent"
        ? slipIndent(old, rng)
        : kind === "edit-elided"
          ? elideMiddle(old, rng)
          : kind === "edit-stale"
            ? staleText(old, rng)
            : kind === "edit-crlf"
              ? crlf(old)
              : lineNumbers(old, rng);
    if (text !== undefined && text !== old) return { text, kind };
  }
  return undefined;
}
