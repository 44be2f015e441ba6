import { describe, expect, it } from "vitest";
import * as ed from "../../cli/tui/input-state.js";

const typed = (text: string, history: string[] = []) => ed.insert(ed.emptyInput(history), text);

describe("prompt editor", () => {
  it("inserts at the cursor and deletes before it", () => {
    let s = typed("helo");
    s = ed.move(s, -1);
    s = ed.insert(s, "l");
    expect(s.value).toBe("hello");
    expect(s.cursor).toBe(4);
    s = ed.backspace(ed.backspace(s));
    expect(s.value).toBe("heo");
    expect(ed.backspace(ed.move(s, -10))).toEqual(ed.move(s, -10));
  });

  it("deletes the word before the cursor (Ctrl-W)", () => {
    expect(ed.deleteWord(typed("fix the bug")).value).toBe("fix the ");
    expect(ed.deleteWord(typed("fix the  ")).value).toBe("fix ");
    expect(ed.deleteWord(typed("")).value).toBe("");
  });

  it("a trailing backslash continues on a new line; Enter submits and records history once", () => {
    const cont = ed.enter(typed("first\\"));
    expect(cont.submitted).toBeUndefined();
    expect(cont.state.value).toBe("first\n");
    const done = ed.enter(ed.insert(cont.state, "second"));
    expect(done.submitted).toBe("first\nsecond");
    expect(done.state.value).toBe("");
    expect(done.state.history).toEqual(["first\nsecond"]);
    const again = ed.enter(ed.insert(done.state, "first\nsecond"));
    expect(again.state.history).toEqual(["first\nsecond"]);
    // A backslash in the middle of the text is text.
    expect(ed.enter(ed.move(typed("a\\b"), -1)).submitted).toBe("a\\b");
  });

  it("Up and Down walk the history and bring the draft back", () => {
    let s = typed("draft", ["one", "two"]);
    s = ed.historyUp(s);
    expect(s.value).toBe("two");
    s = ed.historyUp(s);
    expect(s.value).toBe("one");
    expect(ed.historyUp(s).value).toBe("one");
    s = ed.historyDown(ed.historyDown(s));
    expect(s.value).toBe("draft");
    expect(ed.historyDown(s)).toEqual(s);
  });

  it("line start / end and the cursor position work on multi-line input", () => {
    let s = typed("ab\ncde");
    expect(ed.cursorPosition(s)).toEqual({ row: 1, col: 3 });
    s = ed.lineStart(s);
    expect(s.cursor).toBe(3);
    s = ed.lineEnd(ed.move(s, -2));
    expect(s.cursor).toBe(2);
  });

  it("feeds a chunk: CR is Enter outside a paste and a line break inside one", () => {
    const typedEnter = ed.feed(ed.emptyInput(), "hello\r", false);
    expect(typedEnter.submitted).toEqual(["hello"]);
    const continued = ed.feed(ed.emptyInput(), "a\\\rb", false);
    expect(continued.submitted).toEqual([]);
    expect(continued.state.value).toBe("a\nb");
    const pasted = ed.feed(ed.emptyInput(), "line 1\rline 2\r", true);
    expect(pasted.submitted).toEqual([]);
    expect(pasted.state.value).toBe("line 1\nline 2\n");
  });
});
