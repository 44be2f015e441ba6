/**
 * One measured `marrowc build` of the built-in agent, phase by phase: load (importing the compiler), lex/parse (with
 * imports and merging), check, emit (ts-morph), prettier, write (into a temp directory, never generated/).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PHASES = ["load", "parse", "check", "emit", "prettier", "write", "total"] as const;
export type Phase = (typeof PHASES)[number];
export type Timings = Record<Phase, number>;

export async function measureBuild(packageDir: string): Promise<Timings> {
  const t0 = performance.now();
  const [{ planBuild }, { loadFiles }, { mergeFiles }, { check }, { emit, formatFiles }, { writeOutput }] =
    await Promise.all([
      import("../../compiler/build-sources.js"),
      import("../../compiler/imports.js"),
      import("../../compiler/merge.js"),
      import("../../compiler/checker/check.js"),
      import("../../compiler/emit/index.js"),
      import("../../compiler/build-write.js"),
    ]);
  const t1 = performance.now();
  const plan = await planBuild(packageDir, { packageDir });
  if ("error" in plan) throw new Error(plan.error);
  // The same steps as compile() in compiler/program.ts, timed one by one.
  const loaded = loadFiles(plan.sources);
  const merged = mergeFiles(loaded.files);
  const program = { kind: "Program" as const, files: loaded.files, declarations: merged.declarations };
  const t2 = performance.now();
  const diagnostics = [...loaded.diagnostics, ...merged.diagnostics, ...check(program)];
  const t3 = performance.now();
  const emitted = emit(program);
  const t4 = performance.now();
  const files = await formatFiles(emitted.files);
  const t5 = performance.now();
  const out = await mkdtemp(join(tmpdir(), "bench-marrowc-"));
  await writeOutput(out, files);
  const t6 = performance.now();
  await rm(out, { recursive: true, force: true });
  if (diagnostics.length + emitted.diagnostics.length > 0) throw new Error("the built-in sources have diagnostics");
  return {
    load: t1 - t0,
    parse: t2 - t1,
    check: t3 - t2,
    emit: t4 - t3,
    prettier: t5 - t4,
    write: t6 - t5,
    total: t6 - t0,
  };
}
