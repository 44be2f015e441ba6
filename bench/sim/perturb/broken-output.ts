/**
 * Broken output: a reply cut off mid-call (max_tokens, as `finish_reason: length`) and `<think>` blocks before the
 * call, closed or never closed.
 */
import type { Rng } from "../rng.js";
import type { SimCall } from "../types.js";
import type { Rendered } from "./format.js";

/** The call cut somewhere in its second half: native arguments or the content, whichever carries it. */
export function truncate(r: Rendered, rng: Rng): Rendered {
  const cut = (s: string): string => s.slice(0, Math.max(1, Math.floor(s.length * (0.5 + 0.4 * rng.next()))));
  if (r.toolCalls.length > 0) {
    return { content: r.content, toolCalls: r.toolCalls.map((c) => ({ ...c, arguments: cut(c.arguments) })) };
  }
  return { content: cut(r.content), toolCalls: [] };
}

function musing(call: SimCall | undefined, rng: Rng): string {
  const target = typeof call?.args["path"] === "string" ? ` ${call.args["path"]}` : "";
  const tool = call ? call.tool : "nothing more";
  return rng.pick([
    `The user wants this fixed. I should use ${tool}${target} next.`,
    `Let me think. The next step is ${tool}${target}. I must be careful to copy the text exactly.`,
    `Okay, so far so good. Now ${tool}${target}.`,
  ]);
}

/** A reasoning block before the content; unclosed, the rest of the reply sits inside it. */
export function think(r: Rendered, call: SimCall | undefined, closed: boolean, rng: Rng): Rendered {
  const block = closed ? `<think>\n${musing(call, rng)}\n</think>\n\n` : `<think>\n${musing(call, rng)}\n`;
  return { content: block + r.content, toolCalls: r.toolCalls };
}
