/**
 * The general causes behind the held-out set's first-run failures and the second red-team round, one row each:
 * what must apply (and how), what must be refused, and what a refusal must show.
 */
import { describe, expect, it } from "vitest";
import { applyEdit, type EditStrategy } from "../../index.js";

/** [what, file content, oldText, newText, expected content, expected strategy] */
const applies: Array<[string, string, string, string, string, EditStrategy]> = [
  // A quote that stops before trailing whitespace the model could not see.
  [
    "changed last line drops stale trailing space",
    "a\n  x = 2 \nb\n",
    "  x = 2",
    "  x = 3",
    "a\n  x = 3\nb\n",
    "exact",
  ],
  ["unchanged last line keeps trailing space", "a \nb\n", "a", "z\na", "z\na \nb\n", "exact"],
  ["trailing tab too", "f()\t\ng()\n", "f()", "f(1)", "f(1)\ng()\n", "exact"],
  // One whole-line occurrence among fragments inside longer lines.
  [
    "whole line beats a longer line's prefix",
    "## Usage\n\n## Usage notes\n",
    "## Usage",
    "## Use",
    "## Use\n\n## Usage notes\n",
    "exact",
  ],
  [
    "whole line beats fragments mid-line",
    "run() {\n  x run\n}\nrun\n",
    "run",
    "run\nend",
    "run() {\n  x run\n}\nrun\nend\n",
    "exact",
  ],
  // Spacing inside lines (gofmt alignment): unchanged lines keep the file's spacing.
  [
    "spacing: aligned fields kept, new field added",
    "type S struct {\n\tA    int\n\tBee  string\n}\n",
    "\tA int\n\tBee string",
    "\tA int\n\tBee string\n\tC bool",
    "type S struct {\n\tA    int\n\tBee  string\n\tC bool\n}\n",
    "spacing",
  ],
  // newText-only artefacts.
  [
    "fence around newText only",
    "def f():\n    x = 1\n",
    "    x = 1",
    "```python\n    x = 2\n```",
    "def f():\n    x = 2\n",
    "exact",
  ],
  ["gutters in newText only", "a\nb\nc\n", "a\nb", "1 | a\n2 | B", "a\nB\nc\n", "exact"],
  ["lone trailing CR in both texts", "a\nb\n", "a\r", "A\r", "A\nb\n", "exact"],
  // Deleting a line quoted without its indentation (or trailing space) deletes the whole line.
  [
    "delete a line quoted without indentation",
    "if a:\n    x = 1\n    y = 2\n",
    "x = 1",
    "",
    "if a:\n    y = 2\n",
    "exact",
  ],
  [
    "delete a line quoted one level short",
    "if a:\n        x = 1\n        y\n",
    "    x = 1",
    "",
    "if a:\n        y\n",
    "exact",
  ],
  ["delete with trailing space in file", "a\nb  \nc\n", "b", "", "a\nc\n", "exact"],
  // One line break too many at the end of the file: the final newline survives.
  ["old has an extra line break at EOF", "a\nb\n", "b\n\n", "B\n", "a\nB\n", "exact"],
  // Indentation drifted line by line: an in-place edit takes each replaced line's file indentation.
  [
    "drifted quote, line rewritten in place",
    "f() {\n  a();\n  b();\n  c();\n}\n",
    "  a();\n    b();\n    c();",
    "  a();\n    b();\n    c(1);",
    "f() {\n  a();\n  b();\n  c(1);\n}\n",
    "indentation",
  ],
  [
    "drifted quote, line deleted",
    "f() {\n  a();\n  b();\n  c();\n}\n",
    "  a();\n    b();\n    c();",
    "  a();\n    c();",
    "f() {\n  a();\n  c();\n}\n",
    "indentation",
  ],
  // Gutters copied from a read name the line among equal ones.
  [
    "gutter number picks among twins",
    "f() {\n  x = 1;\n}\ng() {\n  x = 1;\n}\n",
    "5 |   x = 1;",
    "5 |   x = 2;",
    "f() {\n  x = 1;\n}\ng() {\n  x = 2;\n}\n",
    "line-numbers",
  ],
  // A fuzzy twin whose naming lines differ and that holds fewer verbatim lines is no rival.
  [
    "fuzzy: misquoted kept line, twin method below",
    [
      "void put(int v) {",
      "  if (v < 0) {",
      '    fail("v");',
      "  }",
      "  sum += v;",
      "}",
      "void take(int v) {",
      "  if (v < 0) {",
      '    fail("v");',
      "  }",
      "  sum -= v;",
      "}",
      "",
    ].join("\n"),
    'void put(int v) {\n  if (v < 0) {\n    fail("bad v");\n  }\n  sum += v;',
    'void put(int v) {\n  if (v < 0) {\n    fail("bad v");\n  }\n  sum += v;\n  log(v);',
    [
      "void put(int v) {",
      "  if (v < 0) {",
      '    fail("v");',
      "  }",
      "  sum += v;",
      "  log(v);",
      "}",
      "void take(int v) {",
      "  if (v < 0) {",
      '    fail("v");',
      "  }",
      "  sum -= v;",
      "}",
      "",
    ].join("\n"),
    "fuzzy",
  ],
];

