import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { BUGGY_NODE_PROJECT, FIXED_CALC, makeRepo, requestText, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

describe("fix a failing test, end to end", () => {
  it("reads, applies a wrongly indented edit, runs the tests and finishes; the verify stage passes", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().text("Let me look at the code.").tool("read_file", { path: "calc.js" }),
      // Indented by four spaces where the file has none and two: the patcher must still apply it, re-indented.
      reply().tool("edit_file", {
        path: "calc.js",
        old_text: "    function add(a, b) {\n        return a - b;\n    }",
        new_text: "    function add(a, b) {\n        return a + b;\n    }",
      }),
      reply().tool("bash", { command: "npm test" }),
      reply().text("Fixed add() in calc.js: it subtracted instead of adding. The tests pass."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(result.success).toBe(true);
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(result.filesChanged).toEqual(["calc.js"]);
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([
      ["read_file", true],
      ["edit_file", true],
      ["bash", true],
    ]);
    expect(result.text).toContain("Fixed add()");
    const chats = server.chatRequests;
    expect(chats).toHaveLength(4);
    expect(chats.every((r) => r.body.stream === true)).toBe(true);
    // The read's result went back to the model as a tool message answering the call.
    const second = chats[1]!.body;
    const toolMsg = second.messages.find((m: { role: string }) => m.role === "tool");
    expect(toolMsg.content).toContain("return a - b;");
    expect(second.messages.some((m: { tool_calls?: unknown[] }) => Array.isArray(m.tool_calls))).toBe(true);
    // The test run's output reached the model.
    expect(requestText(chats[3]!.body)).toMatch(/ok\n\[exit code 0\]/);
    // The verify stage ran the project's test command after the model finished.
    const command = events.find((e) => e.type === "command");
    expect(command).toMatchObject({ type: "command", stage: "verify", exitCode: 0 });
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "done" });
  });

  it("a question about a project whose tests already fail changes nothing, so verify is skipped: no retry, no rollback", async () => {
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server = await startServer();
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("bash", { command: "npm test" }),
      reply().text("add() subtracts its arguments, which is why the test fails."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("Why does the test fail? Do not change anything.");
    expect(result).toMatchObject({ reason: "done", success: true, filesChanged: [] });
    // Three model turns and nothing else: the failing tests did not send the model back to `act`.
    expect(server.chatRequests).toHaveLength(3);
    const verify = events.find((e) => e.type === "stage" && e.stage === "verify");
    expect(verify).toMatchObject({ skipped: "Stage verify was skipped: the run changed no files." });
    expect(events.some((e) => e.type === "command")).toBe(false);
    expect(events.some((e) => e.type === "warning" && /roll/i.test(e.message))).toBe(false);
    expect(repo.read("calc.js")).toBe(BUGGY_NODE_PROJECT["calc.js"]);
  });

  it("a change made only through bash still counts: verify runs the tests after it", async () => {
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server = await startServer();
    server.enqueue(
      reply().tool("bash", { command: "sed -i 's/a - b/a + b/' calc.js" }),
      reply().text("Fixed add() with sed."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("Fix add() in calc.js.");
    expect(result.reason).toBe("done");
    expect(events.find((e) => e.type === "stage" && e.stage === "verify")).not.toHaveProperty("skipped");
    expect(events.find((e) => e.type === "command")).toMatchObject({ stage: "verify", exitCode: 0 });
  });
});
