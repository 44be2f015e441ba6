import { describe, expect, it } from "vitest";
import { applyEdit } from "../../index.js";

/** [what, file content, oldText, newText, expected content] — each row one preservation rule. */
const rows: Array<[string, string, string, string, string]> = [
  ["CRLF file, LF newText gets CRLF", "a\r\nb\r\n", "b", "b\nc", "a\r\nb\r\nc\r\n"],
  ["LF file, CRLF newText gets LF", "a\nb\n", "b", "b\r\nc", "a\nb\nc\n"],
  ["BOM kept", "\uFEFFa\nb\n", "a", "A", "\uFEFFA\nb\n"],
  [
    "BOM kept when the first line is replaced by a loose strategy",
    "\uFEFF  a\n  b\n",
    "a\nb",
    "A\nb",
    "\uFEFF  A\n  b\n",
  ],
  ["no final newline kept", "a\nb", "b", "c", "a\nc"],
  ["no final newline kept when newText ends with one", "a\nb", "b\n", "c\n", "a\nc"],
  ["final newline kept", "a\nb\n", "b", "c", "a\nc\n"],
  ["mixed endings outside the match untouched", "a\r\nb\nc\r\n", "b", "B", "a\r\nB\nc\r\n"],
  ["$ patterns literal", "x\n", "x", "$& $1 $$ $'", "$& $1 $$ $'\n"],
  ["trailing spaces of unchanged lines kept (loose match)", "  a  \n  b\n", "a\nb", "a\nc", "  a  \n  c\n"],
  ["tabs of unchanged lines kept (tabs match)", "\ta\n\tb\n", "    a\n    b", "    a\n    c", "\ta\n\tc\n"],
  ["deleting whole lines leaves no blank line", "a\nb\nc\n", "b\n", "", "a\nc\n"],
  ["deleting the last line of a file without final newline", "a\nb", "b", "", "a"],
  ["replacement of a line keeps the next line's position", "a\nb\nc\n", "b", "x\ny", "a\nx\ny\nc\n"],
];

describe("what the file had is preserved", () => {
  it.each(rows)("%s", (_what, content, oldText, newText, want) => {
    const r = applyEdit(content, oldText, newText);
    if (!r.ok) expect.fail(r.message);
    expect(JSON.stringify(r.content)).toBe(JSON.stringify(want));
  });

  it("leaves everything outside the match byte-for-byte", () => {
    const before = "\uFEFFhead  \r\n\tmid\r\n  tail \n";
    const r = applyEdit(before, "mid", "MID");
    expect(r.ok && r.content).toBe("\uFEFFhead  \r\n\tMID\r\n  tail \n");
  });
});
