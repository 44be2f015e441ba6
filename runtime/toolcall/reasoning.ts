/**
 * Removing reasoning channels before anything is read: `<think>…</think>` (Qwen3, DeepSeek-R1, QwQ), `<thinking>`,
 * `<reasoning>`, `[THINK]…[/THINK]` (Magistral), `<|channel|>analysis<|message|>…<|end|>` (gpt-oss). Calls written
 * inside reasoning are deliberation, not calls. Two real habits are handled:
 *  - a reply that starts mid-reasoning (the template opened `<think>` in the prompt) and only has the `</think>`;
 *  - an unclosed `<think>` (the model went straight from thinking to a call): the reasoning ends at the first call
 *    marker, or runs to the end when there is none.
 */

/** [open, close, whether a close with no open means the reply began mid-reasoning]. */
const PAIRS: [string, string, boolean][] = [
  ["<think>", "</think>", true],
  ["<thinking>", "</thinking>", true],
  ["<reasoning>", "</reasoning>", true],
  ["[THINK]", "[/THINK]", true],
  ["<|begin_of_thought|>", "<|end_of_thought|>", true],
  ["<|channel|>analysis<|message|>", "<|end|>", false], // <|end|> also ends ordinary Phi turns
];

/** Markers that end an unclosed reasoning block: the model has started a call. */
const CALL_MARKERS = [
  "<tool_call>",
  "<function=",
  "[TOOL_CALLS]",
  "<|python_tag|>",
  "<|tool_call_start|>",
  "<|tool_call|>",
  "functools[",
  "<｜tool▁calls▁begin｜>",
  "<｜tool▁call▁begin｜>",
  "```tool_code",
  "<|channel|>commentary",
  "<|start|>assistant",
  "<|tool_calls_section_begin|>",
];

export interface Stripped {
  text: string;
  reasoning: string;
}

export function stripReasoning(input: string): Stripped {
  let text = input;
  const reasoning: string[] = [];
  for (const [open, close, orphanCloses] of PAIRS) {
    const orphanClose = orphanCloses ? text.indexOf(close) : -1;
    const firstOpen = text.indexOf(open);
    if (orphanClose >= 0 && (firstOpen < 0 || orphanClose < firstOpen)) {
      reasoning.push(text.slice(0, orphanClose));
      text = text.slice(orphanClose + close.length);
    }
    text = removePairs(text, open, close, reasoning);
  }
  return { text, reasoning: reasoning.join("\n").trim() };
}

function removePairs(text: string, open: string, close: string, reasoning: string[]): string {
  let out = "";
  let i = 0;
  for (;;) {
    const a = text.indexOf(open, i);
    if (a < 0) return out + text.slice(i);
    out += text.slice(i, a);
    const b = text.indexOf(close, a + open.length);
    if (b >= 0) {
      reasoning.push(text.slice(a + open.length, b));
      i = b + close.length;
      continue;
    }
    const marker = firstMarker(text, a + open.length);
    reasoning.push(text.slice(a + open.length, marker));
    return out + text.slice(marker);
  }
}

function firstMarker(text: string, from: number): number {
  let best = text.length;
  for (const m of CALL_MARKERS) {
    const k = text.indexOf(m, from);
    if (k >= 0 && k < best) best = k;
  }
  return best;
}
