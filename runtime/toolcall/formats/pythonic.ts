/**
 * Pythonic call lists, as Llama 3.2/4 "pythonic" templates and many fine-tunes write them: `[f(a=1, b="x"), g()]`
 * on a line of its own. Loose: every name must be a real tool, and the intent rules apply. A lone call line
 * (`read_file(path="a.py")`) is read only when the reply ends with it.
 */
import { parseCallList, parseSingleCall, type PyCall } from "../pythonic.js";
import { inBlockquote } from "../scan.js";
import { stripNamespace } from "../tool-set.js";
import type { FormatMatch, FormatReader, RawCall } from "../types.js";

export function pyCallsToRaw(calls: PyCall[]): RawCall[] {
  return calls.map((c) => {
    const name = c.name.endsWith(".call") ? c.name.slice(0, -5) : c.name;
    const raw: RawCall = {
      name,
      args: c.truncated ? { kind: "truncated" } : { kind: "value", value: c.kwargs },
      repairs: [],
    };
    if (c.positional.length > 0) raw.positional = c.positional;
    return raw;
  });
}

export const pythonicReader: FormatReader = {
  format: "pythonic",
  read(text, ctx) {
    const out: FormatMatch[] = [];
    const lineRe = /^[ \t]*\[[ \t]*[A-Za-z_][\w.]*\(/gm;
    let m: RegExpExecArray | null;
    while ((m = lineRe.exec(text)) !== null) {
      const at = text.indexOf("[", m.index);
      const py = parseCallList(text, at);
      if (!py || !py.calls.every((c) => ctx.isToolName(stripNamespace(c.name)))) continue;
      out.push({
        format: "pythonic",
        start: at,
        end: py.end,
        explicit: false,
        calls: pyCallsToRaw(py.calls),
        diagnostics: [],
      });
      lineRe.lastIndex = Math.max(lineRe.lastIndex, py.end);
    }
    const last = lastLineCall(text, ctx);
    if (last && !out.some((o) => o.end > last.start)) out.push(last);
    return out;
  },
};

function lastLineCall(text: string, ctx: Parameters<FormatReader["read"]>[1]): FormatMatch | null {
  const trimmed = text.trimEnd();
  const lineStart = trimmed.lastIndexOf("\n", trimmed.lastIndexOf("(")) + 1;
  const head = /^[ \t]*([A-Za-z_][\w.]*)\(/.exec(trimmed.slice(lineStart, lineStart + 200));
  if (!head || !ctx.isToolName(stripNamespace(head[1] as string)) || inBlockquote(text, lineStart)) return null;
  if (followsCode(trimmed, lineStart)) return null;
  const py = parseSingleCall(trimmed, lineStart);
  if (!py || py.end !== trimmed.length || py.calls.some((c) => c.truncated)) return null;
  return {
    format: "pythonic",
    start: lineStart,
    end: py.end,
    explicit: false,
    calls: pyCallsToRaw(py.calls),
    diagnostics: [],
  };
}

/** A line of code: indented, a keyword that opens a statement, an assignment, or ending in `;`, `{` or `}`. */
const CODE_LINE =
  /^(?:[ \t]{2,}\S|[ \t]*(?:def|class|if|elif|else|for|while|with|try|except|return|import|from|const|let|var|function|async|await|print)\b)|[;{}][ \t]*$|\s=\s/;

/** The lone call ends a block of unfenced code (a script whose last line calls a function named like a tool). */
function followsCode(text: string, lineStart: number): boolean {
  const before = text.slice(Math.max(0, lineStart - 400), lineStart).trimEnd();
  const prev = before.slice(before.lastIndexOf("\n") + 1);
  return prev !== "" && CODE_LINE.test(prev);
}
