/**
 * Where a build's sources come from and where its output goes:
 * - in the SmallCode package itself: `marrow/*.marrow` → `generated/` (TypeScript, importing ../runtime);
 * - in a user's repository with `.smallcode/marrow/*.marrow`: the package's built-in `marrow/` files first, then the
 *   team's files (later declarations override earlier ones) → `.smallcode/generated/` (JavaScript + .d.ts).
 * Source paths are recorded relative (`marrow/tools.marrow`, `.smallcode/marrow/team.marrow`) so output never holds
 * an absolute path; built-ins seen from a user's repository are named `smallcode/marrow/<file>`.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceFile } from "./program.js";

export type BuildMode = "package" | "team";

export interface BuildPlan {
  mode: BuildMode;
  /** The directory paths are shown relative to. */
  root: string;
  sources: SourceFile[];
  /** Absolute output directory. */
  outDir: string;
  /** TypeScript sources (package) or JavaScript plus declarations (team). */
  language: "ts" | "js";
}

export const TEAM_MARROW_DIR = join(".smallcode", "marrow");
export const TEAM_OUT_DIR = join(".smallcode", "generated");
/** How built-in sources are named in a team build. */
export const BUILTIN_PREFIX = "smallcode/marrow/";

/** The installed package's root: the nearest directory above this module with a package.json named smallcode. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "smallcode") return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return resolve(from, "..");
    dir = parent;
  }
}

export async function listMarrowFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((f) => f.endsWith(".marrow")).sort();
}

async function readSources(dir: string, names: readonly string[], prefix: string): Promise<SourceFile[]> {
  return Promise.all(
    names.map(async (name) => ({ path: prefix + name, text: await readFile(join(dir, name), "utf8") })),
  );
}

export interface PlanOptions {
  /** Output directory (relative to cwd), overriding the mode's default. */
  out?: string;
  /** The package root to take built-ins from (default: this installation's). */
  packageDir?: string;
}

/** Decides what `marrowc build` in `cwd` compiles; an error string when there is nothing to build. */
export async function planBuild(cwd: string, options: PlanOptions = {}): Promise<BuildPlan | { error: string }> {
  const pkg = options.packageDir ?? packageRoot();
  const builtinDir = join(pkg, "marrow");
  const builtins = await listMarrowFiles(builtinDir);
  const teamDir = join(cwd, TEAM_MARROW_DIR);
  const team = await listMarrowFiles(teamDir);
  if (team.length > 0) {
    const sources = [
      ...(await readSources(builtinDir, builtins, BUILTIN_PREFIX)),
      ...(await readSources(teamDir, team, TEAM_MARROW_DIR.replaceAll("\\", "/") + "/")),
    ];
    return { mode: "team", root: cwd, sources, outDir: resolve(cwd, options.out ?? TEAM_OUT_DIR), language: "js" };
  }
  if (sameDir(cwd, pkg) && builtins.length > 0) {
    const sources = await readSources(builtinDir, builtins, "marrow/");
    return { mode: "package", root: pkg, sources, outDir: resolve(cwd, options.out ?? "generated"), language: "ts" };
  }
  return {
    error:
      `nothing to build in ${cwd}: no ${TEAM_MARROW_DIR}/*.marrow files here.` +
      ` Put your team's declarations in ${TEAM_MARROW_DIR}/ (see docs/marrowc.md), or run marrowc check FILE… to check files.`,
  };
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return relative(resolve(a), resolve(b)) === "";
  }
}

/** Reads the files named on the command line (paths shown as given); missing files come back in `missing`. */
export async function readNamedFiles(
  cwd: string,
  paths: readonly string[],
): Promise<{ sources: SourceFile[]; missing: string[] }> {
  const sources: SourceFile[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    try {
      sources.push({ path, text: await readFile(resolve(cwd, path), "utf8") });
    } catch {
      missing.push(path);
    }
  }
  return { sources, missing };
}

/** An import resolver that reads `import "./x.marrow"` from disk, relative to the importing file. */
export function diskImportResolver(cwd: string): (from: string, spec: string) => SourceFile | undefined {
  return (from, spec) => {
    const path = join(dirname(from), spec).replaceAll("\\", "/");
    try {
      return { path, text: readFileSync(resolve(cwd, path), "utf8") };
    } catch {
      return undefined;
    }
  };
}
