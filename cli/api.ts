/**
 * The programmatic API: `new SmallCode({ baseUrl, model, cwd }).run(task)` resolves the endpoint (flags, env, or
 * zero-config discovery), loads the team's `.smallcode/generated/` or the built-in declarations, decides native or
 * prompt-mode tool calling once per model, and runs the agent. It never throws: setup failures come back as a result
 * with `success: false`, reason "error" and a one-line `detail`.
 */
import { join } from "node:path";
import { Agent } from "../runtime/agent/agent.js";
import { bundleFromDeclarations, type Declarations } from "../runtime/agent/bundle.js";
import { EventBus, type AgentEvent, type AgentEventOf, type AgentEventType } from "../runtime/agent/events.js";
import type { GuardRegistry } from "../runtime/agent/guard-api.js";
import { latestSessionId, loadSession, SESSIONS_DIR, type LoadedSession } from "../runtime/agent/session-log.js";
import type { AgentBundle, Approver, RunResult } from "../runtime/agent/types.js";
import { createModelClient } from "../runtime/model/client.js";
import type { ModelClientConfig } from "../runtime/model/config.js";
import type { DiscoverOptions } from "../runtime/model/discover.js";
import { resolveEndpoint } from "../runtime/model/endpoint.js";
import { probeToolMode, type ToolMode } from "../runtime/model/probe.js";
import { envWithSettings, loadSettings, settingsSecrets } from "../runtime/config/index.js";
import { SessionTrace } from "../runtime/trace/session-trace.js";
import { withoutDefaultKey, withoutKeyRedirection } from "../runtime/security/endpoint-trust.js";
import { withoutProjectEscalation } from "../runtime/security/project-trust.js";
import { loadTeamAgent } from "./team-agent.js";

export interface SmallCodeOptions {
  /** OpenAI-compatible base URL ("http://127.0.0.1:11434/v1"); default SMALLCODE_BASE_URL, then discovery. */
  baseUrl?: string;
  /** Model id; default SMALLCODE_MODEL, then the server's model. */
  model?: string;
  /** Default SMALLCODE_API_KEY. */
  apiKey?: string;
  /** The project root (default process.cwd()). */
  cwd?: string;
  /** Skip the probe: native tool calling or tools described in the prompt (default SMALLCODE_TOOL_MODE, then probe). */
  toolMode?: ToolMode;
  /** The model's context window in tokens (default: what the server reports, else the model declaration). */
  contextWindow?: number;
  maxTurns?: number;
  /** Approve every command that needs approval (`--yes`). */
  yes?: boolean;
  /** Asked for commands that need approval when `yes` is not set; without it they are refused. */
  approve?: Approver;
  /** Environment for SMALLCODE_* variables (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  guardRegistry?: GuardRegistry;
  signal?: AbortSignal;
  /** Model client settings (timeouts, retry policy, compat flags …). */
  client?: Partial<ModelClientConfig>;
  /** Commands `run` stages name (test_command …); detected from the project when absent. */
  projectCommands?: Readonly<Record<string, string>>;
  /** Use these declarations instead of loading `.smallcode/generated/` or the built-in ones. */
  bundle?: AgentBundle;
  discover?: DiscoverOptions;
  /** Write .smallcode/traces/<session>.jsonl (default: the `trace` setting, on unless SMALLCODE_TRACE=false). */
  trace?: boolean;
  /**
   * Run without these compensation layers (the benchmark's ablation; all four = `--naive`): "parser" (strict native
   * calls and fenced JSON only), "patch" (exact unique match only), "guards" (no detectors), "context" (no eviction or
   * compaction, only a hard cut of the oldest messages).
   */
  disable?: ("parser" | "patch" | "guards" | "context")[];
}

export interface SmallCodeRunOptions {
  /** Continue a session: its id, or "latest". The task is then sent as a follow-up ("continue" when empty). */
  resume?: string;
}

export type SmallCodeResult = RunResult;

