/**
 * When a reply with no tool call ends a loop stage: only when no guard fired on it. A guard's steer (or a re-ask it
 * could not get) keeps the stage going with the steering in the next request, bounded by the guard's escalation and
 * the turn limits. Also: tool_call events carry the parser's repairs, and parse diagnostics are events.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../runtime/agent/events.js";
import type { GuardDetector } from "../../runtime/agent/guard-api.js";
import {
  call,
  DeterministicClient,
  guard,
  LOOP_ONLY,
  makeAgent,
  say,
  tempProject,
  testBundle,
  type Fixture,
} from "./deterministic.js";

let fx: Fixture;
afterEach(() => fx?.cleanup());

/** Fires on every reply without a tool call whose text contains "later". */
const nagProse: GuardDetector = {
  onReply: (s, _v, turn) => (turn.calls.length === 0 && /later/i.test(turn.text) ? { action: s.then } : undefined),
};

const of = <T extends AgentEvent["type"]>(events: AgentEvent[], type: T) =>
  events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);

describe("a reply with no tool call", () => {
  it("does not end the stage when a guard steered on it: the steer goes into the next request", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const spec = guard("nag", { kind: "steer", message: "NAG: call the tool now." });
    const client = new DeterministicClient([
      say("I will read the file later."),
      call("write_file", { path: "b.txt", content: "beta\n" }),
      say("Wrote b.txt."),
    ]);
    const { agent } = makeAgent(client, fx.dir, { bundle: testBundle(LOOP_ONLY, [spec]), registry: { nag: nagProse } });
    const result = await agent.run("Write b.txt");
    expect(result.reason).toBe("done");
    expect(result.text).toBe("Wrote b.txt.");
    expect(client.requests).toHaveLength(3);
    expect(client.text(1)).toContain("NAG: call the tool now.");
    expect(fx.read("b.txt")).toBe("beta\n");
  });

  it("still ends the stage when no guard fired on it", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const spec = guard("nag", { kind: "steer", message: "NAG" });
    const client = new DeterministicClient([say("All done now."), say("never asked")]);
    const { agent } = makeAgent(client, fx.dir, { bundle: testBundle(LOOP_ONLY, [spec]), registry: { nag: nagProse } });
    const result = await agent.run("task");
    expect(result.reason).toBe("done");
    expect(client.requests).toHaveLength(1);
  });

  it("a retry the loop could not grant any more also keeps the stage going, with its message", async () => {
    fx = tempProject({});
    const spec = guard("again", { kind: "retry", message: "AGAIN: do it." });
    const client = new DeterministicClient([
      say("later 1"),
      say("later 2"),
      say("later 3"),
      call("write_file", { path: "b.txt", content: "b\n" }),
      say("Done."),
    ]);
    const { agent, events } = makeAgent(client, fx.dir, {
      bundle: testBundle(LOOP_ONLY, [spec]),
      registry: { again: nagProse },
    });
    const result = await agent.run("task");
    expect(result.reason).toBe("done");
    expect(result.text).toBe("Done.");
    expect(client.requests).toHaveLength(5);
    // Two re-asks (loop { guard_retries: 2 }), then the third hit's message goes into the next turn's request.
    expect(of(events, "model_request").map((e) => e.attempt)).toEqual([0, 1, 2, 0, 0]);
    expect(client.text(3)).toContain("AGAIN: do it.");
  });

  it("is bounded by the guard's escalation: a model that never calls a tool is stopped", async () => {
    fx = tempProject({});
    const spec = guard(
      "nag",
      { kind: "steer", message: "NAG" },
      { afterTriggers: 2, action: { kind: "stop", reason: "the model never acted" } },
    );
    const client = new DeterministicClient(Array.from({ length: 20 }, (_, i) => say(`I'll do it later (${i}).`)));
    const { agent } = makeAgent(client, fx.dir, { bundle: testBundle(LOOP_ONLY, [spec]), registry: { nag: nagProse } });
    const result = await agent.run("task");
    expect(result.reason).toBe("limits");
    expect(result.detail).toBe("Stopped by guard nag: the model never acted");
    expect(client.requests).toHaveLength(3);
  });

  it("is bounded by the turn limits when the guard never escalates", async () => {
    fx = tempProject({});
    const spec = guard("nag", { kind: "steer", message: "NAG" });
    const client = new DeterministicClient(Array.from({ length: 20 }, () => say("Later.")));
    const bundle = testBundle({ ...LOOP_ONLY, maxTurns: 4 }, [spec]);
    const { agent } = makeAgent(client, fx.dir, { bundle, registry: { nag: nagProse } });
    const result = await agent.run("task");
    expect(result.reason).toBe("limits");
    expect(client.requests).toHaveLength(4);
  });
});

describe("parser events", () => {
  it("tool_call events carry the parser's repairs", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const client = new DeterministicClient([call("read_file", { file_path: "a.txt" }), say("Read it.")]);
    const { agent, events } = makeAgent(client, fx.dir);
    await agent.run("Read a.txt");
    const calls = of(events, "tool_call");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.arguments).toEqual({ path: "a.txt" });
    expect(calls[0]?.repairs?.join(" ")).toMatch(/file_path/);
  });

  it("a clean native call carries no repairs", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const client = new DeterministicClient([call("read_file", { path: "a.txt" }), say("Read it.")]);
    const { agent, events } = makeAgent(client, fx.dir);
    await agent.run("Read a.txt");
    expect(of(events, "tool_call")[0]?.repairs).toEqual([]);
  });

  it("each parse diagnostic is a parse_diagnostic event", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const client = new DeterministicClient([
      say('<tool_call>\n{"name": "read_file", "arguments": {"path": "a.t'),
      call("read_file", { path: "a.txt" }),
      say("Read it."),
    ]);
    const { agent, events } = makeAgent(client, fx.dir);
    const result = await agent.run("Read a.txt");
    expect(result.reason).toBe("done");
    const diags = of(events, "parse_diagnostic");
    expect(diags.length).toBeGreaterThanOrEqual(1);
    expect(diags[0]?.turn).toBe(1);
    expect(diags[0]?.code).toMatch(/truncated_call|unreadable_arguments/);
    expect(diags[0]?.message.length).toBeGreaterThan(10);
    expect(client.text(1)).toContain(diags[0]?.message ?? "");
  });
});
