/**
 * gpt-oss's harmony channels: a call is a message whose header names a recipient,
 * `<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path": "a"}<|call|>` (the recipient may
 * also sit in the role part: `<|start|>assistant to=functions.bash<|channel|>commentary json<|message|>…`).
 * Messages without a recipient (final answers, preambles) are prose. The analysis channel is removed before this.
 */
import { Finder, scanBalanced } from "../scan.js";
import type { FormatMatch, FormatReader } from "../types.js";

const MESSAGE = "<|message|>";
const HEADER_START = ["<|start|>", "<|channel|>"];
const BODY_ENDS = ["<|call|>", "<|end|>", "<|return|>", "<|start|>"];
const RECIPIENT = /\bto=(?:functions\.)?([A-Za-z_][\w.-]{0,100})/;

export const harmonyReader: FormatReader = {
  format: "harmony",
  read(text) {
    const out: FormatMatch[] = [];
    const find = new Finder(text);
    let from = 0;
    for (;;) {
      const at = find.next(MESSAGE, from);
      if (at < 0) break;
      from = at + MESSAGE.length;
      const start = headerStart(text, at);
      const to = RECIPIENT.exec(text.slice(start, at));
      if (!to) continue;
      let bodyEnd = text.length;
      let end = text.length;
      for (const e of BODY_ENDS) {
        const k = find.next(e, from);
        if (k >= 0 && k < bodyEnd) {
          bodyEnd = k;
          end = e === "<|start|>" ? k : k + e.length;
        }
      }
      const call = {
        name: to[1] as string,
        args: { kind: "json" as const, text: text.slice(from, bodyEnd) },
        repairs: [],
      };
      out.push({ format: "harmony", start, end, explicit: true, calls: [call], diagnostics: [] });
      from = end;
    }
    return [...out, ...readStripped(text, out)];
  },
};

/**
 * A server that decodes without special tokens leaves `analysis…assistantcommentary to=functions.f json{…}`: the
 * header words survive, the markers do not. The header is specific enough to stay an explicit call.
 */
const STRIPPED_HEADER =
  /commentary to=functions\.([A-Za-z_][\w.-]{0,100})[ \t]*(?:<\|constrain\|>)?[ \t]*(?:json)?[ \t]*(?=\{)/g;

function readStripped(text: string, marked: FormatMatch[]): FormatMatch[] {
  const out: FormatMatch[] = [];
  STRIPPED_HEADER.lastIndex = 0;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = STRIPPED_HEADER.exec(text)) !== null) {
    const at = m.index;
    while (k < marked.length && (marked[k] as FormatMatch).end <= at) k++; // both in text order: one pass
    const inMarked = k < marked.length && (marked[k] as FormatMatch).start <= at;
    if (inMarked) continue;
    const bodyStart = STRIPPED_HEADER.lastIndex;
    const span = scanBalanced(text, bodyStart);
    const call = {
      name: m[1] as string,
      args: { kind: "json" as const, text: text.slice(bodyStart, span.end) },
      repairs: [],
    };
    out.push({ format: "harmony", start: at, end: span.end, explicit: true, calls: [call], diagnostics: [] });
    STRIPPED_HEADER.lastIndex = span.end;
  }
  return out;
}

/** Where the header of the message at `at` starts: the nearest `<|start|>`, else the nearest `<|channel|>`. */
function headerStart(text: string, at: number): number {
  const window = text.slice(Math.max(0, at - 300), at);
  const base = Math.max(0, at - 300);
  for (const marker of HEADER_START) {
    const k = window.lastIndexOf(marker);
    if (k >= 0) return base + k;
  }
  return at;
}
