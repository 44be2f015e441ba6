/**
 * Validation end to end, against the test server in a temp git repository: failing tests do not demote `bash`; a
 * validation failure that outlasts its retries rolls the run back (configured in a team override) and the user is
 * told exactly what was undone; a multi-step task completes through its TODO list, validated at each step.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { build } from "../../compiler/build.js";
import * as declarations from "../../generated/index.js";
import { Agent } from "../../runtime/agent/agent.js";
import { bundleFromDeclarations, type Declarations } from "../../runtime/agent/bundle.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import type { AgentBundle } from "../../runtime/agent/types.js";
import { createModelClient } from "../../runtime/model/client.js";
import { memoryTool } from "../../runtime/tools/impl/memory.js";
import { todoWriteTool } from "../../runtime/tools/impl/todo-write.js";
import { BUGGY_NODE_PROJECT, FIXED_CALC, makeRepo, requestText, smallcode, startServer, type Repo } from "./helpers.js";

let server: LlmServer;
let repo: Repo;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

const FIX = { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" };
const ORIGINAL_CALC = BUGGY_NODE_PROJECT["calc.js"];

describe("failing tests", () => {
  it("do not demote or drop bash, however often they fail", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    // Seven failing runs (more than trust_decay's drop_after), varied so no repeat guard interferes.
    const commands = [
      "npm test",
      "node test.js",
      "npm test --silent",
      "node ./test.js",
      "npm run test",
      "node test",
      "npm t",
    ];
    const script = commands.flatMap((command, i) => [
      reply().tool("bash", { command }),
      ...(i % 2 === 0 ? [reply().tool("read_file", { path: i % 4 === 0 ? "calc.js" : "test.js" })] : []),
    ]);
    server.enqueue(
      ...script,
      reply().tool("edit_file", FIX),
      reply().tool("bash", { command: "npm test" }),
      reply().text("Fixed add(); the tests pass now."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    const bashResults = events.filter((e) => e.type === "tool_result" && e.name === "bash");
    expect(bashResults.filter((e) => e.type === "tool_result" && !e.ok)).toHaveLength(7);
    expect(events.filter((e) => e.type === "guard" && e.guard === "trust_decay")).toEqual([]);
    const requests = events.filter(
      (e): e is Extract<AgentEvent, { type: "model_request" }> => e.type === "model_request",
    );
    for (const r of requests.slice(1)) expect(r.tools).toContain("bash");
    expect(requestText(server.chatRequests.at(-1)!.body)).not.toContain("is not available any more");
  });
});

const ROLLBACK_TEAM = `// Our policy: one more try after a failed check, then undo everything.
extend agent smallcode {
  stage verify {
    run: project.test_command
    on_fail: retry(act, 1, rollback)
    next: done
  }
}
`;

describe("validation failure", () => {
  it("once its retries are used up, rolls the edits back and tells the user exactly what was undone", async () => {
    server = await startServer();
    repo = makeRepo(BUGGY_NODE_PROJECT);
    mkdirSync(join(repo.dir, ".smallcode", "marrow"), { recursive: true });
    writeFileSync(join(repo.dir, ".smallcode", "marrow", "team.marrow"), ROLLBACK_TEAM);
    expect((await build(repo.dir)).kind).toBe("written");
    server.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", { path: "calc.js", old_text: "  return a - b;", new_text: "  return a * b;" }),
      reply().tool("write_file", { path: "NOTES.md", content: "add() multiplies now\n" }),
      reply().text("Fixed add()."),
      // The check failed; the model is sent back once and gets it wrong again.
      reply().tool("edit_file", { path: "calc.js", old_text: "  return a * b;", new_text: "  return b - a;" }),
      reply().text("Fixed add() for real this time."),
    );
    const { agent, events } = smallcode(server, repo.dir);
    const result = await agent.run("The test fails. Fix the bug in calc.js.");

    expect(result.success).toBe(false);
    expect(result.detail).toMatch(/rolled back/);
    expect(repo.read("calc.js")).toBe(ORIGINAL_CALC);
    expect(() => repo.read("NOTES.md")).toThrow();
    expect(result.filesChanged).toEqual([]);
    const checks = events.filter((e) => e.type === "command");
    expect(checks.map((e) => e.type === "command" && e.exitCode !== 0)).toEqual([true, true]);
    // The model saw the failing check's output before its second try.
    expect(requestText(server.chatRequests[4]!.body)).toMatch(/The check `.*` failed \(exit code 1\)/);
    // The user is told file by file what was undone.
    const told = events
      .filter((e) => e.type === "warning")
      .map((e) => (e.type === "warning" ? e.message : ""))
      .join("\n");
    expect(told).toMatch(/restored calc\.js/);
    expect(told).toMatch(/deleted NOTES\.md \(created in that turn\)/);
  }, 60_000);
});

/**
 * The built-in agent with the planning tools offered: SmallCode's API has no hook for extra tool implementations, so
 * this builds the Agent the way cli/api.ts does (real model client over HTTP, built-in declarations) and supplies
 * todo_write and memory through AgentOptions.extraTools.
 */
