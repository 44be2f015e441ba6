import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDiagnostic } from "../../compiler/diagnostics/index.js";
import { compile, renderDiagnostics } from "../../compiler/program.js";
import { LineMap } from "../../compiler/span.js";

describe("spans", () => {
  it("maps offsets to 1-based lines and columns for \\n, \\r\\n and \\r line breaks", () => {
    const lines = new LineMap("f", "ab\ncd\r\nef\rgh");
    expect([0, 3, 7, 10, 11].map((o) => lines.position(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
  });

  it("clamps spans into the file", () => {
    const lines = new LineMap("f", "abc");
    expect(lines.span(2, 99)).toMatchObject({ offset: 2, length: 1 });
    expect(lines.span(Number.NaN, Number.NaN)).toMatchObject({ offset: 3, length: 0 });
    expect(lines.span(-5, 1)).toMatchObject({ offset: 0, length: 1, line: 1, column: 1 });
  });

  it("gives the same diagnostics for a file with Windows line endings", () => {
    const text = 'model Local {\n  provider: openai_compat\n  nme: "x"\n}\n';
    const unix = compile([{ path: "a", text }]).diagnostics.map((d) => [d.code, d.span.line, d.span.column]);
    const dos = compile([{ path: "a", text: text.replace(/\n/g, "\r\n") }]).diagnostics;
    expect(dos.map((d) => [d.code, d.span.line, d.span.column])).toEqual(unix);
  });

  it("parses the sketch with CRLF line endings cleanly", () => {
    const sketch = readFileSync(join(import.meta.dirname, "fixtures", "sketch.marrow"), "utf8").replace(/\n/g, "\r\n");
    const tools = readFileSync(join(import.meta.dirname, "fixtures", "tools.marrow"), "utf8");
    const result = compile([
      { path: "tools.marrow", text: tools },
      { path: "sketch.marrow", text: sketch },
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe("renderDiagnostics edge cases", () => {
  it("underlines a span that runs past its line only up to the line's end, and shows tabs as spaces", () => {
    const text = "model A {\n\tx: 1\n}";
    const d = createDiagnostic(
      "MS2003",
      new LineMap("f", text).span(11, text.length),
      { name: "x", where: "model 'A'" },
      null,
    );
    expect(renderDiagnostics([d], [{ path: "f", text }])).toBe(
      "f:2:2: error[MS2003]: Unknown field 'x' in model 'A'.\n  2 |  x: 1\n    |  ~~~~\n\n1 error\n",
    );
  });

  it("omits the source line when the file is unknown, and says nothing for no diagnostics", () => {
    const d = createDiagnostic("MS2015", { file: "g", line: 1, column: 1, length: 0, offset: 0 }, { path: "./x" });
    expect(renderDiagnostics([d], [])).toBe(
      "g:1:1: error[MS2015]: Cannot find imported file './x'.\n  hint: Paths are relative to the importing file.\n\n1 error\n",
    );
    expect(renderDiagnostics([], [])).toBe("");
  });
});
