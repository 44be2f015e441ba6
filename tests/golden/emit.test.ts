/**
 * Golden tests of the emitter: tests/golden/emit-<case>/input.marrow → expected.ts (every generated file that holds
 * declarations, concatenated with a marker line per file). A missing expectation fails; UPDATE_GOLDEN=1 rewrites.
 * The emitted TypeScript of every case is then type-checked against the real runtime with the project's settings.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Project, ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/program.js";
import { emit, formatFiles } from "../../compiler/emit/index.js";
import { hasErrors, renderDiagnostics } from "../../compiler/diagnostics/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const update = process.env["UPDATE_GOLDEN"] === "1";
const cases = readdirSync(here)
  .filter((d) => d.startsWith("emit-") && existsSync(join(here, d, "input.marrow")))
  .sort();

const MARKER = "// ==== ";
const emitted = new Map<string, Map<string, string>>();

async function emitCase(name: string): Promise<Map<string, string>> {
  const text = readFileSync(join(here, name, "input.marrow"), "utf8");
  const compiled = compile([{ path: "input.marrow", text }]);
  if (hasErrors(compiled.diagnostics)) throw new Error(renderDiagnostics(compiled.diagnostics, compiled.sources));
  const result = emit(compiled.program);
  if (hasErrors(result.diagnostics)) throw new Error(renderDiagnostics(result.diagnostics, compiled.sources));
  return formatFiles(result.files);
}

/** The files worth reading in a golden: those generated from declarations (index.ts is always the same). */
function goldenText(files: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (const [name, text] of files) {
    if (name === "index.ts" || text.includes("(no declarations of this kind)")) continue;
    parts.push(`${MARKER}${name} ====\n${text}`);
  }
  // The project's tsc includes tests/: a concatenation of several modules cannot type-check as one file, so the
  // expectation opts out; the real files are type-checked by the last test below.
  return GOLDEN_HEADER + parts.join("\n");
}

const GOLDEN_HEADER = "// @ts-nocheck: expected emitter output, several files concatenated (type-checked in emit.test.ts)\n";

describe("emit goldens", () => {
  it("has at least 12 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", async (name) => {
    const files = await emitCase(name);
    emitted.set(name, files);
    const actual = goldenText(files);
    const expectedPath = join(here, name, "expected.ts");
    if (update) writeFileSync(expectedPath, actual);
    if (!existsSync(expectedPath)) throw new Error(`${name}: no expected.ts; run UPDATE_GOLDEN=1 and review the diff`);
    expect(actual).toBe(readFileSync(expectedPath, "utf8"));
    expect((await emitCase(name)).get("tools.ts")).toBe(files.get("tools.ts"));
  });

  it("type-checks the emitted TypeScript of every case against the runtime", async () => {
    for (const name of cases) if (!emitted.has(name)) emitted.set(name, await emitCase(name));
    const project = new Project({ tsConfigFilePath: join(repoRoot, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    const added = [];
    for (const [name, files] of emitted) {
      // Virtual files beside generated/ (never written), so "../runtime/…" resolves exactly as in generated/.
      for (const [file, text] of files) added.push(project.createSourceFile(join(repoRoot, `.golden-${name}`, file), text));
    }
    const problems = added.flatMap((sf) =>
      sf.getPreEmitDiagnostics().map((d) => `${sf.getFilePath().slice(repoRoot.length + 1)}:${d.getLineNumber() ?? 0}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, "\n")}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
