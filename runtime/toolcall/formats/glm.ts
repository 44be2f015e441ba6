/**
 * GLM-4.5 / 4.6 inside a `<tool_call>` block: the tool name on the first line, then `<arg_key>k</arg_key>` /
 * `<arg_value>v</arg_value>` pairs (raw text), or a JSON object after the name (`<tool_call>bash\n{…}</tool_call>`).
 */
import { skipWs } from "../scan.js";
import type { RawCall } from "../types.js";

const NAME = /^([A-Za-z_][\w.-]{0,100})[ \t]*(?:\r?\n|(?=<arg_key>))/;

/** The call in text[first, bodyEnd), or null when the block is not in GLM's form. */
export function readGlmBody(text: string, first: number, bodyEnd: number): RawCall | null {
  const m = NAME.exec(text.slice(first, Math.min(bodyEnd, first + 120)));
  if (!m) return null;
  const name = m[1] as string;
  const i = skipWs(text, first + m[0].length);
  if (i >= bodyEnd) return { name, args: { kind: "value", value: {} }, repairs: [] };
  if (text[i] === "{") return { name, args: { kind: "json", text: text.slice(i, bodyEnd) }, repairs: [] };
  if (!text.startsWith("<arg_key>", i)) return null;
  return { name, args: readPairs(text.slice(0, bodyEnd), i, bodyEnd), repairs: [] }; // searches stop at the block
}

function readPairs(text: string, from: number, bodyEnd: number): RawCall["args"] {
  const args: Record<string, string> = {};
  let i = from;
  while (i < bodyEnd && text.startsWith("<arg_key>", i)) {
    const keyEnd = text.indexOf("</arg_key>", i);
    if (keyEnd < 0 || keyEnd > bodyEnd) return { kind: "truncated" };
    const key = text.slice(i + 9, keyEnd).trim();
    const v = skipWs(text, keyEnd + 10);
    if (!text.startsWith("<arg_value>", v)) return { kind: "truncated", param: key };
    const valueEnd = text.indexOf("</arg_value>", v);
    if (valueEnd < 0 || valueEnd > bodyEnd) return { kind: "truncated", param: key };
    args[key] = text.slice(v + 11, valueEnd);
    i = skipWs(text, valueEnd + 12);
  }
  return { kind: "value", value: args };
}