type Listener<T extends AgentEventType | "*"> = (
  event: T extends AgentEventType ? AgentEventOf<T> : AgentEvent,
) => void;

function failed(detail: string, started: number): SmallCodeResult {
  return {
    success: false,
    reason: "error",
    detail,
    text: "",
    toolCalls: [],
    filesChanged: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    turns: 0,
    durationMs: Date.now() - started,
    sessionId: "",
  };
}

export class SmallCode {
  private readonly bus = new EventBus();
  private readonly options: SmallCodeOptions;

  constructor(options: SmallCodeOptions = {}) {
    this.options = options;
  }

  /** Subscribes to one event type, or every event with "*"; returns the unsubscribe function. */
  on<T extends AgentEventType | "*">(type: T, fn: Listener<T>): () => void {
    return this.bus.on((event) => {
      if (type === "*" || event.type === type) (fn as (e: AgentEvent) => void)(event);
    });
  }

  get cwd(): string {
    return this.options.cwd ?? process.cwd();
  }

  async run(task: string, runOptions: SmallCodeRunOptions = {}): Promise<SmallCodeResult> {
    const started = Date.now();
    try {
      return await this.runUnsafe(task, runOptions, started);
    } catch (err) {
      return failed(`Internal error: ${err instanceof Error ? err.message : String(err)}`, started);
    }
  }

  private async runUnsafe(task: string, runOptions: SmallCodeRunOptions, started: number): Promise<SmallCodeResult> {
    const o = this.options;
    const cwd = this.cwd;
    // Settings from the environment, .env and smallcode.toml files (docs/config.md); these options win over them.
    const loaded = loadSettings({ cwd, env: o.env ?? process.env });
    if (!loaded.ok) return failed(loaded.message, started);
    // A project's own files may not approve every command or switch containment off (docs/security.md).
    const trusted = withoutProjectEscalation(loaded.settings, loaded.origins);
    // Nor send the user's key to a remote endpoint the project chose (runtime/security/endpoint-trust.ts).
    const keyTrust = withoutKeyRedirection(trusted.settings, loaded.origins, {
      ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
      ...(o.apiKey !== undefined ? { apiKey: o.apiKey } : {}),
    });
    const settings = keyTrust.settings;
    for (const w of loaded.warnings) this.bus.emit({ type: "warning", message: `${w.where}: ${w.message}` });
    for (const message of [...trusted.warnings, ...keyTrust.warnings]) this.bus.emit({ type: "warning", message });
    const env = envWithSettings(withoutDefaultKey(o.env ?? process.env, keyTrust.withheldDefaultKey), settings);
    let resume: LoadedSession | undefined;
    if (runOptions.resume !== undefined) {
      const r = this.loadResume(runOptions.resume);
      if (typeof r === "string") return failed(r, started);
      resume = r;
    } else if (task.trim() === "")
      return failed('No task given: say what to do, e.g. smallcode run "fix the failing test".', started);
    const endpoint = await resolveEndpoint({
      ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
      ...(o.model !== undefined ? { model: o.model } : {}),
      env,
      ...(o.discover ? { discover: o.discover } : {}),
    });
    if (!endpoint.ok) return failed(endpoint.message, started);
    const bundle = o.bundle ?? (await this.loadBundle(cwd));
    if (typeof bundle === "string") return failed(bundle, started);
    const apiKey = o.apiKey ?? env["SMALLCODE_API_KEY"];
    const config: ModelClientConfig = {
      baseUrl: endpoint.baseUrl,
      model: endpoint.model,
      ...(apiKey ? { apiKey } : {}),
      ...(endpoint.kind ? { serverKind: endpoint.kind } : {}),
      ...(settings.requestTimeoutMs !== undefined ? { timeoutMs: settings.requestTimeoutMs } : {}),
      ...o.client,
    };
    const envMode = env["SMALLCODE_TOOL_MODE"];
    const override = o.toolMode ?? (envMode === "native" || envMode === "prompt" ? envMode : undefined);
    const decision = await probeToolMode(config, {
      cacheDir: join(cwd, ".smallcode", "cache"),
      ...(override ? { override } : {}),
    });
    const client = createModelClient({
      ...config,
      compat: { ...config.compat, nativeTools: decision.mode === "native" },
    });
    const yes = o.yes === true || settings.approval === "auto";
    const approve: Approver | undefined = yes
      ? this.blanketApprover(o.approve)
      : settings.approval === "deny"
        ? undefined
        : o.approve;
    const window = o.contextWindow ?? settings.contextWindow ?? endpoint.context?.contextWindow;
    const maxTurns = o.maxTurns ?? settings.maxTurns;
    const agent = new Agent({
      bundle,
      client,
      toolMode: decision.mode,
      cwd,
      ...(window !== undefined ? { contextWindow: window } : {}),
      ...(maxTurns !== undefined ? { maxTurns } : {}),
      ...(approve ? { approve } : {}),
      ...(o.guardRegistry ? { guardRegistry: o.guardRegistry } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.projectCommands ? { projectCommands: o.projectCommands } : {}),
      ...(o.disable && o.disable.length > 0 ? { disable: o.disable } : {}),
      shell: settings.shell,
      secrets: [apiKey, ...settingsSecrets(loaded.settings)],
    });
    const trace =
      (o.trace ?? settings.trace)
        ? new SessionTrace({ cwd, secrets: [apiKey, ...settingsSecrets(loaded.settings)] })
        : undefined;
    agent.on((e) => {
      trace?.handle(e);
      this.bus.emit(e);
    });
    if (decision.source === "probe") {
      this.bus.emit({ type: "warning", message: `Tool calling: ${decision.mode} (${decision.reason}).` });
    }
    try {
      return await agent.run(task, resume ? { resume } : {});
    } finally {
      await trace?.flush();
    }
  }

