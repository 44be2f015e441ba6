/**
 * The interactive session both modes drive: each prompt is one `SmallCode.run`, the first starting an agent session
 * and the next ones continuing it (resume), each with its own AbortController so Esc / Ctrl-C stops that prompt and
 * the session goes on. It keeps the events, the prompts, usage, the last budget breakdown and the snapshot turns each
 * prompt created (for /undo), and it remembers "always" approvals for the whole interactive session.
 */
import { SmallCode, type SmallCodeOptions, type SmallCodeResult } from "../api.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import type { Approver } from "../../runtime/agent/types.js";
import type { BudgetBreakdown } from "../../runtime/context/types.js";
import { envWithSettings, loadSettings, maskSecret } from "../../runtime/config/index.js";
import { withoutDefaultKey, withoutKeyRedirection } from "../../runtime/security/endpoint-trust.js";
import { resolveEndpoint } from "../../runtime/model/endpoint.js";
import { latestSessionId, loadSession, SESSIONS_DIR } from "../../runtime/agent/session-log.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { rollbackTurns, sessionChanges, snapshotTurns } from "./session-files.js";
import type { EndpointInfo, FileChange, HistoryEntry, SessionUsage, SlashSession, UndoResult } from "./types.js";

export interface InteractiveSessionOptions {
  /** What every run starts from (flags): endpoint, model, cwd, tool mode, env … `signal` and `approve` are set here. */
  base: SmallCodeOptions;
  /** Asks the user about a command that needs approval; without it such commands are refused. */
  approve?: Approver;
}

const EMPTY_USAGE = () => ({
  promptTokens: 0,
  completionTokens: 0,
  measuredCalls: 0,
  estimatedCalls: 0,
  toolCalls: 0,
  failedToolCalls: 0,
  guardInterventions: 0,
  busyMs: 0,
});

export class InteractiveSession implements SlashSession {
  readonly events: AgentEvent[] = [];
  readonly history: HistoryEntry[] = [];
  /** Every agent session this interactive session used (for /diff). */
  readonly sessionIds: string[] = [];
  private sessionId: string | undefined;
  private controller: AbortController | undefined;
  private lastBudget: BudgetBreakdown | undefined;
  private readonly listeners = new Set<(event: AgentEvent) => void>();
  private readonly always = new Set<string>();
  private readonly startedAt = Date.now();
  private counts = EMPTY_USAGE();
  private base: SmallCodeOptions;
  private ep: EndpointInfo = {};
  private note: string | undefined;
  /** Files rolled back by /undo since the last prompt (told to the model with the next one). */
  private readonly undone = new Set<string>();

  constructor(private readonly options: InteractiveSessionOptions) {
    this.base = { ...options.base };
    if (options.base.baseUrl) this.ep.baseUrl = options.base.baseUrl;
    if (options.base.model) this.ep.model = options.base.model;
    if (options.base.contextWindow) this.ep.contextWindow = options.base.contextWindow;
  }

  get id(): string | undefined {
    return this.sessionId;
  }
  get cwd(): string {
    return this.base.cwd ?? process.cwd();
  }
  get busy(): boolean {
    return this.controller !== undefined;
  }

