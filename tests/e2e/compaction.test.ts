import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer, type RecordedRequest } from "../../bench/server/index.js";
import { makeRepo, requestText, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

/** A file of `lines` distinct lines, about 60 characters each. */
function bigFile(name: string, lines: number): string {
  return Array.from({ length: lines }, (_, i) => `// ${name} line ${i + 1}: ${"x".repeat(40)}`).join("\n") + "\n";
}

const TASK = "TASK-7731: summarise what the modules a.js to n.js contain.";
const isSummaryRequest = (r: RecordedRequest): boolean => requestText(r.body).includes("compacting the history");

describe("context overflow", () => {
  it("compacts older turns with the declared summarize_history prompt and keeps the task pinned", async () => {
    server = await startServer();
    const names = "abcdefghijklmn".split("");
    const files: Record<string, string> = {};
    for (const n of names) files[`${n}.js`] = bigFile(n, 40);
    repo = makeRepo(files);
    const reads = names.map((n) => `${n}.js`);
    let step = 0;
    server.respond((request) => {
      if (isSummaryRequest(request))
        return reply().text("- SUMMARY-OK: read the first modules; each holds numbered x lines.");
      const path = reads[step++];
      return path ? reply().tool("read_file", { path }) : reply().text("Each module holds 40 numbered lines.");
    });
    // 16k window with the built-in budget (85%, 4k reserve, 512 margin): about 9k prompt tokens, compaction at 80%.
    const { agent, events } = smallcode(server, repo.dir, {
      contextWindow: 16000,
      projectCommands: { test_command: "true" },
    });
    const result = await agent.run(TASK);
    expect(result.reason).toBe("done");

    const compactions = events.filter(
      (e) => e.type === "compaction" && e.detail.kind === "compacted" && e.detail.turns > 0,
    );
    expect(compactions.length).toBeGreaterThan(0);
    const chats = server.chatRequests;
    const summaries = chats.filter(isSummaryRequest);
    expect(summaries.length).toBeGreaterThan(0);
    // The summarizer was given the transcript of the old turns.
    expect(requestText(summaries[0]!.body)).toContain("// a line 1:");
    const agentRequests = chats.filter((r) => !isSummaryRequest(r));
    // Every request kept the task, and after the first compaction the summary replaces the old turns.
    for (const r of agentRequests) expect(requestText(r.body)).toContain("TASK-7731");
    const last = agentRequests.at(-1)!;
    expect(requestText(last.body)).toContain("SUMMARY-OK");
    expect(requestText(last.body)).not.toContain("// a line 1:");
    // Nothing was sent over the window: the estimate of every request stays under it.
    const requestsEvents = events.filter((e) => e.type === "model_request");
    for (const e of requestsEvents)
      if (e.type === "model_request") expect(e.promptTokens).toBeLessThanOrEqual(16000 * 0.85 - 4000 - 512);
  });

  it("a resumed session continues from the saved context: the compaction is not redone and the summary stays", async () => {
    server = await startServer();
    const names = "abcdefghij".split("");
    const files: Record<string, string> = {};
    for (const n of names) files[`${n}.js`] = bigFile(n, 40);
    repo = makeRepo(files);
    let step = 0;
    let summaries = 0;
    server.respond((request) => {
      if (isSummaryRequest(request)) {
        summaries++;
        return reply().text(`- SUMMARY-${summaries}: read the first modules.`);
      }
      const path = names[step++];
      return path ? reply().tool("read_file", { path: `${path}.js` }) : reply().text("Each module holds 40 lines.");
    });
    const options = { contextWindow: 16000, projectCommands: { test_command: "true" } };
    const first = smallcode(server, repo.dir, options);
    const done = await first.agent.run(TASK);
    expect(done.reason).toBe("done");
    expect(summaries).toBeGreaterThan(0);
    const before = summaries;
    const requests = server.chatRequests.length;

    const second = smallcode(server, repo.dir, options);
    const resumed = await second.agent.run("Which module did you read last?", { resume: "latest" });
    expect(resumed.reason).toBe("done");
    expect(second.events.find((e) => e.type === "run_start")).toMatchObject({ resumed: true, resumedFrom: "snapshot" });
    // Replaying every message would overflow again and summarize again; the snapshot already holds the summary.
    expect(summaries).toBe(before);
    const next = requestText(server.chatRequests[requests]!.body);
    expect(next).toContain(`SUMMARY-${before}`);
    expect(next).toContain("TASK-7731");
    expect(next).toContain("Which module did you read last?");
    expect(next).not.toContain("// a line 1:");
  });
});
