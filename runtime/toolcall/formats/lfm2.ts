/**
 * Liquid LFM2: `<|tool_call_start|>[get_status(candidate_id="12345")]<|tool_call_end|>` — a pythonic call list
 * between two tokens (a JSON list is accepted too, as some fine-tunes emit it).
 */
import { Finder, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";
import { pyCallsToRaw } from "./pythonic.js";
import { parseCallList } from "../pythonic.js";

const OPEN = "<|tool_call_start|>";
const CLOSE = "<|tool_call_end|>";

export const lfm2Reader: FormatReader = {
  format: "lfm2",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    const find = new Finder(text);
    let from = 0;
    while (from < text.length) {
      const at = text.indexOf(OPEN, from);
      if (at < 0) break;
      const close = find.next(CLOSE, at);
      const bodyEnd = close < 0 ? text.length : close;
      const end = close < 0 ? text.length : close + CLOSE.length;
      from = end;
      const body = text.slice(0, bodyEnd);
      const i = skipWs(body, at + OPEN.length);
      const py = parseCallList(body, i);
      if (py) {
        out.push({ format: "lfm2", start: at, end, explicit: true, calls: pyCallsToRaw(py.calls), diagnostics: [] });
        continue;
      }
      const json = body[i] === "[" || body[i] === "{" ? readJsonValueAt(body, i, ctx, { weak: true }) : undefined;
      out.push({
        format: "lfm2",
        start: at,
        end,
        explicit: true,
        calls: json?.calls ?? [],
        diagnostics: json?.calls
          ? []
          : [
              {
                code: "unreadable_arguments",
                format: "lfm2",
                message: `A ${OPEN} block held no readable call; nothing was run. Write ${OPEN}[tool_name(param="value")]${CLOSE}.`,
              },
            ],
      });
    }
    return out;
  },
};
