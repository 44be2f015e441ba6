/**
 * The marrowc front-end driver: sources → parsed files (imports followed) → merged program → checked. Never throws:
 * every problem, including an internal one, comes back as a diagnostic. Checking is skipped when parsing failed
 * (a partial tree would only produce confusing follow-on errors).
 */
import type { Program } from "./ast.js";
import { check } from "./checker/check.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { createDiagnostic, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { type ImportResolver, loadFiles, type SourceFile } from "./imports.js";
import { mergeFiles } from "./merge.js";
import { Phase } from "./phase.js";

export type { SourceFile, ImportResolver } from "./imports.js";
export { renderDiagnostics, diagnosticsToJson } from "./diagnostics/render.js";
export { Phase } from "./phase.js";

export interface CompileOptions {
  /** Resolve `import "spec"` written in file `from`. Default: look the path up among the given sources. */
  resolveImport?: ImportResolver;
}

export interface CompileResult {
  /** The merged declarations, in order (later files override earlier ones; `extend`s merged). */
  program: Program;
  /** Sorted by file, then position. */
  diagnostics: Diagnostic[];
  /** Every source read, including imported files, for rendering diagnostics. */
  sources: SourceFile[];
  /** The last phase completed: `Parsed` when syntax errors stopped checking, else `Checked`. */
  phase: Phase;
  /** Milliseconds per front-end phase (for bench/compiler; never part of any output). */
  timings: { parse: number; bind: number; check: number };
}

export function compile(sources: SourceFile[], options: CompileOptions = {}): CompileResult {
  const empty: Program = { kind: "Program", files: [], declarations: [] };
  const timings = { parse: 0, bind: 0, check: 0 };
  try {
    let start = performance.now();
    const loaded = loadFiles(sources, options.resolveImport);
    timings.parse = performance.now() - start;
    start = performance.now();
    const merged = mergeFiles(loaded.files);
    const program: Program = { kind: "Program", files: loaded.files, declarations: merged.declarations };
    timings.bind = performance.now() - start;
    const diagnostics = [...loaded.diagnostics, ...merged.diagnostics];
    if (loaded.hasSyntaxErrors) {
      return {
        program,
        diagnostics: sortDiagnostics(diagnostics),
        sources: loaded.sources,
        phase: Phase.Parsed,
        timings,
      };
    }
    start = performance.now();
    diagnostics.push(...check(program));
    timings.check = performance.now() - start;
    return {
      program,
      diagnostics: sortDiagnostics(diagnostics),
      sources: loaded.sources,
      phase: Phase.Checked,
      timings,
    };
  } catch (error) {
    // A bug in marrowc, not in the user's file: still never throw, but say so plainly.
    const message = error instanceof Error ? error.message : String(error);
    const file = sources[0]?.path ?? "<input>";
    const span = { file, line: 1, column: 1, length: 0, offset: 0 };
    const internal = createDiagnostic("MS2000", span, { detail: message });
    return { program: empty, diagnostics: [internal], sources: [...sources], phase: Phase.Lexed, timings };
  }
}
