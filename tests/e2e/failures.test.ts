import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { BUGGY_NODE_PROJECT, makeRepo, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

describe("server failures are survived", () => {
  it("a 500 error and a stream dropped midway both end in a finished run", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().httpError(500, "model crashed"),
      reply().tool("read_file", { path: "calc.js" }),
      reply()
        .text("Looking at the file, the bug is in add() which subtracts instead of adding.")
        .chunked(6)
        .streamError(2),
      reply().text("add() subtracts; it should add."),
    );
    const { agent, events } = smallcode(server, repo.dir, { projectCommands: { test_command: "true" } });
    const result = await agent.run("Why does the test fail?");
    expect(result.reason).toBe("done");
    expect(result.text).toBe("add() subtracts; it should add.");
    const chats = server.chatRequests;
    expect(chats).toHaveLength(4);
    // The client retried the 500 with the same request.
    expect(chats[1]!.body.messages).toEqual(chats[0]!.body.messages);
    // The turn whose stream broke was asked again without any of the partial reply in the history.
    expect(chats[3]!.body.messages).toEqual(chats[2]!.body.messages);
    expect(JSON.stringify(chats[3]!.body.messages)).not.toContain("Looking at the file");
    expect(events.some((e) => e.type === "warning" && /asking again/.test(e.message))).toBe(true);
  });

  it("a server that stays down ends the run with reason error and a one-line explanation", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.respond(() => reply().httpError(503, "overloaded"));
    const { agent } = smallcode(server, repo.dir);
    const result = await agent.run("Why does the test fail?");
    expect(result.success).toBe(false);
    expect(result.reason).toBe("error");
    expect(result.detail).toMatch(/model server failed/);
    expect(result.detail).not.toContain("\n");
  });
});