/** [what, file content, oldText, newText, expected reason] */
const refusals: Array<[string, string, string, string, string]> = [
  [
    "a gutter number at neither twin stays ambiguous",
    "f() {\n  x = 1;\n}\ng() {\n  x = 1;\n}\n",
    "4 |   x = 1;",
    "4 |   x = 2;",
    "ambiguous",
  ],
  [
    "drifted quote with an added line is refused",
    "f() {\n  a();\n  b();\n  c();\n}\n",
    "  a();\n    b();\n    c();",
    "  a();\n    b();\n    log();\n    c();",
    "not_found",
  ],
  [
    "drifted quote whose rewrite changes depth is refused",
    "f() {\n  a();\n  b();\n  c();\n}\n",
    "  a();\n    b();\n    c();",
    "  a();\n    b();\n      c();",
    "not_found",
  ],
  [
    "fuzzy: a misquoted line glued in from a twin place is refused",
    "def sub(items):\n    total = 0\n    for i in items:\n        total += i\n    return total\n\n\ndef tax(items):\n    total = 0\n    for i in items:\n        total += i\n    return total * r\n\n\nclass Cart:\n    pass\n",
    "        total += i\n    return total\n\n\nclass Cart:",
    "        total += i * 2\n    return total\n\n\nclass Cart:",
    "not_found",
  ],
  ["two whole-line occurrences stay ambiguous", "x = 1\ny\n  x = 1\n", "x = 1", "x = 2", "ambiguous"],
  [
    "spacing: a changed line that was misquoted",
    "\tA    int // id\n\tB    int\n",
    "\tA int // ids",
    "\tA int64 // ids",
    "not_found",
  ],
  [
    "fenced newText kept literal when the file has fences",
    "# T\n\n```sh\nls\n```\n\ntext\n",
    "text",
    "```sh\npwd\n```",
    "ok",
  ],
  [
    "numbered-looking newText kept when the file has such lines",
    "codes:\n  1: a\n  2: b\nx: 1\n",
    "x: 1",
    "1: a\n2: b",
    "ok",
  ],
];

describe("hardening: replaceAll", () => {
  it("drops stale trailing whitespace after every changed whole-line occurrence", () => {
    const r = applyEdit("  go() \nx\n  go()\n", "  go()", "  run()", { replaceAll: true });
    if (!r.ok) expect.fail(r.message);
    expect(JSON.stringify(r.content)).toBe(JSON.stringify("  run()\nx\n  run()\n"));
  });
});

describe("hardening: applies", () => {
  it.each(applies)("%s", (_what, content, oldText, newText, want, strategy) => {
    const r = applyEdit(content, oldText, newText);
    if (!r.ok) expect.fail(`refused (${r.reason}): ${r.message}`);
    expect(JSON.stringify(r.content)).toBe(JSON.stringify(want));
    expect(r.strategy).toBe(strategy);
  });
});

describe("hardening: refusals and literal keeps", () => {
  it.each(refusals)("%s", (_what, content, oldText, newText, reason) => {
    const r = applyEdit(content, oldText, newText);
    if (reason === "ok") {
      if (!r.ok) expect.fail(r.message);
      expect(r.content).toContain(newText.split("\n")[0]);
      return;
    }
    if (r.ok) expect.fail(`applied (${r.strategy}):\n${r.content}`);
    expect(r.reason).toBe(reason);
  });
});

describe("hardening: refusal messages show the closest lines", () => {
  const handlers = ['audit("create", id);', "x();", 'audit("update", id);', "y();", 'audit("delete", id);', ""].join(
    "\n",
  );

  it("lists every nearly-as-close line, with its number", () => {
    const r = applyEdit(handlers, 'audit("remove", id);', 'audit("remove", id, user);');
    if (r.ok) expect.fail("applied");
    for (const n of ["1 | ", "3 | ", "5 | "]) expect(r.message).toContain(n);
  });

  it("says where a quoted line really is when the model glued two places", () => {
    const content = "a();\nreturn 201;\n}\nb();\nc();\nd();\ne();\nf();\nreturn 204;\n}\n";
    const r = applyEdit(content, "return 201;\nreturn 204;", "return 201;\nreturn 200;");
    if (r.ok) expect.fail("applied");
    expect(r.message).toContain("2 | return 201;");
    expect(r.message).toContain("9 | return 204;");
  });

  it("says when oldText carries escaped line breaks", () => {
    const r = applyEdit("def a():\n    x = 1\n", "def a():\\n    x = 1", "def a():\\n    x = 2");
    if (r.ok) expect.fail("applied");
    expect(r.message).toContain("Send real line breaks");
    expect(r.message).toContain("1 | def a():");
  });

  it("says when oldText occurs only inside longer words", () => {
    const r = applyEdit("alpha\nbeta\n", "a", "A");
    if (r.ok) expect.fail("applied");
    expect(r.message).toContain("only inside longer words");
    expect(r.message).toContain("1 | alpha");
  });
});
