/**
 * Loading and validating tasks: every `bench/tasks/<suite>/<id>/task.yaml` is parsed and checked against the shared
 * contract. Mistakes come back as diagnostics (file, what was wrong, what to do), never as exceptions.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { LANGUAGES, SUITES, type Language, type ReferenceStep, type Suite, type TaskDef } from "./types.js";

export interface TaskDiagnostic {
  file: string;
  message: string;
}

export interface LoadedTasks {
  tasks: TaskDef[];
  diagnostics: TaskDiagnostic[];
}

/** The package root (the folder with SmallCode's package.json), from source or from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name":\s*"smallcode"/.test(readFileSync(pkg, "utf8"))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(dirname(fileURLToPath(import.meta.url)), "../..");
    dir = up;
  }
}

export function defaultTasksDir(): string {
  return join(packageRoot(), "bench", "tasks");
}

type Raw = Record<string, unknown>;

function isRecord(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
}

function checkReference(raw: unknown, problems: string[]): ReferenceStep[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push("`reference` must be a non-empty list of steps ({ tool, args } or { say }).");
    return [];
  }
  const steps: ReferenceStep[] = [];
  raw.forEach((step, i) => {
    if (isRecord(step) && typeof step["say"] === "string") steps.push({ say: step["say"] });
    else if (isRecord(step) && typeof step["tool"] === "string" && isRecord(step["args"]))
      steps.push({ tool: step["tool"], args: step["args"] });
    else problems.push(`reference[${i}] must be { tool: NAME, args: {…} } or { say: "…" }.`);
  });
  const last = steps[steps.length - 1];
  if (last && !("say" in last)) problems.push("The last reference step must be { say: … } (the final answer).");
  return steps;
}

/** Checks one parsed task.yaml; returns the task or the problems found. */
export function validateTask(raw: unknown, dir: string, suiteFolder: string): TaskDef | string[] {
  if (!isRecord(raw)) return ["task.yaml must be a mapping (id:, suite:, language:, prompt:, …)."];
  const p: string[] = [];
  const str = (key: string): string => {
    const v = raw[key];
    if (typeof v === "string" && v.trim() !== "") return v;
    p.push(`\`${key}\` is missing or not a non-empty string.`);
    return "";
  };
  const id = str("id");
  if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) p.push(`\`id\` "${id}" must be kebab-case (a-z, 0-9, -).`);
  const suite = str("suite");
  if (suite && !SUITES.includes(suite as Suite)) p.push(`\`suite\` "${suite}" must be one of ${SUITES.join(", ")}.`);
  if (suite && suite !== suiteFolder)
    p.push(`\`suite\` is "${suite}" but the task sits in bench/tasks/${suiteFolder}/.`);
  const language = str("language");
  if (language && !LANGUAGES.includes(language as Language))
    p.push(`\`language\` "${language}" must be one of ${LANGUAGES.join(", ")}.`);
  const prompt = str("prompt");
  const verify = str("verify");
  const tags = raw["tags"] === undefined ? [] : stringList(raw["tags"]);
  if (!tags) p.push("`tags` must be a list of strings.");
  const prot = raw["protected"] === undefined ? [] : stringList(raw["protected"]);
  if (!prot) p.push('`protected` must be a list of globs, e.g. ["test/**"].');
  const limits = raw["limits"];
  const maxTurns = isRecord(limits) ? limits["max_turns"] : undefined;
  const timeout = isRecord(limits) ? limits["timeout_s"] : undefined;
  if (typeof maxTurns !== "number" || maxTurns < 1 || typeof timeout !== "number" || timeout < 1)
    p.push("`limits` must be { max_turns: N, timeout_s: N } with positive numbers.");
  const reference = checkReference(raw["reference"], p);
  const repoDir = join(dir, "repo");
  if (!existsSync(repoDir) || !statSync(repoDir).isDirectory())
    p.push("The task has no repo/ folder beside task.yaml.");
  if (p.length > 0) return p;
  return {
    id,
    suite: suite as Suite,
    language: language as Language,
    tags: tags ?? [],
    prompt,
    limits: { max_turns: maxTurns as number, timeout_s: timeout as number },
    verify,
    protected: prot ?? [],
    reference,
    dir,
    repoDir,
  };
}

function loadOne(dir: string, suiteFolder: string, out: LoadedTasks): void {
  const file = join(dir, "task.yaml");
  if (!existsSync(file)) {
    out.diagnostics.push({ file: dir, message: "No task.yaml in this task folder; add one or remove the folder." });
    return;
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
    out.diagnostics.push({ file, message: `Not valid YAML: ${msg}` });
    return;
  }
  const task = validateTask(raw, dir, suiteFolder);
  if (Array.isArray(task)) for (const message of task) out.diagnostics.push({ file, message });
  else out.tasks.push(task);
}

/** Loads every task of the given suites (all when empty), sorted by suite then id; ids must be unique. */
export function loadTasks(root: string = defaultTasksDir(), suites: readonly Suite[] = SUITES): LoadedTasks {
  const out: LoadedTasks = { tasks: [], diagnostics: [] };
  if (!existsSync(root)) {
    out.diagnostics.push({ file: root, message: "The tasks folder does not exist." });
    return out;
  }
  for (const suite of suites) {
    const suiteDir = join(root, suite);
    if (!existsSync(suiteDir)) continue;
    for (const name of readdirSync(suiteDir).sort()) {
      const dir = join(suiteDir, name);
      if (statSync(dir).isDirectory()) loadOne(dir, suite, out);
    }
  }
  const seen = new Map<string, string>();
  for (const t of out.tasks) {
    const other = seen.get(t.id);
    if (other)
      out.diagnostics.push({ file: join(t.dir, "task.yaml"), message: `Duplicate id "${t.id}" (also ${other}).` });
    seen.set(t.id, t.dir);
  }
  return out;
}

/** Keeps the named tasks, in the order given; unknown ids come back with the closest known ids. */
export function selectTasks(
  tasks: readonly TaskDef[],
  ids: readonly string[],
): { tasks: TaskDef[]; unknown: string[] } {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const chosen: TaskDef[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const t = byId.get(id);
    if (t) chosen.push(t);
    else unknown.push(id);
  }
  return { tasks: chosen, unknown };
}
