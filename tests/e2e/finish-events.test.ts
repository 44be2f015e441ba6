/**
 * What the event stream reports about parsing, end to end over the test server: tool_call events carry the parser's
 * repairs (so the benchmark counts them exactly), unreadable calls are parse_diagnostic events; and edit_file's
 * declared replace_all reaches the implementation.
 */
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { makeRepo, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

const of = <T extends AgentEvent["type"]>(events: AgentEvent[], type: T) =>
  events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);

describe("parser events", () => {
  it("a drifted parameter is repaired and the repair is on the tool_call event; a cut-off call is a parse_diagnostic", async () => {
    server = await startServer();
    repo = makeRepo({ "notes.txt": "alpha\n" });
    server.enqueue(
      reply().text('<tool_call>\n{"name": "read_file", "arguments": {"path": "notes.'),
      reply().tool("read_file", { file_path: "notes.txt" }),
      reply().text("notes.txt says alpha."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("What does notes.txt say?");

    expect(result.reason).toBe("done");
    const diags = of(events, "parse_diagnostic");
    expect(diags.map((d) => d.turn)).toEqual([1]);
    expect(diags[0]?.message).toBeTruthy();
    const calls = of(events, "tool_call");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.arguments).toEqual({ path: "notes.txt" });
    expect(calls[0]?.repairs?.some((r) => r.includes("file_path"))).toBe(true);
  });
});

describe("edit_file replace_all", () => {
  it("is declared, so a call that sets it replaces every occurrence", async () => {
    server = await startServer();
    repo = makeRepo({ "names.txt": "getUser\nx = getUser()\ny = getUser()\n" });
    server.enqueue(
      reply().tool("read_file", { path: "names.txt" }),
      reply().tool("edit_file", { path: "names.txt", old_text: "getUser", new_text: "fetchUser", replace_all: true }),
      reply().text("Renamed every getUser to fetchUser."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("Rename getUser to fetchUser in names.txt.");

    expect(result.reason).toBe("done");
    expect(repo.read("names.txt")).toBe("fetchUser\nx = fetchUser()\ny = fetchUser()\n");
    const edit = of(events, "tool_call").find((e) => e.name === "edit_file");
    expect(edit?.arguments["replace_all"]).toBe(true);
    // The schema the model is offered declares it (in whichever request edit_file was routed in).
    const offered = server.chatRequests
      .flatMap((r) => (r.body as { tools?: Array<{ function: { name: string; parameters: unknown } }> }).tools ?? [])
      .find((t) => t.function.name === "edit_file");
    expect(JSON.stringify(offered?.function.parameters ?? {})).toContain("replace_all");
  });
});
