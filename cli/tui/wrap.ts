/** Hard wrapping of styled lines to the terminal width (word boundaries when possible), for the TUI's viewport. */
import type { StyledLine } from "../slash/format.js";

/** Splits one line into pieces of at most `width` columns, breaking after a space when one is near the end. */
/** Tabs as two spaces; other control characters (escape sequences from tool output) dropped. */
export function cleanText(text: string): string {
  return text.replace(/\t/g, "  ").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

export function wrapText(text: string, width: number): string[] {
  const clean = cleanText(text);
  if (width <= 0) return [clean];
  const out: string[] = [];
  let rest = clean;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(" ", width);
    const at = cut > width * 0.6 ? cut + 1 : width;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

/**
 * Wraps every line to `width`; continuation lines start with `indent`, or when it is undefined with the line's own
 * leading spaces plus two (a hanging indent, so wrapped table rows stay readable).
 */
export function wrapLines(lines: readonly StyledLine[], width: number, fixedIndent?: string): StyledLine[] {
  const out: StyledLine[] = [];
  for (const l of lines) {
    const indent = fixedIndent ?? `${/^ */.exec(l.text)?.[0] ?? ""}  `.slice(0, Math.floor(width / 2));
    const clean = cleanText(l.text);
    const first = wrapText(clean, width)[0] ?? "";
    out.push({ text: first, style: l.style });
    const rest = clean.slice(first.length).replace(/^ +/, "");
    if (rest === "") continue;
    // Continuation lines are indented, so they wrap at the narrower width.
    for (const p of wrapText(rest, Math.max(1, width - indent.length))) out.push({ text: indent + p, style: l.style });
  }
  return out;
}
