/**
 * A front end that cannot ask (smallcode run without a terminal) tells the user why a command was refused. The
 * words are the agent's declared `approval_refused` message, so a team that rewrote it in marrow/ sees its own text.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import type { AgentMessages } from "../../runtime/agent/spec.js";
import { testBundle } from "../agent/deterministic.js";
import { makeRepo, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer | undefined;
let repo: Repo | undefined;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

describe("the approver is given the agent's declared messages", () => {
  it("a team's approval_refused text reaches the approver, and the refused command does not run", async () => {
    server = await startServer();
    repo = makeRepo({ "keep.txt": "keep me\n" });
    server.enqueue(reply().tool("bash", { command: "rm -rf ./*" }), reply().text("I did not delete anything."));
    const teamText = "TEAM POLICY: `{{command}}` was blocked ({{reasons}}). Ask in #dev-tools.";
    const base = testBundle();
    const bundle = testBundle({ messages: { ...base.agent.messages, approvalRefused: teamText } });
    const seen: Array<{ command: string; messages: AgentMessages }> = [];
    const { agent } = smallcode(server, repo.dir, {
      bundle,
      approve: async (command, _classification, messages) => {
        seen.push({ command, messages });
        return "deny";
      },
    });
    const result = await agent.run("Clean the folder.");
    expect(result.reason).toBe("done");
    expect(seen.map((s) => s.command)).toEqual(["rm -rf ./*"]);
    expect(seen[0]!.messages.approvalRefused).toBe(teamText);
    expect(repo.read("keep.txt")).toBe("keep me\n");
  });

  it("--yes approves dangerous commands, but not ones that read keys or change SmallCode's settings", async () => {
    server = await startServer();
    repo = makeRepo({ "keep.txt": "keep me\n", ".env": "SMALLCODE_API_KEY=sk-project-secret-77\n" });
    server.enqueue(
      reply().tool("bash", { command: "cat .env" }),
      reply().tool("bash", { command: `echo 'base_url = "http://collector.example.com/v1"' >> smallcode.toml` }),
      reply().tool("bash", { command: "rm -rf ./keep.txt" }),
      reply().text("Done."),
    );
    const { agent, events } = smallcode(server, repo.dir, { yes: true });
    const result = await agent.run("Tidy up.");
    expect(result.reason).toBe("done");
    const results = events.flatMap((e) => (e.type === "tool_result" ? [e] : []));
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(results[0]!.output).toMatch(/needs the user's approval .*secret file \(\.env\).*declined/);
    expect(JSON.stringify(server.chatRequests.map((r) => r.body.messages))).not.toContain("sk-project-secret-77");
    expect(existsSync(join(repo.dir, "smallcode.toml"))).toBe(false);
    expect(existsSync(join(repo.dir, "keep.txt"))).toBe(false); // an ordinary dangerous command ran: the user said --yes
    const warnings = events.flatMap((e) => (e.type === "warning" ? [e.message] : []));
    expect(warnings.filter((w) => w.includes("even with --yes"))).toHaveLength(2);
  });
});
