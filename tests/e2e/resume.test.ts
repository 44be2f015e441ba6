import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import {
  BUGGY_NODE_PROJECT,
  collect,
  FIXED_CALC,
  makeRepo,
  runCli,
  spawnCli,
  startServer,
  waitFor,
  type Repo,
} from "./helpers.js";

let server: LlmServer | undefined;
let repo: Repo | undefined;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

describe("sessions", () => {
  it("a run killed mid-request loses nothing: --continue rebuilds the history and finishes", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", { path: "calc.js", old_text: "return a - b;", new_text: "return a + b;" }),
      reply().hang(), // the third request never answers: the process is killed while it waits
    );
    const base = ["--base-url", server.baseUrl, "--model", "m", "--tool-mode", "native", "--yes"];
    const child = spawnCli("smallcode", ["run", "Fix the bug in calc.js.", ...base], repo.dir);
    const exited = collect(child);
    await waitFor(() => server!.chatRequests.length === 3);
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    const sessions = readdirSync(join(repo.dir, ".smallcode", "sessions"));
    expect(sessions).toHaveLength(1);
    const killedAt = server.chatRequests[2]!.body.messages;

    server.enqueue(reply().text("Fixed add(): it subtracted."));
    const out = await runCli("smallcode", ["run", "--continue", ...base], repo.dir);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("(resumed)");
    const resumed = server.chatRequests[3]!.body.messages;
    // Everything the killed run had sent is there, in order (up to the pinned block at the tail), then the follow-up,
    // followed by the same pinned block.
    expect(resumed.slice(0, killedAt.length - 1)).toEqual(killedAt.slice(0, -1));
    expect(resumed.at(-1).content).toBe(`continue\n\n${killedAt.at(-1).content}`);
    // Same session file, both runs in it.
    expect(readdirSync(join(repo.dir, ".smallcode", "sessions"))).toEqual(sessions);
    const records = readFileSync(join(repo.dir, ".smallcode", "sessions", sessions[0]!), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string; event?: { type: string; reason?: string } });
    expect(records.filter((r) => r.kind === "meta")).toHaveLength(1);
    expect(records.filter((r) => r.kind === "resume")).toHaveLength(1);
    expect(records.at(-1)).toMatchObject({ kind: "event", event: { type: "done", reason: "done" } });
  });

  it("Ctrl-C (SIGINT) ends the run as aborted with exit code 130, and the log records it", async () => {
    server = await startServer();
    repo = makeRepo({ "notes.md": "# notes\n" });
    server.enqueue(reply().tool("read_file", { path: "notes.md" }), reply().hang());
    const args = ["run", "Read notes.md.", "--base-url", server.baseUrl, "--model", "m", "--tool-mode", "native"];
    const child = spawnCli("smallcode", args, repo.dir);
    const exited = collect(child);
    await waitFor(() => server!.chatRequests.length === 2);
    child.kill("SIGINT");
    const out = await exited;
    expect(out.code).toBe(130);
    expect(out.stderr.trim().split("\n").at(-1)).toBe("smallcode run: aborted: The run was interrupted.");
    const [file] = readdirSync(join(repo.dir, ".smallcode", "sessions"));
    const last = readFileSync(join(repo.dir, ".smallcode", "sessions", file!), "utf8")
      .trim()
      .split("\n")
      .at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ kind: "event", event: { type: "done", reason: "aborted" } });
  });

  it("--resume ID continues a named session with a follow-up; an unknown ID is a one-line error", async () => {
    server = await startServer();
    repo = makeRepo({ "notes.md": "# notes\n" });
    server.enqueue(reply().tool("read_file", { path: "notes.md" }), reply().text("It is a heading."));
    const base = ["--base-url", server.baseUrl, "--model", "m", "--tool-mode", "native"];
    const first = await runCli("smallcode", ["run", "What is in notes.md?", ...base, "--json"], repo.dir);
    const start = JSON.parse(first.stdout.split("\n")[0]!) as { sessionId: string };
    server.enqueue(reply().text("Still a heading."));
    const second = await runCli("smallcode", ["run", "And now?", "--resume", start.sessionId, ...base], repo.dir);
    expect(second.code).toBe(0);
    const messages = server.chatRequests[2]!.body.messages as Array<{ role: string; content: string }>;
    expect(messages.at(-1)).toEqual({ role: "user", content: "And now?" });
    expect(messages.some((m) => m.role === "tool" && m.content.includes("# notes"))).toBe(true);
    const unknown = await runCli("smallcode", ["run", "x", "--resume", "nope", ...base], repo.dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^smallcode run: No session nope/);
  });
});
