/**
 * Keeping secrets out of traces: the configured keys are replaced wherever they appear, and so is anything shaped
 * like a credential (Authorization headers, `sk-…` keys, `*_API_KEY=` assignments), whoever wrote it.
 */
import { maskSecret } from "../config/mask.js";

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(authorization["']?\s*[:=]\s*["']?)(bearer|basic|token)?\s*[^\s"',}\\]+/gi, "$1$2 [redacted]"],
  [/\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}/g, "$1-[redacted]"],
  [/\b([A-Za-z0-9_]*(?:api[_-]?key|token|secret|password)["']?\s*[=:]\s*["']?)[^\s"',}]+/gi, "$1[redacted]"],
];

export type Redactor = (text: string) => string;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const known = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.trim().length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const s of known) out = out.split(s).join(`[${maskSecret(s)}]`);
    for (const [re, to] of PATTERNS) out = out.replace(re, to);
    return out;
  };
}
