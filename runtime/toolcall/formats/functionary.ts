/**
 * MeetKai Functionary v3 (llama.cpp's "functionary v3.2" chat handler): the reply is a run of parts, each opened by
 * `>>>recipient` and a newline. Recipient `all` is text for the user; any other recipient is a tool name, followed
 * by the call's JSON arguments. A Python REPL prompt (`>>> x`) has a space after `>>>` and doctests name no tool, so
 * only `>>>` at the start of a line, glued to the name of one of the tools, opens a call.
 */
import { inInlineCode, skipWs } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall } from "../types.js";
import { readJsonValueAt } from "./json-shape.js";

const PART = /(^|\n)>>>([A-Za-z_][\w.-]*)[ \t]*\r?\n/g;

export const functionaryReader: FormatReader = {
  format: "functionary",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    for (const m of text.matchAll(PART)) {
      const name = m[2] ?? "";
      const start = (m.index ?? 0) + (m[1]?.length ?? 0);
      if (name === "all" || !ctx.isToolName(name) || inInlineCode(text, start)) continue;
      if (out.some((o) => start < o.end)) continue;
      const j = skipWs(text, (m.index ?? 0) + m[0].length);
      const base = { format: "functionary" as const, start, explicit: true, diagnostics: [] };
      if (text[j] !== "{") {
        out.push({ ...base, end: j, calls: [{ name, args: { kind: "value", value: {} }, repairs: [] }] });
        continue;
      }
      const r = readJsonValueAt(text, j, ctx, { weak: true });
      const call: RawCall = {
        name,
        args: r.truncated ? { kind: "truncated" } : { kind: "json", text: text.slice(j, r.end) },
        repairs: [],
      };
      out.push({ ...base, end: r.end, calls: [call] });
    }
    return out;
  },
};
