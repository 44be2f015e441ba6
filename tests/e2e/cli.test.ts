import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { BUGGY_NODE_PROJECT, FIXED_CALC, makeRepo, PLAIN_PROJECT, runCli, startServer, type Repo } from "./helpers.js";

let server: LlmServer | undefined;
let repo: Repo | undefined;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  server = undefined;
  repo = undefined;
});

const noStackTrace = (text: string): void => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("smallcode run (a real child process)", () => {
  it("fixes a bug in a small repository end to end, headless, after probing the tool mode", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    server.enqueue(
      reply().tool("get_weather", { city: "Paris" }), // the tool-mode probe: native calls work
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", { path: "calc.js", old_text: "return a - b;", new_text: "return a + b;" }),
      reply().tool("bash", { command: "npm test" }),
      reply().text("Fixed: add() now adds."),
    );
    const out = await runCli(
      "smallcode",
      ["run", "The test fails; fix calc.js.", "--base-url", server.baseUrl, "--model", "test-model", "--yes"],
      repo.dir,
    );
    expect(out.stderr).toContain("→ edit_file calc.js");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Fixed: add() now adds.");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(server.chatRequests[1]!.body.tools.length).toBeGreaterThan(0);
    // The probe's answer is cached per model.
    const cache = JSON.parse(readFileSync(join(repo.dir, ".smallcode", "cache", "tool-mode.json"), "utf8"));
    expect(Object.values(cache)).toMatchObject([{ mode: "native" }]);
  });

  it("--json writes one event per line to stdout, ending with done", async () => {
    server = await startServer();
    repo = makeRepo(PLAIN_PROJECT);
    server.enqueue(reply().tool("read_file", { path: "calc.js" }), reply().text("It subtracts."));
    const out = await runCli(
      "smallcode",
      ["run", "What does add do?", "--base-url", server.baseUrl, "--model", "m", "--json", "--tool-mode", "native"],
      repo.dir,
      { SMALLCODE_API_KEY: "k" },
    );
    const events = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; reason?: string });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("run_start");
    for (const t of ["model_request", "tool_call", "tool_result", "model_response"]) expect(types).toContain(t);
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "done" });
    expect(out.code).toBe(0);
  });

  it("refuses a command that needs approval without --yes and without a terminal, and tells model and user", async () => {
    server = await startServer();
    repo = makeRepo(PLAIN_PROJECT);
    repo.write("calc.js", FIXED_CALC); // uncommitted work that `git reset --hard` would discard
    server.enqueue(reply().tool("bash", { command: "git reset --hard" }), reply().text("I could not reset."));
    const args = ["run", "Reset the repo.", "--base-url", server.baseUrl, "--model", "m", "--tool-mode", "native"];
    const out = await runCli("smallcode", args, repo.dir);
    expect(out.stderr).toMatch(/Refused `git reset --hard`.*--yes/);
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    const toModel = server.chatRequests[1]!.body.messages.find((m: { role: string }) => m.role === "tool");
    expect(toModel.content).toContain("Not run");

    server.enqueue(reply().tool("bash", { command: "git reset --hard" }), reply().text("Reset."));
    const approved = await runCli("smallcode", [...args, "--yes"], repo.dir);
    expect(approved.code).toBe(0);
    expect(repo.read("calc.js")).toBe(PLAIN_PROJECT["calc.js"]);
  });

  it("exit codes: 2 for usage errors, 1 with one line when no server answers, 3 when a limit ends the run", async () => {
    repo = makeRepo(BUGGY_NODE_PROJECT);
    const noTask = await runCli("smallcode", ["run"], repo.dir);
    expect(noTask.code).toBe(2);
    expect(noTask.stderr).toContain("no task given");
    const badFlag = await runCli("smallcode", ["run", "x", "--max-turns", "zero"], repo.dir);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("--max-turns");

    server = await startServer();
    const deadUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const dead = await runCli(
      "smallcode",
      ["run", "fix it", "--base-url", deadUrl, "--model", "m", "--tool-mode", "native"],
      repo.dir,
    );
    expect(dead.code).toBe(1);
    expect(dead.stderr.trim().split("\n").at(-1)).toMatch(/^smallcode run: .*(connect|reach|answer|failed)/i);
    noStackTrace(dead.stderr);

    server = await startServer();
    server.respond(() => reply().tool("list_dir", {}));
    const limited = await runCli(
      "smallcode",
      ["run", "look around", "--base-url", server.baseUrl, "--model", "m", "--tool-mode", "native", "--max-turns", "2"],
      repo.dir,
    );
    expect(limited.code).toBe(3);
    expect(limited.stderr).toMatch(/limits: Reached the limit of 2 model turns/);
    expect(server.chatRequests).toHaveLength(2);
    noStackTrace(limited.stderr);
  });

  it("--help lists the options", async () => {
    const out = await runCli("smallcode", ["run", "--help"], process.cwd());
    expect(out.code).toBe(0);
    for (const flag of ["--base-url", "--model", "--yes", "--json", "--max-turns", "--cwd", "--continue", "--resume"]) {
      expect(out.stdout).toContain(flag);
    }
  });
});
