/** What project detection finds at a repository's root. */

export type ProjectKind = "node" | "python" | "rust" | "go" | "java" | "make" | "unknown";

export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

export type JavaBuild = "maven" | "gradle";

/** The commands that check a change, by what they do. Each is a shell command run at the project root. */
export interface ProjectCommands {
  lint?: string;
  build?: string;
  test?: string;
}

export interface ProjectInfo {
  /** The repository root that was inspected. */
  root: string;
  /** The main kind: the first of node, python, rust, go, java found; `make` when only a Makefile is there. */
  kind: ProjectKind;
  /** Every kind whose marker files are present (a Node project with a Makefile lists both). */
  kinds: ProjectKind[];
  packageManager?: PackageManager;
  javaBuild?: JavaBuild;
  /** Python: the test runner the commands use. */
  pythonTests?: "pytest" | "unittest";
  /** package.json scripts (Node), by name. */
  scripts?: Readonly<Record<string, string>>;
  commands: ProjectCommands;
  /** The files that decided each finding, e.g. "pnpm-lock.yaml", "package.json#scripts.test" — for the summary. */
  evidence: string[];
}

/** Project instructions read from the repository (AGENTS.md, else CLAUDE.md). */
export interface ProjectInstructions {
  file: string;
  text: string;
  /** True when the file was longer than the cap and was cut. */
  truncated: boolean;
}
