/**
 * The planning pieces in the loop: a resumed run pins the TODO list and the notes the session saved (and keeps them
 * in every request), a tool result carrying `data.pin` is pinned at once, and the project summary with AGENTS.md
 * reaches the system prompt through `{{project}}`; a resumed run carries the plan, the notes and the guards' view of
 * the earlier turns.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { GuardDetector, TurnRecord } from "../../runtime/agent/guard-api.js";
import { loadSession } from "../../runtime/agent/session-log.js";
import { saveMemory } from "../../runtime/planning/memory.js";
import { saveTodo } from "../../runtime/planning/todo-file.js";
import { todoWriteTool } from "../../runtime/tools/impl/todo-write.js";
import type { ToolSpec } from "../../runtime/tools/types.js";
import {
  call,
  DeterministicClient,
  LOOP_ONLY,
  makeAgent,
  say,
  tempProject,
  testBundle,
  type Fixture,
} from "./deterministic.js";

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

describe("planning in the loop", () => {
  it("a resumed run pins the saved TODO list and notes in every request", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const first = new DeterministicClient([say("Looked around.")]);
    const run1 = await makeAgent(first, fx.dir).agent.run("Plan the work.");
    expect(first.text(0)).not.toContain("TODO-STEP-ONE");
    saveTodo(fx.dir, [
      { id: "1", title: "TODO-STEP-ONE", status: "done" },
      { id: "2", title: "TODO-STEP-TWO", status: "in_progress" },
    ]);
    saveMemory(fx.dir, ["MEMO: the tests run with npm test"]);
    const session = loadSession(join(fx.dir, ".smallcode", "sessions"), run1.sessionId)!;
    const second = new DeterministicClient([call("read_file", { path: "a.txt" }), say("Done.")]);
    const run2 = await makeAgent(second, fx.dir).agent.run("continue", { resume: session });
    expect(run2.reason).toBe("done");
    for (const i of [0, 1]) {
      expect(second.text(i)).toContain("TODO-STEP-ONE");
      expect(second.text(i)).toContain("TODO-STEP-TWO");
      expect(second.text(i)).toContain("MEMO: the tests run with npm test");
    }
  });

  it("the system prompt carries the project summary and AGENTS.md when the template asks for {{project}}", async () => {
    fx = tempProject({
      "package.json": JSON.stringify({ name: "p", scripts: { test: "node test.js" } }),
      "AGENTS.md": "AGENTS-RULE: never touch vendor/.\n",
    });
    const withProject = new DeterministicClient([say("ok")]);
    await makeAgent(withProject, fx.dir).agent.run("Hello");
    const system = withProject.requests[0]!.messages[0]!.content;
    expect(system).toContain("You are SmallCode");
    expect(system).toContain("Test: npm test");
    expect(system).toContain("AGENTS-RULE: never touch vendor/.");
    expect(system).not.toContain("{{project}}");

    // The cap on the summary is the agent's `loop { project_summary }`.
    const capped = new DeterministicClient([say("ok")]);
    const cappedBundle = testBundle({ ...LOOP_ONLY, loop: { ...testBundle().agent.loop, projectSummaryChars: 30 } });
    await makeAgent(capped, fx.dir, { bundle: cappedBundle }).agent.run("Hello");
    const cappedSystem = capped.requests[0]!.messages[0]!.content;
    expect(cappedSystem).not.toContain("AGENTS-RULE");
    expect(cappedSystem.slice(system.indexOf("Project: "))).toHaveLength(30);

    const bare = new DeterministicClient([say("ok")]);
    const bundle = testBundle({ ...LOOP_ONLY, system: "TEAM in {{cwd}}" });
    await makeAgent(bare, fx.dir, { bundle }).agent.run("Hello");
    expect(bare.requests[0]!.messages[0]!.content).toBe(`TEAM in ${fx.dir}`);
  });

  it("todo_write's plan is pinned at once; a step marked done is checked, and reopened when the check fails", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const todoSpec: ToolSpec = {
      name: "todo_write",
      description: "Replace the TODO list.",
      category: "plan",
      pure: false,
      parameters: { type: "object", properties: { items: { type: "array" } }, required: ["items"] },
      nameAliases: [],
      paramAliases: {},
      compact: "todo_write(items) — Replace the TODO list.",
    };
    const base = testBundle(LOOP_ONLY);
    const bundle = {
      ...base,
      tools: [...base.tools, todoSpec],
      agent: {
        ...base.agent,
        tools: [...base.agent.tools, "todo_write"],
        stepCheck: { kind: "shell" as const, command: "test -f done.txt" },
      },
    };
    const plan = (status: string) => call("todo_write", { items: [{ id: "1", title: "MAKE-DONE-FILE", status }] });
    const client = new DeterministicClient([
      plan("in_progress"),
      plan("done"),
      call("write_file", { path: "done.txt", content: "ok\n" }),
      plan("done"),
      say("All steps done."),
    ]);
    const { agent, events } = makeAgent(client, fx.dir, { bundle, extraTools: { todo_write: todoWriteTool } });
    const result = await agent.run("Make the done file, following a plan.");
    expect(result.reason).toBe("done");
    // The plan is pinned from the first todo_write on.
    expect(client.text(0)).not.toContain("MAKE-DONE-FILE");
    for (const i of [1, 2, 3, 4]) expect(client.text(i)).toContain("MAKE-DONE-FILE");
    const checks = events.filter((e) => e.type === "command");
    expect(checks.map((e) => (e.type === "command" ? e.exitCode : undefined))).toEqual([1, 0]);
    // The failed check reopened the step and told the model, with the agent's step_check_failed message.
    expect(client.text(2)).toContain("You marked step 1 done, but the check `test -f done.txt` failed (exit code 1)");
    // The pinned plan (at the tail of the request) shows the step open again, then done once the check passed.
    const pinned = (i: number): string => client.requests[i]!.messages.at(-1)!.content;
    expect(pinned(2)).toContain("(0/1 done)");
    expect(pinned(4)).toContain("(1/1 done)");
  });

  it("a resumed run's guards see the earlier turns: calls, written files and a command's exit code", async () => {
    fx = tempProject({ "a.txt": "alpha\n" });
    const first = new DeterministicClient([
      call("write_file", { path: "b.txt", content: "beta\n" }),
      call("bash", { command: "exit 3" }),
      say("Wrote b.txt."),
    ]);
    const run1 = await makeAgent(first, fx.dir).agent.run("Write b.txt.");
    expect(run1.reason).toBe("done");
    const seen: TurnRecord[][] = [];
    const watcher: GuardDetector = { onReply: (_s, view) => void seen.push([...view.turns]) };
    const spec = {
      name: "watch",
      detector: "watch",
      enabled: true,
      thresholds: {},
      then: { kind: "steer" as const, message: "" },
    };
    const session = loadSession(join(fx.dir, ".smallcode", "sessions"), run1.sessionId)!;
    const second = new DeterministicClient([say("Nothing else to do.")]);
    const { agent } = makeAgent(second, fx.dir, {
      bundle: testBundle(LOOP_ONLY, [spec]),
      registry: { watch: watcher },
    });
    await agent.run("continue", { resume: session });
    const turns = seen[0]!;
    expect(turns.map((t) => t.turn)).toEqual([1, 2, 3]);
    expect(turns[0]!.calls[0]).toMatchObject({
      name: "write_file",
      path: "b.txt",
      outcome: { ok: true, data: { filesTouched: ["b.txt"] } },
    });
    expect(turns[1]!.calls[0]).toMatchObject({
      name: "bash",
      toolFailure: false,
      outcome: { ok: false, data: { exitCode: 3 } },
    });
    expect(turns[2]!.calls).toEqual([]);
  });
});
