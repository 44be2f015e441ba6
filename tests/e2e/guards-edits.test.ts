/**
 * Edit guards end to end, against the test server in a temp git repository: a write to a file the model has not
 * read is refused and then done properly after a read; a patch spiral on one file is called out, and the model
 * resolves it by re-reading and making a smaller edit.
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

type ToolResult = Extract<AgentEvent, { type: "tool_result" }>;
const toolResults = (events: AgentEvent[]) => events.filter((e): e is ToolResult => e.type === "tool_result");

const FIX = { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" };

describe("read before write", () => {
  it("refuses an edit of an unread file with a hint, then applies it after a read", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().text("I know this bug; fixing it directly.").tool("edit_file", FIX),
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", FIX),
      reply().text("Fixed add() in calc.js after reading it."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    const edits = toolResults(events).filter((e) => e.name === "edit_file");
    expect(edits.map((e) => [e.ok, e.handledBy])).toEqual([
      [false, "read_before_write"],
      [true, undefined],
    ]);
    // The refusal reached the model as the edit's result, with the declared text and the exact call to make.
    const second = requestText(server.chatRequests[1]!.body);
    expect(second).toContain("Read the file with read_file before you change it");
    expect(second).toContain('Call read_file with {"path": "calc.js"} first');
    // The refused edit changed nothing on disk before the read.
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([
      ["edit_file", false],
      ["read_file", true],
      ["edit_file", true],
    ]);
  });

  it("lets a new file be written without a read", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("write_file", { path: "NOTES.md", content: "# Notes\n" }),
      reply().text("Added NOTES.md."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("Add a NOTES.md file.");
    expect(result.filesChanged).toEqual(["NOTES.md"]);
    expect(toolResults(events).every((e) => e.handledBy === undefined)).toBe(true);
  });
});

describe("patch spiral", () => {
  it("after repeated failed edits of one file the model is told to re-read and make a smaller edit, and that works", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    // Four different edits whose old_text is nowhere in the file (a model editing from a wrong memory of it).
    const wrong = (n: number) =>
      reply().tool("edit_file", {
        path: "calc.js",
        old_text: `const total${n} = values.reduce((sum, v) => sum - v, ${n});`,
        new_text: `const total${n} = values.reduce((sum, v) => sum + v, ${n});`,
      });
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      wrong(1),
      wrong(2),
      wrong(3),
      wrong(4),
      reply().text("Re-reading the file as told.").tool("read_file", { path: "calc.js", start_line: 1, end_line: 3 }),
      reply().tool("edit_file", { path: "calc.js", old_text: "a - b", new_text: "a + b" }),
      reply().text("Fixed add() with a one-line edit."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    const spiral = events.filter((e) => e.type === "guard" && e.guard === "patch_spiral");
    expect(spiral).toHaveLength(1);
    expect(spiral[0]).toMatchObject({ action: "steer", turn: 5 });
    // The request after the fourth failure carries the steer, naming the file.
    const sixth = requestText(server.chatRequests[5]!.body);
    expect(sixth).toContain("Re-read the file with read_file, then make a smaller edit");
    expect(sixth).toContain("4 edits of calc.js have failed in a row.");
    // The edit tool kept working: trust decay demoted it at most, never dropped it.
    const lastRequestTools = events.filter((e) => e.type === "model_request").at(-1);
    expect(lastRequestTools?.type === "model_request" && lastRequestTools.tools).toContain("edit_file");
  });
});
