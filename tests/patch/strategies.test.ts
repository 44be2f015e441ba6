import { describe, expect, it } from "vitest";
import { applyEdit, type EditStrategy } from "../../index.js";

/** [what, file content, oldText, newText, expected content, expected strategy] */
const applies: Array<[string, string, string, string, string, EditStrategy]> = [
  ["exact substring", "a = 1\nb = 2\n", "b = 2", "b = 3", "a = 1\nb = 3\n", "exact"],
  ["exact, mid-line", "call(foo(1), 2)\n", "foo(1)", "foo(9)", "call(foo(9), 2)\n", "exact"],
  ["line endings: LF old in CRLF file", "a\r\nb\r\nc\r\n", "a\nb", "a\nB", "a\r\nB\r\nc\r\n", "line-endings"],
  ["line endings: CRLF old in LF file", "a\nb\nc\n", "b\r\nc", "b\r\nC", "a\nb\nC\n", "line-endings"],
  [
    "trailing whitespace in file",
    "x = 1   \ny = 2\n",
    "x = 1\ny = 2",
    "x = 1\ny = 3",
    "x = 1   \ny = 3\n",
    "trailing-whitespace",
  ],
  [
    "trailing whitespace in old",
    "x = 1\ny = 2\n",
    "x = 1  \ny = 2",
    "x = 1  \ny = 3",
    "x = 1\ny = 3\n",
    "trailing-whitespace",
  ],
  [
    "indentation: dedented block",
    "def f():\n    a = 1\n    b = 2\n",
    "a = 1\nb = 2",
    "a = 1\nb = 3",
    "def f():\n    a = 1\n    b = 3\n",
    "indentation",
  ],
  [
    "indentation: keeps relative depth",
    "if x:\n    if y:\n        go()\n",
    "if y:\n    go()",
    "if y:\n    go()\n    stop()",
    "if x:\n    if y:\n        go()\n        stop()\n",
    "indentation",
  ],
  [
    "indentation: over-indented block",
    "f() {\n  a();\n  b();\n}\n",
    "      a();\n      b();",
    "      a();\n      c();",
    "f() {\n  a();\n  c();\n}\n",
    "indentation",
  ],
  [
    "indentation: 2-space unit for 4-space file",
    "def f():\n    if x:\n        go()\n",
    "def f():\n  if x:\n    go()",
    "def f():\n  if x:\n    run()",
    "def f():\n    if x:\n        run()\n",
    "indentation",
  ],
  [
    "tabs: spaces for tabs",
    "func f() {\n\tif x {\n\t\tgo()\n\t}\n}\n",
    "    if x {\n        go()",
    "    if x {\n        run()",
    "func f() {\n\tif x {\n\t\trun()\n\t}\n}\n",
    "tabs",
  ],
  [
    "tabs: tabs for spaces",
    "class A:\n    def f(self):\n        pass\n",
    "\tdef f(self):\n\t\tpass",
    "\tdef f(self):\n\t\treturn 1",
    "class A:\n    def f(self):\n        return 1\n",
    "tabs",
  ],
  ["line numbers: bar", "a\nb\nc\n", "2 | b\n3 | c", "2 | b\n3 | C", "a\nb\nC\n", "line-numbers"],
  ["line numbers: cat -n", "a\nb\nc\n", "     2\tb\n     3\tc", "     2\tB\n     3\tc", "a\nB\nc\n", "line-numbers"],
  ["line numbers: arrow", "a\nb\n", "  1→a", "  1→A", "A\nb\n", "line-numbers"],
  ["fences", "x = 1\ny = 2\n", "```py\ny = 2\n```", "```py\ny = 3\n```", "x = 1\ny = 3\n", "fences"],
  ["unicode: smart quotes in old", 'say("hi")\n', "say(“hi”)", 'say("hello")', 'say("hello")\n', "unicode"],
  ["unicode: em dash in file", "a — b\nc\n", "a - b\nc", "a - b\nd", "a — b\nd\n", "unicode"],
  [
    "elision: ...",
    "f():\n  a\n  b\n  c\nend\n",
    "f():\n  ...\nend",
    "g():\n  ...\nend",
    "g():\n  a\n  b\n  c\nend\n",
    "elision",
  ],
  [
    "elision: // ... existing code ...",
    "function f() {\n  a();\n  b();\n  return 1;\n}\n",
    "function f() {\n  // ... existing code ...\n  return 1;\n}",
    "function f() {\n  // ... existing code ...\n  return 2;\n}",
    "function f() {\n  a();\n  b();\n  return 2;\n}\n",
    "elision",
  ],
  [
    "fuzzy: misquoted context line kept",
    "def f(x):\n    y = x + 1\n    z = y * 2\n    return z\n",
    "def f(x):\n    y = x + 2\n    z = y * 2\n    return z",
    "def f(x):\n    y = x + 2\n    z = y * 3\n    return z",
    "def f(x):\n    y = x + 1\n    z = y * 3\n    return z\n",
    "fuzzy",
  ],
];

