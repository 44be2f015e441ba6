/**
 * A reply the server stops at the output limit (finish_reason "length") is unfinished: the loop does not take its
 * partial prose as the answer, tells the model what happened, and ends the run if it keeps happening.
 */
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { makeRepo, requestText, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

const RAMBLE = "Sure. Here is my plan in detail. First I will look at the structure of the module, then";

describe("replies cut off at the output limit", () => {
  it("are not taken as the answer: the model is told to be brief, and its next reply is used", async () => {
    server = await startServer();
    repo = makeRepo({ "notes.md": "# notes\n" });
    server.enqueue(
      reply().text(RAMBLE).finish("length"),
      reply().tool("write_file", { path: "todo.md", content: "- ship it\n" }),
      reply().text("Wrote todo.md."),
    );
    const { agent } = smallcode(server, repo.dir);
    const result = await agent.run("Create todo.md with one item: ship it.");
    expect(result.reason).toBe("done");
    expect(result.text).toBe("Wrote todo.md.");
    expect(repo.read("todo.md")).toBe("- ship it\n");
    const second = requestText(server.chatRequests[1]!.body);
    expect(second).toMatch(/cut off at the output limit \(\d+ tokens\)/);
  });

  it("end the run as unreadable when every reply is cut off", async () => {
    server = await startServer();
    repo = makeRepo({ "notes.md": "# notes\n" });
    for (let i = 0; i < 5; i++) server.enqueue(reply().text(RAMBLE).finish("length"));
    const { agent } = smallcode(server, repo.dir);
    const result = await agent.run("Explain the notes.");
    expect(result.reason).toBe("format_error");
    expect(result.detail).toMatch(/cut off at the output limit .* 3 times in a row/);
    expect(server.chatRequests).toHaveLength(3);
  });
});
