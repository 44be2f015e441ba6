/**
 * The marrowc build driver: plan (which sources, which output) → compile (front end) → emit (ts-morph) → format
 * (prettier) → transpile (team builds) → compare or write. Returns data; the CLI decides what to print.
 * Never throws on user mistakes; file-system failures come back as `{ error }`.
 */
import { compile, type SourceFile } from "./program.js";
import { hasErrors, type Diagnostic } from "./diagnostics/index.js";
import { emit, formatFiles, PACKAGE_RUNTIME, REPO_RUNTIME } from "./emit/index.js";
import { planBuild, type BuildPlan, type PlanOptions } from "./build-sources.js";
import { transpileFiles } from "./build-transpile.js";
import { compareOutput, writeOutput, type StaleReport, type WriteReport } from "./build-write.js";

/** The phases of a build, in order. */
export enum BuildPhase {
  Planned = "plan",
  Compiled = "compile",
  Emitted = "emit",
  Formatted = "format",
  Transpiled = "transpile",
  Written = "write",
}

export type PhaseTimings = Partial<Record<BuildPhase, number>>;

export interface RenderedBuild {
  /** Output file name → content; undefined when diagnostics stopped the build. */
  files?: Map<string, string>;
  diagnostics: Diagnostic[];
  /** Every source read (for rendering diagnostics). */
  sources: SourceFile[];
  timings: PhaseTimings;
}

/** Compiles and renders a plan entirely in memory. */
export async function renderBuild(plan: BuildPlan): Promise<RenderedBuild> {
  const timings: PhaseTimings = {};
  let t = performance.now();
  const lap = (phase: BuildPhase): void => {
    const now = performance.now();
    timings[phase] = now - t;
    t = now;
  };
  const compiled = compile(plan.sources);
  lap(BuildPhase.Compiled);
  if (hasErrors(compiled.diagnostics)) return { diagnostics: compiled.diagnostics, sources: compiled.sources, timings };
  const emitted = emit(compiled.program, { runtime: plan.language === "ts" ? REPO_RUNTIME : PACKAGE_RUNTIME });
  lap(BuildPhase.Emitted);
  const diagnostics = [...compiled.diagnostics, ...emitted.diagnostics];
  if (hasErrors(emitted.diagnostics)) return { diagnostics, sources: compiled.sources, timings };
  let files = await formatFiles(emitted.files);
  lap(BuildPhase.Formatted);
  if (plan.language === "js") {
    files = transpileFiles(files);
    lap(BuildPhase.Transpiled);
  }
  return { files, diagnostics, sources: compiled.sources, timings };
}

export interface BuildOptions extends PlanOptions {
  /** Compare with the output directory instead of writing. */
  check?: boolean;
}

export type BuildOutcome =
  | { kind: "error"; message: string }
  | { kind: "diagnostics"; plan: BuildPlan; rendered: RenderedBuild }
  | { kind: "checked"; plan: BuildPlan; rendered: RenderedBuild; stale: StaleReport }
  | { kind: "written"; plan: BuildPlan; rendered: RenderedBuild; write: WriteReport };

export async function build(cwd: string, options: BuildOptions = {}): Promise<BuildOutcome> {
  try {
    const plan = await planBuild(cwd, options);
    if ("error" in plan) return { kind: "error", message: plan.error };
    const rendered = await renderBuild(plan);
    if (!rendered.files) return { kind: "diagnostics", plan, rendered };
    const started = performance.now();
    if (options.check) {
      const stale = await compareOutput(plan.outDir, rendered.files);
      return { kind: "checked", plan, rendered, stale };
    }
    const write = await writeOutput(plan.outDir, rendered.files);
    rendered.timings[BuildPhase.Written] = performance.now() - started;
    return { kind: "written", plan, rendered, write };
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

/** Compiles files for `marrowc check`: diagnostics only, emit included (MS3xxx), nothing written. */
export function checkSources(
  sources: SourceFile[],
  resolveImport?: (from: string, spec: string) => SourceFile | undefined,
): { diagnostics: Diagnostic[]; sources: SourceFile[] } {
  const compiled = compile(sources, resolveImport ? { resolveImport } : {});
  if (hasErrors(compiled.diagnostics)) return compiled;
  const emitted = emit(compiled.program);
  return { diagnostics: [...compiled.diagnostics, ...emitted.diagnostics], sources: compiled.sources };
}
