/** Output styles as Ink text props. Colours are the terminal's own named colours; NO_COLOR keeps only bold / dim. */
import type { OutputStyle } from "../slash/types.js";

export interface TextProps {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
}

const COLOURED: Record<OutputStyle, TextProps> = {
  plain: {},
  heading: { bold: true },
  dim: { dimColor: true },
  success: { color: "green" },
  warning: { color: "yellow" },
  error: { color: "red" },
  code: { color: "cyan" },
  add: { color: "green" },
  del: { color: "red" },
  hunk: { color: "cyan", dimColor: true },
  accent: { color: "magenta", bold: true },
  guard: { color: "yellow", bold: true },
};

export function noColor(env: Readonly<Record<string, string | undefined>>): boolean {
  return env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "";
}

export function styleProps(style: OutputStyle, plain: boolean): TextProps {
  const p = COLOURED[style];
  if (!plain) return p;
  const { color: _drop, ...rest } = p;
  void _drop;
  return rest;
}
