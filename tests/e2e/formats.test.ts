import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { BUGGY_NODE_PROJECT, makeRepo, requestText, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

const PROMPT_MODE_REPLIES: Array<[string, string]> = [
  ["Hermes", 'I will read it.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "calc.js"}}\n</tool_call>'],
  [
    "Qwen3-Coder XML",
    "<tool_call>\n<function=read_file>\n<parameter=path>\ncalc.js\n</parameter>\n</function>\n</tool_call>",
  ],
  ["fenced JSON", 'Let me read the file.\n```json\n{"name": "read_file", "arguments": {"path": "calc.js"}}\n```'],
];

describe("tool calls in several formats", () => {
  it.each(PROMPT_MODE_REPLIES)(
    "prompt mode reads a %s call, runs it and sends the result back as text",
    async (_name, text) => {
      server = await startServer();
      repo = makeRepo(BUGGY_NODE_PROJECT);
      server.enqueue(reply().text(text), reply().text("calc.js subtracts in add()."));
      const { agent, events } = smallcode(server, repo.dir, {
        toolMode: "prompt",
        projectCommands: { test_command: "true" },
      });
      const result = await agent.run("Explain what add() in calc.js does.");
      expect(result.reason).toBe("done");
      expect(result.toolCalls).toEqual([{ turn: 1, name: "read_file", arguments: { path: "calc.js" }, ok: true }]);
      const [first, second] = server.chatRequests;
      // Prompt mode: no native tools; the tools are described in the system prompt.
      expect(first!.body.tools).toBeUndefined();
      expect(first!.body.messages[0].content).toContain("read_file(path: string");
      expect(first!.body.messages[0].content).toContain("<tool_call>");
      // The result goes back as readable text (no role "tool", no tool_calls the server may not support).
      const roles = second!.body.messages.map((m: { role: string }) => m.role);
      expect(roles).not.toContain("tool");
      expect(second!.body.messages.some((m: { tool_calls?: unknown }) => m.tool_calls !== undefined)).toBe(false);
      expect(requestText(second!.body)).toContain("return a - b;");
      expect(events.find((e) => e.type === "tool_call")).toMatchObject({ name: "read_file", offered: true });
    },
  );

  it("native mode reads a native call, and a call with aliased names is repaired", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(reply().toolRaw("read_file", '{"file_path": "calc.js",}'), reply().text("Done reading."));
    const { agent } = smallcode(server, repo.dir, { projectCommands: { test_command: "true" } });
    const result = await agent.run("Explain what add() in calc.js does.");
    expect(result.reason).toBe("done");
    expect(result.toolCalls[0]).toMatchObject({ name: "read_file", arguments: { path: "calc.js" }, ok: true });
    const first = server.chatRequests[0]!.body;
    expect(first.tools.map((t: { function: { name: string } }) => t.function.name)).toContain("read_file");
    const tool = server.chatRequests[1]!.body.messages.find((m: { role: string }) => m.role === "tool");
    expect(tool.content).toContain("return a - b;");
  });

  it("accepts a call to a real tool that was not offered this step", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("write_file", { path: "notes.txt", content: "hello\n" }),
      reply().text("Wrote notes.txt."),
    );
    const { agent, events } = smallcode(server, repo.dir, { projectCommands: { test_command: "true" } });
    const result = await agent.run("Look around.");
    const offered = server.chatRequests[0]!.body.tools.map((t: { function: { name: string } }) => t.function.name);
    expect(offered).not.toContain("write_file");
    expect(result.success).toBe(true);
    expect(repo.read("notes.txt")).toBe("hello\n");
    expect(events.find((e) => e.type === "tool_call")).toMatchObject({ name: "write_file", offered: false });
  });

  it("sends unreadable calls back as an actionable message, and ends with format_error when they persist", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    const broken = '<tool_call>\n{"name": "deploy_to_production", "arguments": {"target": "prod"}}\n</tool_call>';
    server.respond(() => reply().text(broken));
    // No guard detectors: this is about the loop's own handling (the hallucinated_tool guard would step in first).
    const { agent } = smallcode(server, repo.dir, { toolMode: "prompt", guardRegistry: {} });
    const result = await agent.run("Read calc.js.");
    expect(result.reason).toBe("format_error");
    expect(result.success).toBe(false);
    expect(server.chatRequests).toHaveLength(3);
    const feedback = requestText(server.chatRequests[1]!.body);
    expect(feedback).toContain("could not be used");
    expect(feedback).toContain("deploy_to_production");
    expect(result.toolCalls).toEqual([]);
  });
});

describe("the declared guards, with the default detectors (runtime/guards)", () => {
  it("an unknown tool name is answered by the hallucinated_tool guard, whose message reaches the model", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(reply().tool("deploy_to_production", { target: "prod" }), reply().text("I cannot deploy."));
    const { agent, events } = smallcode(server, repo.dir, { projectCommands: { test_command: "true" } });
    const result = await agent.run("Deploy the app.");
    expect(result.reason).toBe("done");
    expect(events.find((e) => e.type === "guard")).toMatchObject({
      type: "guard",
      guard: "hallucinated_tool",
      triggers: 1,
    });
    expect(requestText(server.chatRequests[1]!.body)).toContain("There is no such tool");
  });
});
