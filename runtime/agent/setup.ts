/**
 * Building one run's parts from the options: workspace, persistent shell, snapshots, context engine (with the declared
 * budget and the `summarize_history` prompt as summarizer), routing, guards, the tool runner and the session log.
 */
import { join } from "node:path";
import { ContextEngine } from "../context/engine.js";
import { DEFAULT_BUDGET, type Summarizer } from "../context/types.js";
import type { TokenCalibrator } from "../context/tokens.js";
import type { PromptRuntime } from "../prompt/run-prompt.js";
import { DEFAULT_SUMMARY_LIMITS, projectSummary } from "../project/summary.js";
import { DEFAULT_ROUTING } from "../routing/defaults.js";
import { pruneSnapshots } from "../session/prune.js";
import { ShellCheckpoint } from "../session/shell-checkpoint.js";
import { SnapshotStore, newSessionId } from "../session/snapshots.js";
import { ShellSession } from "../shell/session.js";
import { shellOptionsFrom } from "../shell/shell-settings.js";
import { collectSecrets } from "../security/secrets.js";
import { createSecretRedactor, redactDeep, type Redact } from "../security/redact.js";
import { aliasOptionsFromSpecs } from "../toolcall/aliases.js";
import { toOpenAITool, type ToolSpec } from "../tools/types.js";
import { openWorkspace, type Workspace } from "../fs/workspace.js";
import type { ToolContext, ToolImpl } from "../tools/impl/context.js";
import { memoryTool } from "../tools/impl/memory.js";
import { todoWriteTool } from "../tools/impl/todo-write.js";
import type { AgentEvent, AgentEventType } from "./events.js";
import { GuardRunner } from "./guard-runner.js";
import type { GuardRegistry } from "./guard-api.js";
import type { LoopCounters, LoopParts } from "./loop-parts.js";
import { fill, FALLBACK_MODEL, FALLBACK_SYSTEM_PROMPT, limitsOf, messagesOf } from "./defaults.js";
import type { AgentMessages } from "./spec.js";
import { RunState } from "./run-state.js";
import { SessionLog, SESSIONS_DIR, type LoadedSession } from "./session-log.js";
import { ToolRunner } from "./tool-runner.js";
import { toolImpls, type AblationLayer } from "./ablation.js";
import { NaiveContextEngine } from "./naive-context.js";
import type { AgentOptions } from "./types.js";

export interface BuiltRun {
  parts: LoopParts;
  shell: ShellSession;
  log: SessionLog;
  sessionId: string;
}

function summarizerOf(options: AgentOptions): Summarizer | undefined {
  const summarize = options.bundle.summarize;
  if (!summarize) return undefined;
  return async (transcript, signal) => {
    const base: PromptRuntime = options.promptRuntime ?? { clientFor: () => options.client };
    const runtime: PromptRuntime = signal ? { ...base, signal } : base;
    const r = await summarize({ transcript }, runtime);
    return r.ok ? { ok: true, text: r.value } : { ok: false, error: `${r.reason}: ${r.message}` };
  };
}

function approverOf(options: AgentOptions, messages: AgentMessages): ToolContext["approve"] {
  const approve = options.approve;
  if (!approve) return undefined;
  const always = new Set<string>();
  return async (command, classification) => {
    if (always.has(command)) return true;
    const decision = await approve(command, classification, messages);
    if (decision === "always") always.add(command);
    return decision !== "deny";
  };
}

/**
 * The system prompt: `{{cwd}}` is the project root, `{{project}}` the project summary (kind, check commands, layout,
 * AGENTS.md / CLAUDE.md), computed once per run so the prompt prefix stays stable.
 */
function systemPrompt(template: string, workspace: Workspace, maxChars: number): string {
  if (!/\{\{\s*project\s*\}\}/.test(template)) return fill(template, { cwd: workspace.root }).trimEnd();
  const project = projectSummary(workspace.rootReal, { ...DEFAULT_SUMMARY_LIMITS, maxChars });
  return fill(template, { cwd: workspace.root, project }).trimEnd();
}

function newCounters(): LoopCounters {
  return {
    formatErrors: 0,
    emptyReplies: 0,
    promptTokens: 0,
    completionTokens: 0,
    calls: [],
    filesChanged: new Set(),
    finalText: "",
    pendingNotes: [],
    prefixReset: false,
    previousCategories: [],
  };
}

/** The agent's tools, in the agent's order; names without a declaration are reported and skipped. */
function agentTools(options: AgentOptions, emit: (event: AgentEvent) => void): Map<string, ToolSpec> {
  const specs = new Map<string, ToolSpec>();
  for (const name of options.bundle.agent.tools) {
    const spec = options.bundle.tools.find((t) => t.name === name);
    if (spec) specs.set(name, spec);
    else emit({ type: "warning", message: `The agent names the tool ${name}, which is not declared; it is ignored.` });
  }
  return specs;
}

/**
 * The context engine with the declared budget and the `summarize_history` summarizer. A resumed session whose last
 * run saved its context continues from that snapshot (compaction included); otherwise the history is replayed.
 */
