/**
 * Formats that are one start token followed by a JSON list of calls: Granite's `<|tool_call|>[…]` (also Phi-4-mini's
 * `<|tool_call|>…<|/tool_call|>`), and Phi's `functools[…]`. Each is a reader built from a token and a format name.
 */
import { inInlineCode, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, ToolCallFormat } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";
import { closeAfter } from "./qwen3-coder.js";

function tokenJsonReader(
  format: ToolCallFormat,
  token: string,
  closeTags: string[],
  keepBracket: boolean,
): FormatReader {
  return {
    format,
    read(text, ctx) {
      const out: FormatMatch[] = [];
      let from = 0;
      while (from < text.length) {
        const at = text.indexOf(token, from);
        if (at < 0) break;
        const jsonAt = keepBracket ? at + token.length - 1 : skipWs(text, at + token.length);
        from = at + token.length;
        if (inInlineCode(text, at) || (text[jsonAt] !== "[" && text[jsonAt] !== "{")) continue;
        const r = readJsonValueAt(text, jsonAt, ctx, { weak: true });
        const end = closeAfter(text, r.end, ...closeTags);
        from = Math.max(from, end);
        const diagnostics = r.calls
          ? []
          : [
              {
                code: "unreadable_arguments" as const,
                format,
                message: `A ${token} block held no readable call; nothing was run. Write ${token}[{"name": "<tool name>", "arguments": {…}}].`,
              },
            ];
        out.push({ format, start: at, end, explicit: true, calls: r.calls ?? [], diagnostics });
      }
      return out;
    },
  };
}

export const graniteReader = tokenJsonReader("granite", "<|tool_call|>", ["<|/tool_call|>"], false);
export const phiReader = tokenJsonReader("phi-functools", "functools[", [], true);
