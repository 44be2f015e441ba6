/**
 * The two baselines the parser is compared against, written the way most agents do it:
 *  (a) native `tool_calls` only, arguments through strict JSON.parse;
 *  (b) (a), plus — when there are no native calls — ```json fences in the text holding {"name", "arguments"}.
 * Neither checks tool names or schemas: whatever they read is what such an agent would try to run.
 */
import type { ToolCallInput } from "../../runtime/toolcall/index.js";

export interface BaselineCall {
  name: string;
  arguments: Record<string, unknown>;
}

export function nativeStrict(input: ToolCallInput): BaselineCall[] {
  const out: BaselineCall[] = [];
  for (const n of input.nativeToolCalls ?? []) {
    try {
      const args = JSON.parse(n.arguments) as unknown;
      if (args && typeof args === "object" && !Array.isArray(args))
        out.push({ name: n.name, arguments: args as Record<string, unknown> });
    } catch {
      // a strict agent drops the call (or errors); either way nothing valid comes out
    }
  }
  return out;
}

const FENCE = /```(?:json)?[ \t]*\r?\n([\s\S]*?)```/g;

export function nativePlusFencedJson(input: ToolCallInput): BaselineCall[] {
  const native = nativeStrict(input);
  if ((input.nativeToolCalls ?? []).length > 0) return native;
  const out: BaselineCall[] = [];
  for (const m of input.text.matchAll(FENCE)) {
    try {
      const v = JSON.parse(m[1] ?? "") as { name?: unknown; arguments?: unknown };
      if (
        typeof v?.name === "string" &&
        v.arguments &&
        typeof v.arguments === "object" &&
        !Array.isArray(v.arguments)
      ) {
        out.push({ name: v.name, arguments: v.arguments as Record<string, unknown> });
      }
    } catch {
      // not JSON: not a call for this baseline
    }
  }
  return out;
}
