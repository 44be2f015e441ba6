/**
 * Cleaning what small models wrap around the text they quote: line endings, a trailing newline, line-number
 * prefixes copied from a read, markdown fences, typographic quotes and dashes. Each cleaner is applied to oldText and
 * newText alike, so both carry the same corrections.
 */

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Removes one trailing line break; says whether there was one. */
export function stripTrailingNewline(text: string): { text: string; had: boolean } {
  if (text.endsWith("\r\n")) return { text: text.slice(0, -2), had: true };
  // A lone "\r" is half a CRLF whose "\n" was lost on the way; it must never be written into the file.
  if (text.endsWith("\n") || text.endsWith("\r")) return { text: text.slice(0, -1), had: true };
  return { text, had: false };
}

export function toEol(text: string, eol: string): string {
  const lf = text.replace(/\r\n/g, "\n");
  return eol === "\n" ? lf : lf.replace(/\n/g, eol);
}

const FENCE_OPEN = /^\s*(```+|~~~+)[\w+#.-]*\s*$/;
const FENCE_CLOSE = /^\s*(```+|~~~+)\s*$/;

/** Drops a markdown fence around the block, if the first and last lines are one. */
export function stripFence(lines: readonly string[]): string[] | null {
  if (lines.length < 2) return null;
  const first = lines[0] ?? "";
  const last = lines[lines.length - 1] ?? "";
  if (!FENCE_OPEN.test(first) || !FENCE_CLOSE.test(last)) return null;
  return lines.slice(1, -1);
}

interface PrefixStyle {
  name: string;
  re: RegExp;
  /** Accepted on a single line (a lone `12: x` is too often real content, e.g. a YAML key). */
  single: boolean;
}

// Formats read tools print: "12 | code", "12: code", "    12\tcode" (cat -n), "12→code", "L12: code".
const PREFIX_STYLES: PrefixStyle[] = [
  { name: "bar", re: /^\s*(\d+) ?\| ?(.*)$/, single: true },
  { name: "tab", re: /^\s*(\d+)\t(.*)$/, single: true },
  { name: "arrow", re: /^\s*(\d+)\s*→(.*)$/, single: true },
  { name: "L-colon", re: /^\s*L(\d+): ?(.*)$/, single: true },
  { name: "colon", re: /^\s*(\d+): ?(.*)$/, single: true },
];

/**
 * Strips line-number prefixes when every non-blank line of `oldLines` carries one of the same style and the numbers
 * run consecutively (so numbers that are real content, like YAML keys or a numbered list, are left alone).
 * The same style is stripped from `newLines`, where inserted lines may lack a number.
 */
export function stripLineNumbers(
  oldLines: readonly string[],
  newLines: readonly string[],
): { oldLines: string[]; newLines: string[]; numbers: number[]; firstLineNumbered: boolean } | null {
  for (const style of PREFIX_STYLES) {
    const stripped = stripWithStyle(oldLines, style, true);
    if (!stripped) continue;
    const numbered = oldLines.filter((l) => l.trim() !== "").length;
    if (numbered < 2 && !style.single) continue;
    const cleanedNew = newLines.map((l) => {
      const m = style.re.exec(l);
      return m ? (m[2] ?? "") : l;
    });
    const numbers = oldLines.flatMap((l) => {
      const m = style.re.exec(l);
      return m ? [Number(m[1])] : [];
    });
    return { oldLines: stripped, newLines: cleanedNew, numbers, firstLineNumbered: style.re.test(oldLines[0] ?? "") };
  }
  return null;
}

/**
 * The prefix style every non-blank line of `lines` carries, with consecutive numbers, when at least `min` lines are
 * numbered; null otherwise.
 */
export function numberedStyleOf(lines: readonly string[], min: number): { re: RegExp } | null {
  const count = lines.filter((l) => l.trim() !== "").length;
  if (count < min) return null;
  for (const style of PREFIX_STYLES) if (stripWithStyle(lines, style, true)) return { re: style.re };
  return null;
}

function stripWithStyle(lines: readonly string[], style: PrefixStyle, consecutive: boolean): string[] | null {
  const out: string[] = [];
  let expected: number | null = null;
  let any = false;
  for (const line of lines) {
    const m = style.re.exec(line);
    if (!m) {
      // Blank lines and skip markers (`...`) are often left unnumbered.
      if (line.trim() !== "" && !isElisionLine(line)) return null;
      out.push(line);
      if (expected !== null) expected++;
      continue;
    }
    const n = Number(m[1]);
    if (consecutive && expected !== null && n !== expected) return null;
    expected = n + 1;
    any = true;
    out.push(m[2] ?? "");
  }
  return any ? out : null;
}

const UNICODE_MAP: Array<[RegExp, string]> = [
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, "-"],
  [/[\u00A0\u2002-\u200A\u202F\u205F\u3000]/g, " "],
  [/\u2026/g, "..."],
  [/[\u200B\u200C\u200D\u2060\uFEFF]/g, ""],
];

/** Folds typographic quotes, dashes, non-breaking and odd spaces, the ellipsis and zero-width characters to ASCII. */
export function foldUnicode(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII-only text (the usual case) has nothing to fold.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = text;
  for (const [re, to] of UNICODE_MAP) out = out.replace(re, to);
  return out;
}

const ELISION_PATTERNS: RegExp[] = [
  /^(\.\.\.|…)$/,
  /^(\/\/|#|--|;+|%)\s*(\.\.\.|…)/,
  /^\/\*\s*(\.\.\.|…).*\*\/$/,
  /^<!--\s*(\.\.\.|…).*-->$/,
  /^\{\s*\/\*\s*(\.\.\.|…).*\*\/\s*\}$/,
  /^(\/\/|#|--|\/\*|<!--)\s*\(?(rest of|existing|remaining|unchanged|other)\b.*(code|unchanged|same|here|methods|lines|file|function|body)/i,
];

/** A whole line that stands for skipped lines: `...`, `// ... existing code ...`, `# ...`, a C-style block comment of dots. */
export function isElisionLine(line: string): boolean {
  const t = line.trim();
  return ELISION_PATTERNS.some((re) => re.test(t));
}

/** Elision markers that cannot be real code in any language (a bare `...` can be, e.g. Python's Ellipsis). */
export function isCommentElisionLine(line: string): boolean {
  return isElisionLine(line) && !/^(\.\.\.|…)$/.test(line.trim());
}
