/**
 * Finishing end to end, against the OpenAI-compatible test server in a temp git repository, with the built-in agent
 * and its declared guards: a small model that announces its first step instead of taking it is told to call the tool
 * and the task gets done (before, the announcement ended the run as "done" with nothing changed); a question answered
 * with an explicit "no change is needed" still finishes at once.
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

const FIX = { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" };

describe("premature finish", () => {
  it("an announced first step is not taken as the end: the model is told to call the tool and finishes the task", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().text("I'll read calc.js first to understand the bug."),
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", FIX),
      reply().text("Fixed add() in calc.js: it now returns a + b."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(result.text).toBe("Fixed add() in calc.js: it now returns a + b.");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(guardEvents(events, "premature_finish").map((e) => [e.turn, e.hook, e.action])).toEqual([
      [1, "onReply", "steer"],
    ]);
    const second = requestText(server.chatRequests[1]!.body);
    expect(second).toContain("Call the tool now, in your next reply, instead of describing it.");
    expect(second).toContain("I'll read calc.js first");
    // The verify stage ran the project's tests on the fixed code.
    expect(events.some((e) => e.type === "command" && e.exitCode === 0)).toBe(true);
  });

  it("a question answered with an explicit no-change finishes at once, and verify is skipped", async () => {
    server = await startServer();
    repo = makeRepo({ ...BUGGY_NODE_PROJECT, "calc.js": FIXED_CALC });
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().text("No change is needed: add() already returns a + b, so the test passes."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("Is add() in calc.js correct? Fix it if it is not.");

    expect(result.reason).toBe("done");
    expect(server.chatRequests).toHaveLength(2);
    expect(guardEvents(events, "premature_finish")).toEqual([]);
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
  });

  it("a model that only ever announces is let through after the declared number of tries, so the run ends", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().text("Let me look at calc.js."),
      reply().text("Next I will edit calc.js."),
      reply().text("I should now edit calc.js to continue with the task."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(server.chatRequests).toHaveLength(3);
    expect(guardEvents(events, "premature_finish")).toHaveLength(2);
    expect(repo.read("calc.js")).toBe(BUGGY_NODE_PROJECT["calc.js"]);
  });
});
