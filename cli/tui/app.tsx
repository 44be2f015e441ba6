/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The fullscreen TUI: the transcript fills the screen above the prompt editor (or an approval / question modal), a
 * hint line and the status line. It always renders one line less than the terminal's height (Ink then redraws in
 * place) and re-lays out on resize. PgUp / PgDn scroll the transcript.
 */
import { Box, Text, useInput, useStdout, type Key } from "ink";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { line, type StyledLine } from "../slash/format.js";
import { completeAtPath } from "./complete.js";
import type { TuiController } from "./controller.js";
import * as ed from "./input-state.js";
import {
  APPROVAL_CHOICES,
  ApprovalChoices,
  ChoiceList,
  Editor,
  editorRows,
  Lines,
  modalLines,
  statusText,
} from "./views.js";

interface Size {
  cols: number;
  rows: number;
}

function useSize(): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const on = (): void => setSize(read());
    stdout.on("resize", on);
    return () => {
      stdout.off("resize", on);
    };
  }, [stdout]);
  return size;
}

/** Re-renders every `ms` while `on` (the spinner and elapsed time). */
function useTicker(on: boolean, ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [on, ms]);
}

/** At most `max` editor rows, keeping the cursor's row in view (a long input scrolls inside the editor). */
function visibleRows<T extends { cursorAt?: number }>(all: T[], max: number): T[] {
  if (all.length <= max) return all;
  const at = Math.max(
    0,
    all.findIndex((r) => r.cursorAt !== undefined),
  );
  const start = Math.min(Math.max(0, at - max + 1), all.length - max);
  return all.slice(start, start + max);
}

interface Latest<T> {
  value: T;
  get(): T;
  set(v: T): void;
}

