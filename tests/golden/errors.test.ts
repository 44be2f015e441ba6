/**
 * Golden error cases: tests/golden/err-<what>/input.marrow → expected.errors.txt (the rendered diagnostics, no
 * colour). A missing expectation fails; `UPDATE_GOLDEN=1` rewrites them (review the diff). Imports resolve inside the
 * case folder. Cases whose expectation holds MS3xxx (emit) codes belong to the emitter's golden runner.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEMANTIC_CODES, SYNTAX_CODES } from "../../compiler/diagnostics/index.js";
import { joinImportPath } from "../../compiler/imports.js";
import { compile, renderDiagnostics, type SourceFile } from "../../compiler/program.js";

const root = join(import.meta.dirname, ".");
const update = process.env["UPDATE_GOLDEN"] === "1";

function isEmitCase(dir: string): boolean {
  const expected = join(dir, "expected.errors.txt");
  return existsSync(expected) && /error\[MS3\d{3}\]/.test(readFileSync(expected, "utf8"));
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith("err-") && existsSync(join(root, d.name, "input.marrow")))
  .map((d) => d.name)
  .filter((name) => !isEmitCase(join(root, name)))
  .sort();

function run(name: string): { text: string; codes: string[] } {
  const dir = join(root, name);
  const read = (path: string): SourceFile | undefined => {
    const full = join(dir, path);
    return existsSync(full) ? { path, text: readFileSync(full, "utf8") } : undefined;
  };
  const input = read("input.marrow");
  if (input === undefined) throw new Error(`${name}: no input.marrow`);
  const result = compile([input], { resolveImport: (from, spec) => read(joinImportPath(from, spec)) });
  return { text: renderDiagnostics(result.diagnostics, result.sources), codes: result.diagnostics.map((d) => d.code) };
}

describe("golden error cases", () => {
  it("has at least 20 front-end cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    it(name, () => {
      const { text } = run(name);
      expect(text, "an error case must produce diagnostics").not.toBe("");
      const expectedPath = join(root, name, "expected.errors.txt");
      if (update) writeFileSync(expectedPath, text);
      expect(existsSync(expectedPath), `missing ${expectedPath}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(text).toBe(readFileSync(expectedPath, "utf8"));
    });
  }

  it("covers every MS1xxx and MS2xxx code (except MS2000, the internal-error guard)", () => {
    const seen = new Set(cases.flatMap((name) => run(name).codes));
    const all = [...Object.keys(SYNTAX_CODES), ...Object.keys(SEMANTIC_CODES)].filter((c) => c !== "MS2000");
    expect(all.filter((code) => !seen.has(code))).toEqual([]);
  });
});
