/**
 * An AgentBundle from what a build declares (generated/index or a team's .smallcode/generated/index): the loop takes
 * plain declarations, so runtime/ never imports generated/.
 */
import type { BudgetSpec } from "../context/types.js";
import type { PromptResult, PromptRuntime } from "../prompt/run-prompt.js";
import type { ModelSpec } from "../prompt/spec.js";
import type { RoutingSpec } from "../routing/types.js";
import type { ToolSpec } from "../tools/types.js";
import type { AgentSpec, GuardSpec } from "./spec.js";
import type { AgentBundle, SummarizeFn } from "./types.js";

type AnyPrompt = (params: never, runtime: PromptRuntime) => Promise<PromptResult<unknown>>;

/** The parts of a build's exports the loop reads (structural, so a team build's module fits as it is). */
export interface Declarations {
  agents: Readonly<Record<string, AgentSpec>>;
  tools: readonly ToolSpec[];
  budgets: Readonly<Record<string, BudgetSpec>>;
  guards: readonly GuardSpec[];
  models?: Readonly<Record<string, ModelSpec>>;
  prompts?: Readonly<Record<string, AnyPrompt>>;
  /** Every declared routing, by name (generated/routing.ts); the agent picks one with `routing:`. */
  routings?: Readonly<Record<string, RoutingSpec>>;
  /** A routing given directly (hand-built declarations); `routings[agent.routing]` wins. */
  routing?: RoutingSpec;
}

export const SUMMARIZE_PROMPT = "summarize_history";

export function bundleFromDeclarations(d: Declarations, source: string, agentName = "smallcode"): AgentBundle | string {
  const agent = d.agents[agentName] ?? Object.values(d.agents)[0];
  if (!agent) return `${source} declares no agent; declare one in marrow (agent ${agentName} { … }).`;
  const prompts = d.prompts ?? {};
  const summarize = prompts[SUMMARIZE_PROMPT] as SummarizeFn | undefined;
  const routing = (agent.routing !== undefined ? d.routings?.[agent.routing] : undefined) ?? d.routing;
  return {
    agent,
    tools: d.tools,
    budgets: d.budgets,
    guards: d.guards,
    source,
    prompts,
    ...(d.models ? { models: d.models } : {}),
    ...(summarize ? { summarize } : {}),
    ...(routing ? { routing } : {}),
  };
}