/** State whose latest value is readable at once (before the re-render). */
function useLatest<T>(init: () => T): Latest<T> {
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

const CONTROL = /[\x00-\x1f\x7f]/;

/** Splits a chunk into text runs and single control keys, each with the Key Ink would have reported. */
function splitChunk(text: string, base: Key): Array<[string, Key]> {
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
function editKey(input: string, key: Key, { state, setState }: Editing): boolean {
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

export function App({ controller, plain }: { controller: TuiController; plain: boolean }): ReactNode {
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { cols, rows } = useSize();
  // Keys can arrive several per render (typed text and Enter in one batch): handlers read and write through refs,
  // so each key sees the previous one's result; the state only triggers the re-render.
  const inputBox = useLatest(() => ed.emptyInput());
  const answerBox = useLatest(() => ed.emptyInput());
  const selectedBox = useLatest(() => 0);
  const [scroll, setScroll] = useState(0);
  const pasting = useRef(false);
  useTicker(snap.busy, 250);
  const session = controller.session;
  const modal = snap.modal;

  useEffect(() => {
    answerBox.set(ed.emptyInput());
    // An approval starts with nothing selected: Enter alone (or text typed ahead) never allows a command.
    selectedBox.set(modal?.kind === "approval" ? -1 : 0);
  }, [modal]);

  const submitPrompt = (state: ed.InputState): void => {
    const r = ed.enter(state);
    inputBox.set(r.state);
    if (r.submitted !== undefined && r.submitted.trim() !== "") {
      setScroll(0);
      void controller.submit(r.submitted);
    }
  };

  const handle = (text: string, key: Key): void => {
    if (snap.quitting) return;
    const input = inputBox.get();
    const answer = answerBox.get();
    const selected = selectedBox.get();
    const setInput = inputBox.set;
    const setSelected = (f: (n: number) => number): void => selectedBox.set(f(selectedBox.get()));
    if (modal?.kind === "approval") {
      const pick = (i: number): void => modal.resolve(APPROVAL_CHOICES[i]?.decision ?? "deny");
      const byKey = APPROVAL_CHOICES.findIndex((c) => c.key === text.toLowerCase());
      if (byKey >= 0) pick(byKey);
      else if (text === "y" || text === "1") pick(0);
      else if (text === "n" || key.escape || (key.ctrl && text === "c")) pick(2);
      else if (key.leftArrow || key.upArrow) setSelected((s) => (s <= 0 ? 2 : s - 1));
      else if (key.rightArrow || key.downArrow || key.tab) setSelected((s) => (s + 1) % 3);
      else if (key.return && selected >= 0) pick(selected);
      else controller.setHint("Choose: a = allow once · s = always this session · d = deny (←/→ then Enter)");
      return;
    }
    if (modal?.kind === "ask") {
      const choices = modal.options.choices ?? [];
      if (key.escape || (key.ctrl && text === "c")) modal.resolve(undefined);
      else if (key.return) modal.resolve(choices.length > 0 ? choices[selected] : answer.value);
      else if (choices.length > 0 && key.upArrow) setSelected((s) => (s + choices.length - 1) % choices.length);
      else if (choices.length > 0 && key.downArrow) setSelected((s) => (s + 1) % choices.length);
      else if (choices.length === 0) editKey(text, key, { state: answer, setState: answerBox.set });
      return;
    }
    if (key.ctrl && text === "c") {
      const r = controller.ctrlC(input.value === "");
      if (r === "cleared") setInput(ed.emptyInput(input.history));
      return;
    }
    if (key.escape) {
      if (!controller.interrupt()) controller.setHint(undefined);
      return;
    }
    if (key.pageUp) return setScroll((s) => s + Math.max(1, rows - 8));
    if (key.pageDown) return setScroll((s) => Math.max(0, s - Math.max(1, rows - 8)));
    if (key.return && (key.shift || key.meta)) return setInput(ed.insert(input, "\n"));
    if (key.return) return submitPrompt(input);
    if (text === "\n") return setInput(ed.insert(input, "\n"));
    if (key.tab) {
      const c = completeAtPath(session.cwd, input.value, input.cursor);
      if (c) setInput({ ...input, value: c.value, cursor: c.cursor });
      controller.setHint(c && c.candidates.length > 0 ? c.candidates.join("  ") : undefined);
      return;
    }
    if (key.upArrow) return setInput(ed.historyUp(input));
    if (key.downArrow) return setInput(ed.historyDown(input));
    if (text === "[200~" || text === "[201~") {
      pasting.current = text === "[200~";
      return;
    }
    if (pasting.current && !key.ctrl) return setInput(ed.insert(input, text));
    editKey(text, key, { state: input, setState: setInput });
  };

  useInput((text, key) => {
    // Typed text and keys can arrive in one read (a fast typist, tmux send-keys): replay them one by one.
    if (!pasting.current && !key.ctrl && !key.meta && text.length > 1 && CONTROL.test(text)) {
      for (const [t, k] of splitChunk(text, key)) handle(t, k);
    } else handle(text, key);
  });

  const width = Math.max(20, cols);
  const all = useMemo(() => controller.transcript.render(width - 1), [snap.version, width]);
  const editor = visibleRows(
    editorRows(
      modal?.kind === "ask" ? answerBox.value : inputBox.value,
      width,
      modal?.kind === "ask" && modal.options.mask === true,
    ),
    Math.max(3, Math.floor(rows / 3)),
  );
  const head = modal ? modalLines(modal, width - 1) : [];
  const choices = modal?.kind === "ask" ? (modal.options.choices ?? []) : [];
  const bottomHeight =
    1 /* rule */ +
    head.length +
    (modal?.kind === "approval" ? 1 : choices.length > 0 ? choices.length : editor.length) +
    1 /* hint */ +
    1; /* status */
  const available = Math.max(1, rows - 1 - bottomHeight);
  const maxScroll = Math.max(0, all.length - available);
  const offset = Math.min(scroll, maxScroll);
  const visible: StyledLine[] = all.slice(Math.max(0, all.length - available - offset), all.length - offset);
  const padded = [...Array.from({ length: available - visible.length }, () => line("")), ...visible];
  const hint =
    snap.hint ??
    (offset > 0
      ? `scrolled up ${offset} lines · PgDn to return`
      : snap.busy
        ? "Esc interrupts"
        : "/help for commands · Tab completes @path · trailing \\ for a new line");
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={padded} plain={plain} />
      <Text dimColor>{"─".repeat(width - 1)}</Text>
      {head.length > 0 ? <Lines lines={head} plain={plain} /> : null}
      {modal?.kind === "approval" ? (
        <ApprovalChoices selected={selectedBox.value} plain={plain} />
      ) : choices.length > 0 ? (
        <ChoiceList choices={choices} selected={selectedBox.value} />
      ) : (
        <Editor rows={editor} dim={snap.quitting} />
      )}
      <Text dimColor wrap="truncate">
        {hint}
      </Text>
      <Text wrap="truncate" {...(plain ? {} : { color: "cyan" })}>
        {statusText(session, { since: snap.busySince, activity: snap.activity }, width)}
      </Text>
    </Box>
  );
}
