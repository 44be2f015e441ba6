/**
 * Text that pretends to be a tool result: the model, having written a call, goes on to invent its output. Everything
 * from the first such marker on is dropped (calls after it were made up on top of an invented result).
 * `Observation:` counts only after a ReAct `Action:` line, since prose may start a line with that word.
 */

const MARKERS = [
  "<tool_response>",
  "<tool_result>",
  "<|im_start|>tool",
  "<|im_start|>user",
  "<|start_header_id|>ipython",
  "[TOOL_RESULTS]",
  "<｜tool▁outputs▁begin｜>",
  "<｜tool▁output▁begin｜>",
  "<function_results>",
  "<|tool_response|>",
  "<start_of_turn>user",
  "<|eot_id|><|start_header_id|>user",
];

export interface Cut {
  text: string;
  /** The marker that was found, if any. */
  marker?: string;
}

export function cutFakeResults(text: string): Cut {
  let at = text.length;
  let marker: string | undefined;
  for (const m of MARKERS) {
    const k = text.indexOf(m);
    if (k >= 0 && k < at) {
      at = k;
      marker = m;
    }
  }
  const action = /^[ \t]*Action[ \t]*:/m.exec(text);
  if (action) {
    const obs = /^[ \t]*Observation[ \t]*:/m.exec(text.slice(action.index));
    if (obs && action.index + obs.index < at) {
      at = action.index + obs.index;
      marker = "Observation:";
    }
  }
  return marker === undefined ? { text } : { text: text.slice(0, at), marker };
}