  /**
   * `--yes` / `approval = "auto"`: every command that needs approval runs, except those only a person may allow
   * (reading keys or secrets, changing SmallCode's settings): those go to the interactive approver when there is one,
   * and are refused otherwise.
   */
  private blanketApprover(ask: Approver | undefined): Approver {
    return async (command, classification, messages) => {
      if (!classification.personal) return "once";
      if (ask) return ask(command, classification, messages);
      this.bus.emit({
        type: "warning",
        message: `Refused \`${command}\` even with --yes: ${classification.reasons.join("; ")}. Only you may run commands that read keys or change SmallCode's settings; run it yourself if you meant it.`,
      });
      return "deny";
    };
  }

  private loadResume(id: string): LoadedSession | string {
    const dir = join(this.cwd, SESSIONS_DIR);
    const sessionId = id === "latest" ? latestSessionId(dir) : id;
    if (sessionId === undefined) return `No session to continue in ${dir}. Start one with smallcode run "task".`;
    const session = loadSession(dir, sessionId);
    if (!session) return `No session ${sessionId} in ${dir}. List them with: ls ${dir}`;
    return session;
  }

  private async loadBundle(cwd: string): Promise<AgentBundle | string> {
    const loaded = await loadTeamAgent(cwd);
    if (!loaded.ok) return `Cannot load the agent declarations: ${loaded.error}`;
    const source = loaded.value.origin === "team" ? (loaded.value.dir ?? ".smallcode/generated") : "built-in";
    const declarations: Declarations = loaded.value.declarations;
    return bundleFromDeclarations(declarations, source, loaded.value.agent.name);
  }
}

export { Agent } from "../runtime/agent/agent.js";
export type { AgentEvent, AgentEventOf, AgentEventType, AgentListener } from "../runtime/agent/events.js";
export type {
  AgentBundle,
  AgentOptions,
  Approver,
  ApprovalDecision,
  CallSummary,
  ExitReason,
  RunResult,
} from "../runtime/agent/types.js";
export { bundleFromDeclarations } from "../runtime/agent/bundle.js";