/** [what, file content, oldText, newText, expected reason] */
const refusals: Array<[string, string, string, string, string]> = [
  ["exact duplicate", "a()\nb()\na()\n", "a()", "c()", "ambiguous"],
  ["overlapping duplicate", ")))\n", "))", ")", "ambiguous"],
  [
    "indentation makes two blocks alike",
    "if a:\n    go()\n    stop()\nelse:\n        go()\n        stop()\n",
    "go()\nstop()",
    "run()\nstop()",
    "ambiguous",
  ],
  ["partial identifier", "max = 1\n", "x = 1", "x = 2", "not_found"],
  ["content-less line at a depth that does not exist", "f() {\n  g();\n}\n", "    }", "    };", "not_found"],
  [
    "fuzzy: misquoted line is the one changed",
    "a = 1\nb = 2\nc = 3\nd = 4\n",
    "a = 1\nb = 5\nc = 3\nd = 4",
    "a = 1\nb = 6\nc = 3\nd = 4",
    "not_found",
  ],
  [
    "fuzzy: two near-equal blocks",
    "def f():\n    a = 1\n    b = 2\n    c = 3\n\ndef g():\n    a = 1\n    b = 3\n    c = 3\n",
    "    a = 1\n    b = 5\n    c = 3",
    "    a = 0\n    b = 5\n    c = 3",
    "ambiguous",
  ],
  ["elision: repeated anchor", "f():\n  x\nend\ng():\n  y\nend\n", "  ...\nend", "  ...\nend\nh()", "ambiguous"],
  ["elision: new drops the marker", "f():\n  a\n  b\nend\n", "f():\n  ...\nend", "f():\nend", "invalid"],
  ["placeholder only in new", "a\nb\n", "a\nb", "a\n// ... existing code ...", "invalid"],
  ["whitespace-only old", "a\n", "  \n", "b", "invalid"],
  ["identical texts", "a\nb\n", "b", "b", "no_change"],
  ["already applied", "a = 1\nc = 2\n", "c = 1", "c = 2", "no_change"],
];

describe("strategies, strictest first", () => {
  it.each(applies)("%s", (_what, content, oldText, newText, want, strategy) => {
    const r = applyEdit(content, oldText, newText);
    if (!r.ok) expect.fail(r.message);
    expect(r.content).toBe(want);
    expect(r.strategy).toBe(strategy);
  });

  it.each(refusals)("refuses: %s", (_what, content, oldText, newText, reason) => {
    const r = applyEdit(content, oldText, newText);
    expect(r.ok, r.ok ? r.content : "").toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it("a stricter level wins over a looser one elsewhere", () => {
    // Exact at lines 2-3; the same block deeper at lines 5-6 is what the indentation level would also see.
    const r = applyEdit("a\n  b\n  c\nif y:\n    b\n    c\n", "  b\n  c", "  b\n  d");
    expect(r.ok && r.content).toBe("a\n  b\n  d\nif y:\n    b\n    c\n");
  });

  it("reports the 1-based line where the replacement starts", () => {
    const r = applyEdit("a\nb\nc\nd\n", "c\nd", "C\nD");
    expect(r.ok && r.startLine).toBe(3);
  });

  it("replaceAll replaces every occurrence and still refuses nothing-found", () => {
    const r = applyEdit("a()\nb()\na()\n", "a()", "z()", { replaceAll: true });
    expect(r.ok && r.content).toBe("z()\nb()\nz()\n");
    const none = applyEdit("a()\n", "q()", "z()", { replaceAll: true });
    expect(none.ok ? "" : none.reason).toBe("not_found");
  });

  it("creates a missing file from an empty oldText and refuses it on a non-empty one", () => {
    expect(applyEdit("", "", "hi\n", { fileExists: false })).toMatchObject({
      ok: true,
      content: "hi\n",
      strategy: "create",
    });
    expect(applyEdit("x\n", "", "hi\n")).toMatchObject({ ok: false, reason: "invalid" });
    expect(applyEdit("", "", "hi\n", { fileExists: true })).toMatchObject({ ok: true, content: "hi\n" });
  });
});
