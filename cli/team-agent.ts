/**
 * Loading the declarations an agent runs with: a team's build in `<repo>/.smallcode/generated/` when there is one,
 * else the built-in `generated/` of the package.
 *
 * A team build is plain JavaScript that imports the runtime from the bare specifier "smallcode". A user's repository
 * cannot be relied on to resolve that (a global install is not on its module path), so the loader copies the build to
 * a private temporary directory with "smallcode" rewritten to the file URL of this very installation's entry point,
 * and imports it from there. The committed files stay machine-independent; the absolute path exists only at run time.
 * Only a build that is what marrowc makes from the repository's own .smallcode/marrow/ is imported (team-trust.ts).
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AgentSpec, GuardSpec } from "../runtime/agent/spec.js";
import type { BudgetSpec } from "../runtime/context/types.js";
import type { EvaluationSpec, ModelSpec, PromptFunction, RouterSpec } from "../runtime/prompt/index.js";
import type { ToolSpec } from "../runtime/tools/types.js";
import type { z } from "zod";
import { verifyTeamBuild } from "./team-trust.js";

/** Everything a build declares, as the generated index exports it. */
export interface AgentDeclarations {
  models: Readonly<Record<string, ModelSpec>>;
  routers: Readonly<Record<string, RouterSpec>>;
  tools: readonly ToolSpec[];
  toolArgs: Readonly<Record<string, z.ZodType>>;
  prompts: Readonly<Record<string, PromptFunction>>;
  evaluations: Readonly<Record<string, EvaluationSpec>>;
  guards: readonly GuardSpec[];
  budgets: Readonly<Record<string, BudgetSpec>>;
  agents: Readonly<Record<string, AgentSpec>>;
}

export interface LoadedAgent {
  /** Where the declarations came from. */
  origin: "team" | "builtin";
  /** The team build's directory, for a team build. */
  dir?: string;
  declarations: AgentDeclarations;
  /** The agent to run: `smallcode` when declared, else the first one. */
  agent: AgentSpec;
}

export type LoadAgentResult = { ok: true; value: LoadedAgent } | { ok: false; error: string };

export const TEAM_BUILD_DIR = join(".smallcode", "generated");
const EXT = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

/** The package entry the team build's "smallcode" imports are pointed at. */
export function runtimeEntryUrl(): string {
  return new URL(`../index${EXT}`, import.meta.url).href;
}

export async function loadTeamAgent(cwd: string): Promise<LoadAgentResult> {
  const dir = join(cwd, TEAM_BUILD_DIR);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".js")).sort();
  try {
    if (!files.includes("index.js")) {
      const builtin = (await import(new URL(`../generated/index${EXT}`, import.meta.url).href)) as AgentDeclarations;
      return finish("builtin", builtin);
    }
    const texts = await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), "utf8")] as const));
    const trust = await verifyTeamBuild(cwd, texts);
    if (!trust.ok) return { ok: false, error: trust.error };
    const staged = await stageTeamBuild(texts);
    const team = (await import(pathToFileURL(join(staged, "index.js")).href)) as AgentDeclarations;
    return finish("team", team, dir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: `could not load ${files.length > 0 ? dir : "the built-in declarations"}: ${message}. Run \`marrowc build\` in ${cwd} to regenerate it.`,
    };
  }
}

function finish(origin: "team" | "builtin", declarations: AgentDeclarations, dir?: string): LoadAgentResult {
  const agents = declarations.agents ?? {};
  const agent = agents["smallcode"] ?? Object.values(agents)[0];
  if (!agent)
    return { ok: false, error: `the ${origin} build declares no agent; declare one in marrow (agent smallcode { … })` };
  const value: LoadedAgent = { origin, declarations, agent };
  if (dir !== undefined) value.dir = dir;
  return { ok: true, value };
}

/** Copies the build into a content-addressed temp directory, with the runtime import pointed at this installation. */
async function stageTeamBuild(texts: ReadonlyArray<readonly [string, string]>): Promise<string> {
  const entry = runtimeEntryUrl();
  const hash = createHash("sha256").update(entry);
  for (const [name, text] of texts) hash.update(name).update("\0").update(text).update("\0");
  const staged = join(tmpdir(), "smallcode-team-" + hash.digest("hex").slice(0, 16));
  await mkdir(staged, { recursive: true });
  await writeFile(join(staged, "package.json"), '{ "type": "module" }\n');
  for (const [name, text] of texts) {
    const rewritten = text.replace(
      /(from\s*|import\s*\(\s*)(["'])smallcode\2/g,
      (_m, head: string, q: string) => `${head}${q}${entry}${q}`,
    );
    await writeFile(join(staged, name), rewritten);
  }
  return staged;
}
