/** Hard wrapping of styled lines to the terminal width (word boundaries when possible), for the TUI's viewport. */
import type { StyledLine } from "../slash/format.js";

/** Splits one line into pieces of at most `width` columns, breaking after a space when one is near the end. */
export function wrapText(text: string, width: number): string[] {
  const clean = text.replace(/\t/g, "  ").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
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

export function wrapLines(lines: readonly StyledLine[], width: number, indent = ""): StyledLine[] {
  const out: StyledLine[] = [];
  for (const l of lines) {
    const pieces = wrapText(l.text, width - indent.length);
    pieces.forEach((p, i) => out.push({ text: (i === 0 ? "" : indent) + p, style: l.style }));
  }
  return out;
}
