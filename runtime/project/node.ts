/** Node projects: the package manager (lockfile, else the `packageManager` field) and package.json scripts. */
import { exists, readJson } from "./files.js";
import type { PackageManager, ProjectCommands } from "./types.js";

const LOCKFILES: ReadonlyArray<[file: string, manager: PackageManager]> = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lockb", "bun"],
  ["bun.lock", "bun"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

/** npm's placeholder test script, which only fails. */
const PLACEHOLDER_TEST = /no test specified/;

export interface NodeFindings {
  packageManager: PackageManager;
  scripts: Record<string, string>;
  commands: ProjectCommands;
  evidence: string[];
}

function scriptsOf(pkg: Record<string, unknown>): Record<string, string> {
  const raw = pkg["scripts"];
  const out: Record<string, string> = {};
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string" && v.trim() !== "") out[k] = v;
  }
  return out;
}

function managerOf(root: string, pkg: Record<string, unknown>): { manager: PackageManager; evidence: string } {
  for (const [file, manager] of LOCKFILES) if (exists(root, file)) return { manager, evidence: file };
  const field = pkg["packageManager"];
  const named = typeof field === "string" ? /^(npm|pnpm|yarn|bun)@/.exec(field)?.[1] : undefined;
  if (named) return { manager: named as PackageManager, evidence: "package.json#packageManager" };
  return { manager: "npm", evidence: "package.json" };
}

/** How `manager` runs the script `name` (`npm test` and `npm run lint`, `pnpm lint`, `yarn lint`, `bun run lint`). */
export function runScript(manager: PackageManager, name: string): string {
  if (name === "test" && manager !== "bun") return `${manager} test`;
  if (manager === "npm" || manager === "bun") return `${manager} run ${name}`;
  return `${manager} ${name}`;
}

export function detectNode(root: string): NodeFindings | undefined {
  const pkg = readJson(root, "package.json");
  if (!pkg) return undefined;
  const scripts = scriptsOf(pkg);
  const { manager, evidence } = managerOf(root, pkg);
  const commands: ProjectCommands = {};
  const found = [evidence];
  const pick = (key: keyof ProjectCommands, names: string[]): void => {
    const name = names.find((n) => scripts[n] !== undefined && !(n === "test" && PLACEHOLDER_TEST.test(scripts[n])));
    if (name === undefined) return;
    commands[key] = runScript(manager, name);
    found.push(`package.json#scripts.${name}`);
  };
  pick("lint", ["lint"]);
  pick("build", ["build", "typecheck"]);
  pick("test", ["test"]);
  return { packageManager: manager, scripts, commands, evidence: found };
}