function makeEngine(
  options: AgentOptions,
  workspace: Workspace,
  task: string,
  resume: LoadedSession | undefined,
  disabled: ReadonlySet<string>,
): ContextEngine {
  const agent = options.bundle.agent;
  const model = agent.model.kind === "model" ? options.bundle.models?.[agent.model.name] : undefined;
  const calibrator = (options.client as { calibrator?: TokenCalibrator }).calibrator;
  const summarizer = summarizerOf(options);
  const engineOptions = {
    window: options.contextWindow ?? model?.contextWindow ?? FALLBACK_MODEL.contextWindow,
    budget: options.bundle.budgets[agent.budget] ?? DEFAULT_BUDGET,
    system: systemPrompt(agent.system ?? FALLBACK_SYSTEM_PROMPT, workspace, limitsOf(agent).projectSummaryChars),
    ...(calibrator ? { calibrator } : {}),
    ...(summarizer ? { summarizer } : {}),
  };
  if (disabled.has("context")) return new NaiveContextEngine({ ...engineOptions, task });
  if (resume?.context) return ContextEngine.restore(engineOptions, resume.context);
  return new ContextEngine({ ...engineOptions, task });
}

/** The planning tools are the loop's own (their state is the run's plan and notes, pinned every turn). */
const PLANNING_TOOLS: Readonly<Record<string, ToolImpl>> = { todo_write: todoWriteTool, memory: memoryTool };

/** The tool runner: the agent's tools, their time limits (declared, the agent's `tool_timeout`, the user's shell.timeout). */
function toolRunner(
  options: AgentOptions,
  specs: ReadonlyMap<string, ToolSpec>,
  ctx: ToolContext,
  disabled: ReadonlySet<AblationLayer>,
  redact: Redact,
): ToolRunner {
  const agent = options.bundle.agent;
  const timeouts = {
    defaultMs: limitsOf(agent).toolTimeoutMs,
    message: messagesOf(agent).toolTimeout,
    ...(options.shell?.timeoutMs !== undefined ? { shellMs: options.shell.timeoutMs } : {}),
  };
  const impls = { ...PLANNING_TOOLS, ...options.extraTools, ...toolImpls(disabled) };
  return new ToolRunner(specs, ctx, impls, timeouts, redact);
}

/** Appends to the history and the session log (redacted); for tool results, returns the text the model sees. */
function appender(log: SessionLog, engine: ContextEngine, redact: Redact): LoopParts["append"] {
  return (raw, meta) => {
    const message = redactDeep(raw, redact);
    log.append(meta ? { kind: "message", message, meta } : { kind: "message", message });
    if (message.role === "tool")
      return engine.appendToolResult(message.toolCallId, message.content, {
        ...meta,
        ...(message.name ? { name: message.name } : {}),
      });
    engine.append(message);
    return message.content;
  };
}

export async function buildRun(
  options: AgentOptions,
  task: string,
  registry: GuardRegistry,
  listener: (event: AgentEvent) => void,
  resume: LoadedSession | undefined,
): Promise<BuiltRun> {
  const { bundle } = options;
  const agent = bundle.agent;
  const sessionId = resume?.sessionId ?? options.sessionId ?? newSessionId();
  const log = new SessionLog(options.sessionsDir ?? join(options.cwd, SESSIONS_DIR), sessionId);
  const unlogged = new Set<AgentEventType>(options.unloggedEvents ?? ["model_delta"]);
  // Known secret values never reach the model, the session log, traces or events (docs/security.md).
  const redact = createSecretRedactor(collectSecrets({ root: options.cwd, known: options.secrets ?? [] }));
  const emit = (raw: AgentEvent): void => {
    const event = redactDeep(raw, redact);
    if (!unlogged.has(event.type)) log.append({ kind: "event", event });
    listener(event);
  };
  const workspace = await openWorkspace(options.cwd);
  const shell = await ShellSession.start(shellOptionsFrom(options.shell, workspace.rootReal));
  const snapshots = new SnapshotStore(workspace.rootReal, sessionId);
  await pruneSnapshots(workspace.rootReal);
  const specs = agentTools(options, emit);
  const model = agent.model.kind === "model" ? bundle.models?.[agent.model.name] : undefined;
  const disabled = new Set(options.disable ?? []);
  const engine = makeEngine(options, workspace, task, resume, disabled);
  const state = new RunState(task, workspace.rootReal, [...specs.keys()]);
  const approve = approverOf(options, messagesOf(agent));
  const toolCtx: ToolContext = {
    workspace,
    beforeWrite: snapshots.beforeWrite,
    shell,
    ...(approve ? { approve } : {}),
  };
  const parts: LoopParts = {
    options,
    bundle,
    engine,
    workspace,
    shell,
    state,
    guards: new GuardRunner(bundle.guards, agent.guards, registry, state, emit),
    tools: toolRunner(options, specs, toolCtx, disabled, redact),
    snapshots,
    ...(options.snapshotShellChanges === false
      ? {}
      : {
          shellCheckpoint: new ShellCheckpoint({
            root: workspace.rootReal,
            isSecret: (rel) => workspace.policy.readDenied(rel),
          }),
        }),
    specs,
    parseTools: [...specs.values()].map(toOpenAITool),
    parseOptions: aliasOptionsFromSpecs([...specs.values()]),
    routing: bundle.routing ?? DEFAULT_ROUTING,
    messages: messagesOf(agent),
    limits: limitsOf(agent),
    temperature: model?.temperature ?? FALLBACK_MODEL.temperature,
    maxOutput: model?.maxOutput ?? FALLBACK_MODEL.maxOutput,
    counters: newCounters(),
    emit,
    append: appender(log, engine, redact),
  };
  return { parts, shell, log, sessionId };
}
