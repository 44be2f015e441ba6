/**
 * Llama 3.1+ `<|python_tag|>`: JSON calls (`{"name": …, "parameters": …}`, several separated by `;`) or built-in
 * tool calls in Python form (`brave_search.call(query="…")`), up to `<|eom_id|>`, `<|eot_id|>` or the end.
 */
import { parseCallList, parseSingleCall } from "../pythonic.js";
import { Finder, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";
import { pyCallsToRaw } from "./pythonic.js";

const TAG = "<|python_tag|>";
const ENDS = ["<|eom_id|>", "<|eot_id|>", TAG];

export const llamaPythonTagReader: FormatReader = {
  format: "llama-python-tag",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    const find = new Finder(text);
    let from = 0;
    while (from < text.length) {
      const at = text.indexOf(TAG, from);
      if (at < 0) break;
      const bodyStart = at + TAG.length;
      let bodyEnd = text.length;
      let end = text.length;
      for (const e of ENDS) {
        const k = find.next(e, bodyStart);
        if (k >= 0 && k < bodyEnd) {
          bodyEnd = k;
          end = e === TAG ? k : k + e.length;
        }
      }
      from = end;
      const calls = readBody(text.slice(0, bodyEnd), bodyStart, ctx);
      const diagnostics = calls.length
        ? []
        : [
            {
              code: "unreadable_arguments" as const,
              format: "llama-python-tag" as const,
              message: `The ${TAG} block held no readable call; nothing was run. Write ${TAG}{"name": "<tool name>", "parameters": {…}}.`,
            },
          ];
      out.push({ format: "llama-python-tag", start: at, end, explicit: true, calls, diagnostics });
    }
    return out;
  },
};

function readBody(body: string, start: number, ctx: Parameters<FormatReader["read"]>[1]): RawCall[] {
  const calls: RawCall[] = [];
  let i = skipWs(body, start);
  while (i < body.length) {
    if (body[i] === "{" || body[i] === "[") {
      const r = readJsonValueAt(body, i, ctx, { weak: true });
      const py = r.calls || body[i] !== "[" ? null : parseCallList(body, i); // Llama 3.2 pythonic: [f(a=1)]
      if (!r.calls && !py) break;
      if (py) calls.push(...pyCallsToRaw(py.calls));
      else calls.push(...(r.calls ?? []));
      i = py ? py.end : r.end;
    } else {
      const py = parseSingleCall(body, i);
      if (!py) break;
      calls.push(...pyCallsToRaw(py.calls));
      i = py.end;
    }
    i = skipWs(body, i);
    if (body[i] === ";" || body[i] === ",") i = skipWs(body, i + 1);
  }
  return calls;
}