  /** Resolves the endpoint up front (for the status line); a message when none answers (prompts will say so too). */
  async init(): Promise<string | undefined> {
    const loaded = loadSettings({ cwd: this.cwd, env: this.base.env ?? process.env });
    if (!loaded.ok) return loaded.message;
    const keyTrust = withoutKeyRedirection(loaded.settings, loaded.origins, {
      ...(this.base.baseUrl !== undefined ? { baseUrl: this.base.baseUrl } : {}),
      ...(this.base.apiKey !== undefined ? { apiKey: this.base.apiKey } : {}),
    });
    const env = envWithSettings(
      withoutDefaultKey(this.base.env ?? process.env, keyTrust.withheldDefaultKey),
      keyTrust.settings,
    );
    const r = await resolveEndpoint({
      ...(this.base.baseUrl !== undefined ? { baseUrl: this.base.baseUrl } : {}),
      ...(this.base.model !== undefined ? { model: this.base.model } : {}),
      env,
      ...(this.base.discover ? { discover: this.base.discover } : {}),
    });
    if (!r.ok) return r.message;
    // Pin what was found so later prompts skip discovery.
    this.base = { ...this.base, baseUrl: r.baseUrl, model: r.model };
    const key = this.base.apiKey ?? r.apiKey;
    const window = this.base.contextWindow ?? loaded.settings.contextWindow ?? r.context?.contextWindow;
    this.ep = {
      baseUrl: r.baseUrl,
      model: r.model,
      source: r.source,
      ...(key ? { apiKeyMasked: maskSecret(key) } : {}),
      ...(window !== undefined ? { contextWindow: window } : {}),
      ...(this.base.toolMode ? { toolMode: this.base.toolMode } : {}),
    };
    return undefined;
  }

