/**
 * Key handling for the TUI: state readable before the re-render (several keys can arrive per render), splitting a read
 * that holds text and keys into single keys, the editing keys, and the approval and question modals' keys.
 */
import type { Key } from "ink";
import { useRef, useState } from "react";
import type { Modal, TuiController } from "./controller.js";
import * as ed from "./input-state.js";
import { APPROVAL_CHOICES } from "./views.js";

export interface Latest<T> {
  value: T;
  get(): T;
  set(v: T): void;
}

/** State whose latest value is readable at once (before the re-render). */
export function useLatest<T>(init: () => T): Latest<T> {
  const [value, setValue] = useState(init);
  const ref = useRef(value);
  return {
    value,
    get: () => ref.current,
    set: (v: T) => {
      ref.current = v;
      setValue(() => v);
    },
  };
}

export const CONTROL = /[\x00-\x1f\x7f]/;

/** Splits a chunk into text runs and single control keys, each with the Key Ink would have reported. */
export function splitChunk(text: string, base: Key): Array<[string, Key]> {
  const out: Array<[string, Key]> = [];
  const plain: Key = {
    ...base,
    return: false,
    tab: false,
    backspace: false,
    delete: false,
    ctrl: false,
    shift: false,
    meta: false,
  };
  const pieces = text.split(/([\x00-\x1f\x7f])/);
  for (const [i, piece] of pieces.entries()) {
    if (piece === "") continue;
    const code = piece.charCodeAt(0);
    // A line typed before the terminal was in raw mode arrives whole, ending in "\n": that "\n" was Enter.
    const typedAhead = piece === "\n" && pieces.slice(i + 1).every((p) => p === "");
    if (piece.length > 1 || code >= 0x20) out.push([piece, plain]);
    else if (piece === "\r" || typedAhead) out.push(["", { ...plain, return: true }]);
    else if (piece === "\n") out.push(["\n", plain]);
    else if (piece === "\t") out.push(["", { ...plain, tab: true }]);
    else if (code === 0x7f || code === 0x08) out.push(["", { ...plain, backspace: true }]);
    else if (code >= 1 && code <= 26) out.push([String.fromCharCode(code + 96), { ...plain, ctrl: true }]);
  }
  return out;
}

type Editing = { state: ed.InputState; setState: (s: ed.InputState) => void };

/** Editing keys shared by the prompt and the question modal; true when the key was handled. */
export function editKey(input: string, key: Key, { state, setState }: Editing): boolean {
  if (key.leftArrow) setState(ed.move(state, -1));
  else if (key.rightArrow) setState(ed.move(state, 1));
  else if (key.home || (key.ctrl && input === "a")) setState(ed.lineStart(state));
  else if (key.end || (key.ctrl && input === "e")) setState(ed.lineEnd(state));
  else if (key.backspace || key.delete) setState(ed.backspace(state));
  else if (key.ctrl && input === "w") setState(ed.deleteWord(state));
  else if (key.ctrl && input === "u") setState({ ...state, value: state.value.slice(state.cursor), cursor: 0 });
  else if (key.ctrl && input === "k") setState({ ...state, value: state.value.slice(0, state.cursor) });
  else if (input !== "" && !key.ctrl && !key.meta) setState(ed.insert(state, input));
  else return false;
  return true;
}

/** Keys while an approval is open: a/s/d (y/n, 1), ←/→ then Enter, Esc or Ctrl-C deny. Enter alone does nothing. */
export function approvalKey(
  text: string,
  key: Key,
  modal: Extract<Modal, { kind: "approval" }>,
  selected: Latest<number>,
  controller: TuiController,
): void {
  const pick = (i: number): void => modal.resolve(APPROVAL_CHOICES[i]?.decision ?? "deny");
  const s = selected.get();
  const byKey = APPROVAL_CHOICES.findIndex((c) => c.key === text.toLowerCase());
  if (byKey >= 0) pick(byKey);
  else if (text === "y" || text === "1") pick(0);
  else if (text === "n" || key.escape || (key.ctrl && text === "c")) pick(2);
  else if (key.leftArrow || key.upArrow) selected.set(s <= 0 ? 2 : s - 1);
  else if (key.rightArrow || key.downArrow || key.tab) selected.set((s + 1) % 3);
  else if (key.return && s >= 0) pick(s);
  else controller.setHint("Choose: a = allow once · s = always this session · d = deny (←/→ then Enter)");
}

/** Keys while a question is open: editing (or ↑/↓ through choices), Enter answers, Esc or Ctrl-C cancel. */
export function askKey(
  text: string,
  key: Key,
  modal: Extract<Modal, { kind: "ask" }>,
  selected: Latest<number>,
  answer: Latest<ed.InputState>,
): void {
  const choices = modal.options.choices ?? [];
  const s = selected.get();
  if (key.escape || (key.ctrl && text === "c")) modal.resolve(undefined);
  else if (key.return) modal.resolve(choices.length > 0 ? choices[s] : answer.get().value);
  else if (choices.length > 0 && key.upArrow) selected.set((s + choices.length - 1) % choices.length);
  else if (choices.length > 0 && key.downArrow) selected.set((s + 1) % choices.length);
  else if (choices.length === 0) editKey(text, key, { state: answer.get(), setState: answer.set });
}
