/**
 * Guards end to end, against the OpenAI-compatible test server in a temp git repository: a hallucinated tool name
 * corrected after a hint naming the closest real tools; a repetition loop broken by a guard; a model stuck repeating
 * one call stopped by the declared guards within a few turns (never by the wall clock).
 */
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { BUGGY_NODE_PROJECT, FIXED_CALC, makeRepo, requestText, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

const guardEvents = (events: AgentEvent[], guard: string) =>
  events.filter((e): e is Extract<AgentEvent, { type: "guard" }> => e.type === "guard" && e.guard === guard);

const FIX = {
  path: "calc.js",
  old_text: "  return a - b;",
  new_text: "  return a + b;",
};

describe("hallucinated tool", () => {
  it("is corrected after a hint that names the closest real tools", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("fetch_source_text", { path: "calc.js" }),
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", FIX),
      reply().text("Fixed add() in calc.js."),
      reply().text("Fixed add() in calc.js."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    const hits = guardEvents(events, "hallucinated_tool");
    expect(hits).toHaveLength(1);
    // The model's next request carries the hint: no such tool, and the closest real ones by name.
    const second = requestText(server.chatRequests[1]!.body);
    expect(second).toMatch(/There is no tool named "fetch_source_text"\. The closest real tools: [a-z_, ]+\./);
    expect(second).toContain("There is no such tool. Use one of the tools listed");
    const closest = /The closest real tools: ([a-z_, ]+)\./.exec(second)?.[1]?.split(", ") ?? [];
    expect(closest).toHaveLength(3);
    expect(closest).toContain("read_file");
  });
});

describe("greeting regression", () => {
  it("a model that lost the task and greets is re-asked with the task, and carries on", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().text("Hello! How can I help you today?"),
      reply().tool("edit_file", FIX),
      reply().text("Fixed add() in calc.js."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(result.text).toBe("Fixed add() in calc.js.");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(guardEvents(events, "greeting_regression")).toHaveLength(1);
    const reask = requestText(server.chatRequests[2]!.body);
    expect(reask).toContain("You are in the middle of a task.");
    expect(reask).toContain("The task:\nThe test fails. Fix the bug in calc.js.");
    expect(reask).not.toContain("How can I help you today?"); // the lost reply is not kept in the history
  });
});

describe("empty turns", () => {
  it("a second empty reply in a row is re-asked at another temperature instead of ending the run", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().text(""),
      reply().text(""),
      reply().tool("edit_file", FIX),
      reply().text("Fixed add() in calc.js."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(guardEvents(events, "empty_turn").map((e) => e.action)).toEqual(["retry"]);
    const requests = events.filter(
      (e): e is Extract<AgentEvent, { type: "model_request" }> => e.type === "model_request",
    );
    const reask = requests.find((r) => r.attempt > 0);
    expect(reask?.temperature).not.toBe(requests[0]?.temperature);
    expect(requestText(server.chatRequests[3]!.body)).toContain("Your last replies were empty.");
  });
});

describe("repetition", () => {
  it("a loop of identical searches is broken by a guard, and the run finishes well within its limits", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    const grep = () => reply().text("Let me search for the add function in the code.").tool("grep", { pattern: "add" });
    server.enqueue(
      grep(),
      grep(),
      grep(),
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", FIX),
      reply().text("Fixed add() in calc.js."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(result.turns).toBeLessThanOrEqual(6);
    // The second identical search was answered from the first; the third was refused; the loop was called out.
    const results = events.filter((e) => e.type === "tool_result" && e.name === "grep");
    expect(results.map((e) => (e.type === "tool_result" ? (e.handledBy ?? "ran") : ""))).toEqual([
      "ran",
      "dedup",
      "exact_repeat_call",
    ]);
    expect(guardEvents(events, "repetition")).toHaveLength(1);
    expect(requestText(server.chatRequests[3]!.body)).toContain("You are repeating yourself.");
  });

  it("a model stuck repeating one call is stopped by the declared guard within a few turns", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.respond(() => reply().tool("grep", { pattern: "add" }));
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("limits");
    expect(result.detail).toBe("Stopped by guard repetition: the model kept repeating itself");
    // repetition fires on turn 3 (steer), 4 (steer) and escalates on 5 (stop), per marrow/guards.marrow.
    expect(result.turns).toBe(5);
    expect(server.chatRequests).toHaveLength(5);
    expect(guardEvents(events, "repetition").map((e) => e.action)).toEqual(["steer", "steer", "stop"]);
    expect(result.durationMs).toBeLessThan(60_000);
  });
});