  on(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: AgentEvent): void {
    this.track(event);
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken renderer must not end the run.
      }
    }
  }

  private track(event: AgentEvent): void {
    if (event.type !== "model_delta") this.events.push(event);
    const c = this.counts;
    switch (event.type) {
      case "run_start":
        this.sessionId = event.sessionId;
        if (!this.sessionIds.includes(event.sessionId)) this.sessionIds.push(event.sessionId);
        this.ep = { ...this.ep, baseUrl: event.baseUrl, model: event.model, toolMode: event.toolMode };
        break;
      case "model_request":
        if (event.budget) {
          this.lastBudget = event.budget;
          this.ep.contextWindow = event.budget.window;
        }
        break;
      case "model_response":
        c.promptTokens += event.usage.promptTokens;
        c.completionTokens += event.usage.completionTokens;
        if (event.usage.estimated) c.estimatedCalls++;
        else c.measuredCalls++;
        break;
      case "tool_result":
        c.toolCalls++;
        if (!event.ok) c.failedToolCalls++;
        break;
      case "guard":
        c.guardInterventions++;
        break;
    }
  }

  /** Sends one prompt to the agent; resolves when the run ends (finished, failed, interrupted). */
  async send(prompt: string): Promise<SmallCodeResult> {
    const controller = new AbortController();
    this.controller = controller;
    const entry: HistoryEntry = { prompt, startedAt: Date.now(), snapshotTurns: [] };
    this.history.push(entry);
    if (this.sessionId && !existsSync(join(this.cwd, SESSIONS_DIR, `${this.sessionId}.jsonl`))) {
      // The log is gone (a `git clean -x`, a deleted .smallcode/): carry on as a new conversation rather than failing.
      this.emit({
        type: "warning",
        message: `The log of session ${this.sessionId} is gone; this message starts a new conversation.`,
      });
      this.sessionId = undefined;
    }
    const before = this.sessionId ? await snapshotTurns(this.cwd, this.sessionId) : [];
    const text = this.note ? `${this.note}\n\n${prompt}` : prompt;
    this.note = undefined;
    this.undone.clear();
    const sc = new SmallCode({ ...this.base, signal: controller.signal, approve: this.approver() });
    const off = sc.on("*", (e) => this.emit(e));
    try {
      const result = await sc.run(text, this.sessionId ? { resume: this.sessionId } : {});
      if (result.sessionId) {
        entry.sessionId = result.sessionId;
        const after = await snapshotTurns(this.cwd, result.sessionId);
        entry.snapshotTurns = after.filter((t) => !before.includes(t));
      }
      const done = this.events.findLast((e) => e.type === "done");
      if (done?.type === "done" && done.sessionId === result.sessionId) entry.done = done;
      return result;
    } finally {
      off();
      this.counts.busyMs += Date.now() - entry.startedAt;
      this.controller = undefined;
    }
  }

  /** Stops the running prompt (model call or tool); false when nothing runs. */
  interrupt(): boolean {
    if (!this.controller) return false;
    this.controller.abort();
    return true;
  }

  private approver(): Approver | undefined {
    const ask = this.options.approve;
    if (!ask) return undefined;
    return async (command, classification, messages) => {
      if (this.always.has(command)) return "once";
      const decision = await ask(command, classification, messages);
      if (decision === "always") this.always.add(command);
      return decision;
    };
  }

  usage(): SessionUsage {
    return { ...this.counts, elapsedMs: Date.now() - this.startedAt };
  }

  budget(): BudgetBreakdown | undefined {
    return this.lastBudget;
  }

  endpoint(): EndpointInfo {
    return { ...this.ep };
  }

  setEndpoint(change: { baseUrl?: string; model?: string; apiKey?: string; source?: string }): void {
    this.base = {
      ...this.base,
      ...(change.baseUrl !== undefined ? { baseUrl: change.baseUrl } : {}),
      ...(change.model !== undefined ? { model: change.model } : {}),
      ...(change.apiKey !== undefined ? { apiKey: change.apiKey } : {}),
    };
    this.ep = {
      ...this.ep,
      ...(change.baseUrl !== undefined ? { baseUrl: change.baseUrl } : {}),
      ...(change.model !== undefined ? { model: change.model } : {}),
      ...(change.apiKey !== undefined ? { apiKeyMasked: maskSecret(change.apiKey) } : {}),
      ...(change.source !== undefined ? { source: change.source } : {}),
    };
    if (change.baseUrl !== undefined || change.model !== undefined) delete this.ep.toolMode;
  }

  async reloadSettings(): Promise<void> {
    this.base = { ...this.options.base };
    await this.init();
  }

  clear(): void {
    this.sessionId = undefined;
    this.lastBudget = undefined;
    this.note = undefined;
    this.undone.clear();
  }

  async resume(id: string): Promise<{ ok: true; task: string } | { ok: false; message: string }> {
    const dir = join(this.cwd, SESSIONS_DIR);
    const sessionId = id === "latest" ? latestSessionId(dir) : id;
    if (sessionId === undefined) return { ok: false, message: `No session to continue in ${dir}.` };
    const loaded = loadSession(dir, sessionId);
    if (!loaded) return { ok: false, message: `No session ${sessionId} in ${dir}. List them with /sessions.` };
    this.sessionId = sessionId;
    if (!this.sessionIds.includes(sessionId)) this.sessionIds.push(sessionId);
    this.lastBudget = undefined;
    return { ok: true, task: loaded.task };
  }

  async undo(): Promise<UndoResult> {
    if (this.busy) return { ok: false, reports: [], message: "A prompt is running; interrupt it (Esc) first." };
    const entry = this.history.findLast((h) => !h.undone && h.sessionId !== undefined && h.snapshotTurns.length > 0);
    if (!entry || entry.sessionId === undefined)
      return { ok: false, reports: [], message: "Nothing to undo: no prompt of this session changed a file." };
    const reports = await rollbackTurns(this.cwd, entry.sessionId, entry.snapshotTurns);
    entry.undone = true;
    const files = [...new Set(reports.flatMap((r) => [...r.restored, ...r.deleted]))];
    for (const f of files) this.undone.add(f);
    if (this.undone.size > 0) {
      const list = [...this.undone].sort().join(", ");
      this.note = `Note: the user undid your edits to ${list} (/undo); those files hold what they held before. Re-read them before relying on their content.`;
    }
    const errors = reports.flatMap((r) => r.errors);
    return errors.length > 0
      ? { ok: false, prompt: entry.prompt, reports, message: errors.map((e) => `${e.path}: ${e.message}`).join("; ") }
      : { ok: true, prompt: entry.prompt, reports };
  }

  changedFiles(): string[] {
    const files = new Set<string>();
    for (const e of this.events) if (e.type === "done") for (const f of e.filesChanged) files.add(f);
    return [...files].sort();
  }

  fileChanges(): Promise<FileChange[]> {
    return sessionChanges(this.cwd, this.sessionIds);
  }
}
