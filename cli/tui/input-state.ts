/**
 * The prompt editor as a pure state machine: insertion at the cursor, deletion, word and line motions, history, and
 * multi-line input (a trailing backslash, Ctrl-J, Alt-Enter or Shift-Enter where the terminal reports it).
 */
export interface InputState {
  value: string;
  cursor: number;
  history: string[];
  /** Position in history while browsing (history.length = the draft). */
  historyIndex: number;
  draft: string;
}

export const emptyInput = (history: string[] = []): InputState => ({
  value: "",
  cursor: 0,
  history,
  historyIndex: history.length,
  draft: "",
});

export function insert(s: InputState, text: string): InputState {
  const t = text.replace(/\r\n?/g, "\n");
  return { ...s, value: s.value.slice(0, s.cursor) + t + s.value.slice(s.cursor), cursor: s.cursor + t.length };
}

export function backspace(s: InputState): InputState {
  if (s.cursor === 0) return s;
  return { ...s, value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1 };
}

export function deleteWord(s: InputState): InputState {
  const before = s.value.slice(0, s.cursor);
  const cut = before.replace(/\S+\s*$|\s+$/, "");
  return { ...s, value: cut + s.value.slice(s.cursor), cursor: cut.length };
}

export function move(s: InputState, delta: number): InputState {
  return { ...s, cursor: Math.max(0, Math.min(s.value.length, s.cursor + delta)) };
}

export function lineStart(s: InputState): InputState {
  return { ...s, cursor: s.value.lastIndexOf("\n", s.cursor - 1) + 1 };
}

export function lineEnd(s: InputState): InputState {
  const nl = s.value.indexOf("\n", s.cursor);
  return { ...s, cursor: nl === -1 ? s.value.length : nl };
}

export function historyUp(s: InputState): InputState {
  if (s.historyIndex === 0) return s;
  const draft = s.historyIndex === s.history.length ? s.value : s.draft;
  const value = s.history[s.historyIndex - 1] ?? "";
  return { ...s, value, cursor: value.length, historyIndex: s.historyIndex - 1, draft };
}

export function historyDown(s: InputState): InputState {
  if (s.historyIndex >= s.history.length) return s;
  const i = s.historyIndex + 1;
  const value = i === s.history.length ? s.draft : (s.history[i] ?? "");
  return { ...s, value, cursor: value.length, historyIndex: i };
}

/**
 * Enter: a trailing backslash becomes a line break (the input continues); otherwise the text is submitted and
 * recorded in history. `submitted` is undefined when the input continues.
 */
export function enter(s: InputState): { state: InputState; submitted?: string } {
  const before = s.value.slice(0, s.cursor);
  if (before.endsWith("\\") && s.cursor === s.value.length) {
    return { state: { ...s, value: `${before.slice(0, -1)}\n`, cursor: before.length } };
  }
  const text = s.value;
  if (text.trim() === "") return { state: { ...s, value: "", cursor: 0 }, submitted: "" };
  const history = s.history.at(-1) === text ? s.history : [...s.history, text];
  return { state: emptyInput(history), submitted: text };
}

/** The cursor's row and column in the (multi-line) value. */
export function cursorPosition(s: InputState): { row: number; col: number } {
  const before = s.value.slice(0, s.cursor).split("\n");
  return { row: before.length - 1, col: (before.at(-1) ?? "").length };
}

/**
 * Feeds one chunk of typed text. Outside a bracketed paste a carriage return is Enter (typed text and Enter can arrive
 * in one read); inside a paste it is a line break. Returns every input the chunk submitted.
 */
export function feed(s: InputState, text: string, pasting: boolean): { state: InputState; submitted: string[] } {
  if (pasting) return { state: insert(s, text), submitted: [] };
  const parts = text.split("\r");
  let state = insert(s, parts[0] ?? "");
  const submitted: string[] = [];
  for (const part of parts.slice(1)) {
    const r = enter(state);
    state = r.state;
    if (r.submitted !== undefined && r.submitted.trim() !== "") submitted.push(r.submitted);
    state = insert(state, part);
  }
  return { state, submitted };
}
