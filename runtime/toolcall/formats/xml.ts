/**
 * Generic XML in the style Cline/Roo prompts teach: `<read_file><path>src/a.ts</path></read_file>`, where the outer
 * tag is a real tool name (exact, alias or case style; never a guess) and each child tag is a parameter with raw
 * text inside. Also `<invoke name="read_file"><parameter name="path">…</parameter></invoke>`. Loose: intent rules apply.
 */
import { Finder, inInlineCode } from "../scan.js";
import type { FormatMatch, FormatReader, RawArgs, ReaderContext } from "../types.js";

const OPEN_TAG = /<([A-Za-z_][\w-]*)>/g;
const INVOKE = /<invoke\s+name\s*=\s*"([^"<>\n]{1,100})"\s*>/g;

export const xmlReader: FormatReader = {
  format: "xml",
  read(text, ctx) {
    const find = new Finder(text);
    const out: FormatMatch[] = [...readInvokes(text, find)];
    OPEN_TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = OPEN_TAG.exec(text)) !== null) {
      const tag = m[1] as string;
      if (!ctx.isToolName(tag) || inInlineCode(text, m.index)) continue;
      const bodyStart = m.index + m[0].length;
      const close = find.next(`</${tag}>`, bodyStart);
      const bodyEnd = close < 0 ? text.length : close;
      const args = readChildren(text, find, bodyStart, bodyEnd, close < 0, /<([A-Za-z_][\w-]*)>/y, (n) => `</${n}>`);
      if (!args) continue;
      const end = close < 0 ? text.length : close + tag.length + 3;
      out.push({
        format: "xml",
        start: m.index,
        end,
        explicit: false,
        calls: [{ name: tag, args, repairs: [] }],
        diagnostics: [],
      });
      OPEN_TAG.lastIndex = end;
    }
    return out.sort((a, b) => a.start - b.start);
  },
};

function readInvokes(text: string, find: Finder): FormatMatch[] {
  const out: FormatMatch[] = [];
  INVOKE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INVOKE.exec(text)) !== null) {
    const bodyStart = m.index + m[0].length;
    const close = find.next("</invoke>", bodyStart);
    const bodyEnd = close < 0 ? text.length : close;
    const args = readChildren(
      text,
      find,
      bodyStart,
      bodyEnd,
      close < 0,
      /<parameter\s+name\s*=\s*"([^"<>\n]{1,100})"\s*>/y,
      () => "</parameter>",
    );
    if (!args) continue;
    const end = close < 0 ? text.length : close + 9;
    out.push({
      format: "xml",
      start: m.index,
      end,
      explicit: false,
      calls: [{ name: m[1] as string, args, repairs: [] }],
      diagnostics: [],
    });
    INVOKE.lastIndex = end;
  }
  return out;
}

/**
 * Child elements between bodyStart and bodyEnd, only whitespace between them. Each value runs to the last matching
 * close tag before the next child starts, so code containing the tag's own name survives. Null when the body holds
 * anything else (then it is prose that happens to use a tool's name as a tag).
 */
function readChildren(
  text: string,
  find: Finder,
  bodyStart: number,
  bodyEnd: number,
  unclosed: boolean,
  open: RegExp,
  closeOf: (n: string) => string,
): RawArgs | null {
  const args: Record<string, string> = {};
  let i = bodyStart;
  for (;;) {
    while (i < bodyEnd && /\s/.test(text[i] as string)) i++;
    if (i >= bodyEnd) break;
    open.lastIndex = i;
    const m = open.exec(text);
    if (!m || m.index !== i) return null;
    const name = m[1] as string;
    const valueStart = i + m[0].length;
    const closeTag = closeOf(name);
    const close = find.next(closeTag, valueStart);
    if (close < 0 || close > bodyEnd) {
      if (unclosed) return { kind: "truncated", param: name };
      return null;
    }
    args[name] = trimNewlines(text.slice(valueStart, close));
    i = close + closeTag.length;
  }
  return Object.keys(args).length > 0 || bodyEnd > bodyStart ? { kind: "value", value: args } : null;
}

function trimNewlines(v: string): string {
  return v.replace(/^\r?\n/, "").replace(/\r?\n$/, "");
}

export type { ReaderContext };
