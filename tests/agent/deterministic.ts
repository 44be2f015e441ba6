/**
 * An in-process deterministic model (mini-swe-agent's DeterministicModel): replies from a list, records every request.
 * It implements the ModelClient contract; it does not mock the openai package. Plus a temp-repo agent factory.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as generated from "../../generated/index.js";
import { Agent } from "../../runtime/agent/agent.js";
import { bundleFromDeclarations, type Declarations } from "../../runtime/agent/bundle.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import type { GuardRegistry } from "../../runtime/agent/guard-api.js";
import type { AgentSpec, GuardAction, GuardSpec } from "../../runtime/agent/spec.js";
import type { AgentBundle, AgentOptions } from "../../runtime/agent/types.js";
import type { ModelClient, ModelRequest, ModelResult } from "../../runtime/model/types.js";

export type Scripted = Partial<ModelResult> | ((request: ModelRequest) => Partial<ModelResult>);

export const say = (text: string): Partial<ModelResult> => ({ text });
export const call = (name: string, args: Record<string, unknown>, text = ""): Partial<ModelResult> => ({
  text,
  toolCalls: [{ id: `n${Math.random().toString(36).slice(2, 8)}`, name, arguments: JSON.stringify(args) }],
});

export class DeterministicClient implements ModelClient {
  readonly model = "deterministic";
  readonly baseUrl = "http://deterministic.invalid/v1";
  readonly requests: ModelRequest[] = [];

  constructor(private readonly outputs: Scripted[]) {}

  async complete(request: ModelRequest): Promise<ModelResult> {
    this.requests.push({ ...request, messages: request.messages.map((m) => ({ ...m })) });
    const next = this.outputs.shift();
    const base: ModelResult = {
      stopReason: "stop",
      text: "",
      reasoning: "",
      toolCalls: [],
      usage: { promptTokens: 100, completionTokens: 10, estimated: true },
      durationMs: 0,
      attempts: 1,
    };
    if (next === undefined) {
      return {
        ...base,
        stopReason: "error",
        error: { kind: "connection", message: "script exhausted", retryable: false },
      };
    }
    const r = { ...base, ...(typeof next === "function" ? next(request) : next) };
    if (r.toolCalls.length > 0 && r.stopReason === "stop") r.stopReason = "tool_use";
    return r;
  }

  /** All text of request `i`, for assertions. */
  text(i: number): string {
    return (this.requests[i]?.messages ?? []).map((m) => m.content).join("\n---\n");
  }
}

export interface Fixture {
  dir: string;
  read(path: string): string;
  cleanup(): void;
}

export function tempProject(files: Record<string, string>): Fixture {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-agent-"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return {
    dir,
    read: (p) => readFileSync(join(dir, p), "utf8"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The built-in bundle, with the agent and guards adjusted for a test. */
export function testBundle(agent: Partial<AgentSpec> = {}, guards: readonly GuardSpec[] = []): AgentBundle {
  const base = bundleFromDeclarations(generated as unknown as Declarations, "built-in");
  if (typeof base === "string") throw new Error(base);
  return { ...base, agent: { ...base.agent, guards: guards.map((g) => g.name), ...agent }, guards };
}

/** A single loop stage with no verify step. */
export const LOOP_ONLY: Partial<AgentSpec> = {
  stages: [{ name: "act", action: { kind: "loop", until: "done" }, next: "done" }],
  initialStage: "act",
};

export function makeAgent(
  client: ModelClient,
  dir: string,
  options: { bundle?: AgentBundle; registry?: GuardRegistry } & Partial<AgentOptions> = {},
): { agent: Agent; events: AgentEvent[] } {
  const { bundle, registry, ...rest } = options;
  const agent = new Agent({
    bundle: bundle ?? testBundle(LOOP_ONLY),
    client,
    toolMode: "native",
    cwd: dir,
    guardRegistry: registry ?? {},
    ...rest,
  });
  const events: AgentEvent[] = [];
  agent.on((e) => events.push(e));
  return { agent, events };
}

/** A guard spec whose detector has the guard's own name, with no thresholds. */
export function guard(name: string, then: GuardAction, escalate?: GuardSpec["escalate"]): GuardSpec {
  return { name, detector: name, enabled: true, thresholds: {}, then, ...(escalate ? { escalate } : {}) };
}
