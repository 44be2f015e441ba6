/**
 * DeepSeek V3 / R1: `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>name\n```json\n{…}\n```<｜tool▁call▁end｜>…<｜tool▁calls▁end｜>`
 * and V3.1: `<｜tool▁call▁begin｜>name<｜tool▁sep｜>{…}<｜tool▁call▁end｜>`. ASCII look-alikes (`<|tool_call_begin|>`)
 * that quantized chat templates and detokenizers produce are accepted too.
 */
import { scanBalanced, skipWs, unfence } from "../scan.js";
import type { FormatMatch, FormatReader, RawCall } from "../types.js";

const CALL_BEGIN = /<[|｜]tool[▁_ ]call[▁_ ]begin[|｜]>/g;
const CALL_END = /<[|｜]tool[▁_ ]call[▁_ ]end[|｜]>/g;
const SEP = /<[|｜]tool[▁_ ]sep[|｜]>/;
const CALLS_BEGIN = /<[|｜]tool[▁_ ]calls[▁_ ](?:section[▁_ ])?begin[|｜]>\s*$/;
const CALLS_END = /^\s*<[|｜]tool[▁_ ]calls[▁_ ](?:section[▁_ ])?end[|｜]>/;

export const deepseekReader: FormatReader = {
  format: "deepseek",
  read(text) {
    const out: FormatMatch[] = [];
    CALL_BEGIN.lastIndex = 0;
    let m: RegExpExecArray | null;
    let endM: RegExpExecArray | null = null;
    let noMoreEnds = false;
    while ((m = CALL_BEGIN.exec(text)) !== null) {
      const bodyStart = m.index + m[0].length;
      if (!noMoreEnds && (!endM || endM.index < bodyStart)) {
        CALL_END.lastIndex = bodyStart;
        endM = CALL_END.exec(text);
        noMoreEnds = endM === null;
      }
      CALL_BEGIN.lastIndex = bodyStart;
      const nextBegin = CALL_BEGIN.exec(text);
      const nextAt = nextBegin ? nextBegin.index : -1;
      const bodyEnd = endM && (nextAt < 0 || endM.index < nextAt) ? endM.index : nextAt >= 0 ? nextAt : text.length;
      let end = endM && bodyEnd === endM.index ? endM.index + endM[0].length : bodyEnd;
      let start = m.index;
      const before = CALLS_BEGIN.exec(text.slice(Math.max(0, start - 40), start));
      if (before) start = Math.max(0, start - 40) + before.index;
      const after = CALLS_END.exec(text.slice(end, end + 40));
      if (after) end += after[0].length;
      out.push({
        format: "deepseek",
        start,
        end,
        explicit: true,
        calls: [readCall(text.slice(bodyStart, bodyEnd), bodyEnd === text.length)],
        diagnostics: [],
      });
      CALL_BEGIN.lastIndex = bodyEnd;
    }
    return out;
  },
};

/** Kimi K2: `functions.read_file:0<|tool_call_argument_begin|>{…}`. */
const KIMI_ARGS = "<|tool_call_argument_begin|>";

function readCall(body: string, atEnd: boolean): RawCall {
  const kimi = body.indexOf(KIMI_ARGS);
  if (kimi >= 0) {
    const name = body.slice(0, kimi).trim().replace(/:\d+$/, "");
    return { name, args: { kind: "json", text: body.slice(kimi + KIMI_ARGS.length) }, repairs: [] };
  }
  const sep = SEP.exec(body);
  if (!sep) return { name: body.trim().split(/\s/)[0] ?? "", args: { kind: "value", value: {} }, repairs: [] };
  const left = body.slice(0, sep.index).trim();
  let rest = body.slice(sep.index + sep[0].length);
  let name = left;
  if (left === "function" || left === "") {
    const i = skipWs(rest, 0);
    const nl = rest.indexOf("\n", i);
    name = (nl < 0 ? rest.slice(i) : rest.slice(i, nl)).trim();
    rest = nl < 0 ? "" : rest.slice(nl + 1);
  }
  const argsText = unfence(rest);
  const open = argsText.search(/[{[]/);
  if (atEnd && open >= 0) {
    const span = scanBalanced(argsText, open);
    if (span.inString) return { name, args: { kind: "truncated" }, repairs: [] };
    if (!span.complete)
      return {
        name,
        args: { kind: "json", text: argsText },
        repairs: ["closed a call cut off at the end of the reply"],
      };
  }
  return { name, args: { kind: "json", text: argsText }, repairs: [] };
}
