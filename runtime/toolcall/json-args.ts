/**
 * Decoding argument text: strict JSON first, then the `jsonrepair` library (single quotes, trailing commas, Python
 * literals, unescaped newlines and quotes, missing closers). Double-encoded strings are unwrapped.
 */
import { jsonrepair } from "jsonrepair";

/**
 * jsonrepair's recovery from missing quotes backtracks, which grows faster than linearly on long garbage. Repairs
 * are only attempted on text up to this size; larger broken JSON is reported instead (a valid large call is fine).
 */
export const REPAIR_LIMIT = 32_000;

/**
 * `<|im_end|>`, `</s>`, `<｜end▁of▁sentence｜>`, `</tool_call>` glued after the arguments by a careless server (a
 * closing tag only: an opening one could start content).
 */
const TRAILING_TOKENS = /(?:\s*(?:<\|[\w.]{1,30}\|>|<\/[A-Za-z_][\w-]{0,30}>|<｜[^｜<>]{1,30}｜>))+\s*$/;

export type Decoded = { ok: true; value: unknown; repairs: string[] } | { ok: false; error: string };

export function decodeJson(text: string): Decoded {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: {}, repairs: ["empty arguments read as {}"] };
  const strict = tryParse(trimmed);
  if (strict.ok) return unwrapString(strict.value, []);
  const tail = trimmed.slice(-200); // only the end can hold them; keeps the regex off long whitespace runs
  const tokens = TRAILING_TOKENS.exec(tail);
  const untokened = tokens ? trimmed.slice(0, trimmed.length - tail.length + tokens.index) : trimmed;
  if (untokened !== trimmed) {
    const clean = tryParse(untokened);
    if (clean.ok) return unwrapString(clean.value, ["dropped template tokens after the JSON"]);
  }
  const escaped = escapeInStrings(untokened, true);
  if (escaped !== untokened) {
    const clean = tryParse(escaped);
    if (clean.ok) return unwrapString(clean.value, ["escaped raw newlines, tabs or stray backslashes inside strings"]);
  }
  if (trimmed.length > REPAIR_LIMIT) {
    return {
      ok: false,
      error: `${trimmed.length} characters of invalid JSON, too long to repair safely: ${strict.error}`,
    };
  }
  let repaired: string;
  try {
    // Stray backslashes doubled first, so the repairer does not drop them; raw newlines are left to the repairer,
    // which places them better when quotes are broken too.
    repaired = jsonrepair(escapeInStrings(trimmed, false));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const second = tryParse(repaired);
  if (!second.ok) return { ok: false, error: second.error };
  return unwrapString(second.value, [`repaired malformed JSON (${describeRepair(trimmed)})`]);
}

const JSON_ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** The start of a string holding an unescaped Windows path: `C:\Users`, `\\server\share` (not `C:\\Users`). */
const WINDOWS_PATH = /^(?:[A-Za-z]:\\(?![\\"])|\\\\(?![\\"])\w)/;

const RAW_CONTROL: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Three habits fixed inside double-quoted strings, in one forward pass (so it also serves arguments far larger than the
 * repairer's limit, e.g. a whole file written with real newlines):
 *  - a raw newline, carriage return or tab, which JSON forbids, becomes its escape;
 *  - a backslash that starts no JSON escape (`C:\Users`, `\d+`) is a literal backslash the model forgot to double.
 *    A generic repair drops it (`C:Users`), which changes the value; doubling it keeps what the model wrote.
 *  - in a string that starts as a Windows path (`C:\`, `\\server`), every lone backslash is literal: this pass only
 *    runs when strict parsing failed, so the model did not escape it, and `C:\Users\dev\readme.txt` must not gain a
 *    carriage return from `\r`.
 */
function escapeInStrings(text: string, controls: boolean): string {
  if (!/[\\\n\r\t]/.test(text)) return text;
  let out = "";
  let inString = false;
  let rawPath = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (!inString) {
      if (ch === '"') {
        inString = true;
        rawPath = WINDOWS_PATH.test(text.slice(i + 1, i + 5));
      }
      out += ch;
      continue;
    }
    if (ch === '"') inString = false;
    if (ch !== "\\") {
      out += controls ? (RAW_CONTROL[ch] ?? ch) : ch;
      continue;
    }
    const next = text[i + 1] ?? "";
    if (rawPath && next !== '"') out += "\\\\";
    else if (JSON_ESCAPES.has(next) || (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))) {
      out += ch + next;
      i++;
    } else out += "\\\\";
  }
  return out;
}

/** `"{\"path\": \"a\"}"`: a JSON string that itself holds JSON. */
function unwrapString(value: unknown, repairs: string[]): Decoded {
  if (typeof value !== "string") return { ok: true, value, repairs };
  const inner = value.trim();
  if (!inner.startsWith("{") && !inner.startsWith("[")) return { ok: true, value, repairs };
  const again = decodeJson(inner);
  if (!again.ok) return { ok: true, value, repairs };
  return {
    ok: true,
    value: again.value,
    repairs: [...repairs, "decoded double-encoded JSON arguments", ...again.repairs],
  };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** A short, honest hint at what was wrong, from cheap checks on the original text. */
function describeRepair(text: string): string {
  const hints: string[] = [];
  if (/'\s*:/.test(text) || /:\s*'/.test(text)) hints.push("single quotes");
  if (/,\s*[}\]]/.test(text)) hints.push("trailing comma");
  if (/\b(True|False|None)\b/.test(text)) hints.push("Python literals");
  if (/\/\/|\/\*/.test(text)) hints.push("comments");
  if (hints.length === 0) hints.push("syntax");
  return hints.join(", ");
}
