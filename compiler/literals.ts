/** Decoding literals: numbers with multipliers and units, and string escapes. Pure functions, no diagnostics. */
import type { Dimension, DurationUnit, SizeUnit, Unit } from "./ast.js";

export const DURATION_MS: Readonly<Record<DurationUnit, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
export const SIZE_UNITS: readonly SizeUnit[] = ["tokens", "chars", "lines"];
export const ALL_UNITS: readonly string[] = [...Object.keys(DURATION_MS), ...SIZE_UNITS, "%"];

export interface DecodedNumber {
  value: number;
  unit: Unit | null;
  unknownUnit?: string;
  dimension: Dimension;
  normalized: number;
}

function isDuration(word: string): word is DurationUnit {
  return Object.hasOwn(DURATION_MS, word);
}

function isSize(word: string): word is SizeUnit {
  return (SIZE_UNITS as readonly string[]).includes(word);
}

function withUnit(value: number, unit: Unit | null): DecodedNumber {
  if (unit === null) return { value, unit, dimension: "count", normalized: value };
  if (unit === "%") return { value, unit, dimension: "percent", normalized: value / 100 };
  if (isDuration(unit)) return { value, unit, dimension: "duration", normalized: value * DURATION_MS[unit] };
  return { value, unit, dimension: unit, normalized: value };
}

/**
 * Decode a number literal as lexed (`4k`, `500ms`, `85%`, `1.5M`) plus an optional unit word (`chars`).
 * Multipliers: `k`/`K` = 1000, `M` = 1 000 000 (a lower-case `m` is minutes).
 */
export function decodeNumber(raw: string, unitWord?: string): DecodedNumber {
  const match = /^(\d+(?:\.\d+)?)(.*)$/.exec(raw);
  let value = Number(match?.[1] ?? "0");
  let suffix = match?.[2] ?? "";
  if (/^[kK]/.test(suffix) || (suffix.startsWith("M") && !suffix.startsWith("Ms"))) {
    value *= suffix.startsWith("M") ? 1_000_000 : 1000;
    suffix = suffix.slice(1);
  }
  value = Number(value.toPrecision(15)); // 1.1k → 1100, not 1100.0000000000002
  const glued: Unit | null | undefined =
    suffix === "" ? null : suffix === "%" || isDuration(suffix) || isSize(suffix) ? suffix : undefined;
  if (glued === undefined) return { ...withUnit(value, null), unknownUnit: suffix };
  if (unitWord === undefined) return withUnit(value, glued);
  if (glued === null && isSize(unitWord)) return withUnit(value, unitWord);
  return { ...withUnit(value, glued), unknownUnit: unitWord };
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "0": "\0" };

/** The value of a `"…"` literal (quotes removed, escapes resolved; an unknown escape keeps its character). */
export function decodeString(image: string): string {
  return image.slice(1, -1).replace(/\\(u\{[0-9a-fA-F]{1,6}\}|.)/g, (_whole, esc: string) => {
    if (esc.startsWith("u{") && esc.length > 3) {
      const code = Number.parseInt(esc.slice(2, -1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : esc;
    }
    return ESCAPES[esc] ?? esc;
  });
}

/**
 * The value of a `"""…"""` literal: verbatim, except that a line break right after the opening quotes is dropped and
 * a common leading indentation of the following lines is removed (so templates can be indented with the code).
 */
export function decodeTripleString(image: string): string {
  let body = image.slice(3, -3);
  if (body.startsWith("\r\n")) body = body.slice(2);
  else if (body.startsWith("\n")) body = body.slice(1);
  const lines = body.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return common === 0
    ? body
    : lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join("\n");
}
