import { describe, expect, it } from "vitest";
import { joinImportPath } from "../../compiler/imports.js";
import { compile } from "../../compiler/program.js";

describe("imports", () => {
  const cases: [string, string, string][] = [
    ["a.marrow", "./b.marrow", "b.marrow"],
    ["team/main.marrow", "./tools.marrow", "team/tools.marrow"],
    ["team/main.marrow", "../marrow/models.marrow", "marrow/models.marrow"],
    ["a/b/c.marrow", "../../x.marrow", "x.marrow"],
    ["a.marrow", "../up.marrow", "../up.marrow"],
    ["a/b.marrow", "/abs/c.marrow", "/abs/c.marrow"],
  ];
  for (const [from, spec, expected] of cases) {
    it(`${spec} from ${from} → ${expected}`, () => {
      expect(joinImportPath(from, spec)).toBe(expected);
    });
  }

  it("resolves among the given sources by default and imports each file once", () => {
    const model = 'model Local { provider: openai_compat, name: "x" }';
    const { program, diagnostics } = compile([
      { path: "lib/models.marrow", text: model },
      { path: "main.marrow", text: 'import "./lib/models.marrow"\nimport "lib/models.marrow"' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(program.files.map((f) => f.path)).toEqual(["lib/models.marrow", "main.marrow"]);
  });

  it("is deterministic: the same sources give the same result", () => {
    const sources = [{ path: "a.marrow", text: 'model M { provider: vllm, name: "m", nme: 1 }\nmodel M { }' }];
    expect(JSON.stringify(compile(sources).diagnostics)).toBe(JSON.stringify(compile(sources).diagnostics));
  });
});