function planningAgent(cwd: string): { agent: Agent; events: AgentEvent[] } {
  const base = bundleFromDeclarations(declarations as unknown as Declarations, "built-in");
  if (typeof base === "string") throw new Error(base);
  const bundle: AgentBundle = {
    ...base,
    agent: { ...base.agent, tools: [...base.agent.tools, "todo_write", "memory"] },
  };
  const client = createModelClient({
    baseUrl: server.baseUrl,
    model: "test-model",
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 5000,
    compat: { nativeTools: true },
  });
  const agent = new Agent({
    bundle,
    client,
    toolMode: "native",
    cwd,
    extraTools: { todo_write: todoWriteTool, memory: memoryTool },
  });
  const events: AgentEvent[] = [];
  agent.on((e) => events.push(e));
  return { agent, events };
}

describe("planning", () => {
  it("a multi-step task completes through its TODO list, each step validated before it counts", async () => {
    server = await startServer();
    repo = makeRepo({ ...BUGGY_NODE_PROJECT, "README.md": "# calc\n" });
    const plan = (s1: string, s2: string) =>
      reply().tool("todo_write", {
        items: [
          { id: "1", title: "Fix add() in calc.js", status: s1, done_when: "npm test passes" },
          { id: "2", title: "Document add() in README.md", status: s2 },
        ],
      });
    server.enqueue(
      plan("in_progress", "pending"),
      reply().tool("memory", { action: "add", note: "NOTE-1: the tests run with npm test" }),
      plan("done", "pending"), // too early: the tests still fail, so the step is reopened
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", FIX),
      plan("done", "in_progress"),
      reply().tool("read_file", { path: "README.md" }),
      reply().tool("edit_file", {
        path: "README.md",
        old_text: "# calc\n",
        new_text: "# calc\n\nadd(a, b) returns a + b.\n",
      }),
      plan("done", "done"),
      reply().text("Both steps are done."),
    );
    const { agent, events } = planningAgent(repo.dir);
    const result = await agent.run("Fix add() in calc.js, then document it in README.md.");

    expect(result.reason).toBe("done");
    expect(repo.read("calc.js")).toBe(FIXED_CALC);
    expect(repo.read(".smallcode/todo.md")).toContain("- [x] 1. Fix add() in calc.js (done when: npm test passes)");
    expect(repo.read(".smallcode/todo.md")).toContain("- [x] 2. Document add() in README.md");
    // Each step marked done was checked with the project's tests: the premature one failed and was reopened.
    const checks = events.filter((e): e is Extract<AgentEvent, { type: "command" }> => e.type === "command");
    expect(checks.map((c) => [c.stage, c.exitCode === 0])).toEqual([
      ["act", false],
      ["act", true],
      ["act", true],
      ["verify", true],
    ]);
    const afterEarly = requestText(server.chatRequests[3]!.body);
    expect(afterEarly).toMatch(/You marked step 1 done, but the check `.*` failed/);
    expect(afterEarly).toContain("- [~] 1. Fix add() in calc.js");
    // The plan and the notes are pinned in every request after they were written.
    for (const r of server.chatRequests.slice(2)) {
      expect(requestText(r.body)).toContain("Document add() in README.md");
      expect(requestText(r.body)).toContain("NOTE-1: the tests run with npm test");
    }
  });
});
