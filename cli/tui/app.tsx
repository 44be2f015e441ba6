/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The fullscreen TUI: the transcript fills the screen above the prompt editor (or an approval / question modal), a
 * hint line and the status line. It always renders one line less than the terminal's height (Ink then redraws in
 * place) and re-lays out on resize. PgUp / PgDn scroll the transcript.
 */
import { Box, Text, useInput, useStdout, type Key } from "ink";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { approvalKey, askKey, CONTROL, editKey, splitChunk, useLatest } from "./keys.js";
import { line, type StyledLine } from "../slash/format.js";
import { completeAtPath } from "./complete.js";
import type { TuiController } from "./controller.js";
import * as ed from "./input-state.js";
import { ApprovalChoices, ChoiceList, Editor, editorRows, Lines, modalLines, statusText } from "./views.js";

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
    const setInput = inputBox.set;
    if (modal?.kind === "approval") return approvalKey(text, key, modal, selectedBox, controller);
    if (modal?.kind === "ask") return askKey(text, key, modal, selectedBox, answerBox);
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
