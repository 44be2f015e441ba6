import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSession, latestSessionId } from "../../runtime/agent/session-log.js";
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

let fx: Fixture;
afterEach(() => fx?.cleanup());

const FAILING_CHECK = {
  stages: [
    { name: "act", action: { kind: "loop" as const, until: "done" }, next: "verify" },
    {
      name: "verify",
      action: { kind: "run" as const, command: { kind: "shell" as const, command: "grep -q fixed state.txt" } },
      next: "done",
      onFail: { kind: "retry" as const, stage: "act", times: 1, otherwise: { kind: "rollback" as const } },
    },
  ],
  initialStage: "act",
};

describe("the stage machine", () => {
  it("a failing run stage sends its output back to the loop stage, retries, then rolls every edit back", async () => {
    fx = tempProject({ "state.txt": "broken\n" });
    const client = new DeterministicClient([
      call("write_file", { path: "state.txt", content: "still broken\n" }),
      say("done once"),
      call("write_file", { path: "new.txt", content: "created\n" }),
      say("done twice"),
    ]);
    const { agent, events } = makeAgent(client, fx.dir, { bundle: testBundle(FAILING_CHECK) });
    const result = await agent.run("fix state.txt");
    expect(result.reason).toBe("error");
    expect(result.detail).toMatch(/stage verify failed; the run's edits were rolled back/i);
    // The check's failure reached the model when the act stage was re-entered.
    expect(client.text(2)).toContain("The check `grep -q fixed state.txt` failed (exit code 1)");
    // Rollback: the edit is undone and the created file is gone.
    expect(fx.read("state.txt")).toBe("broken\n");
    expect(readdirSync(fx.dir)).not.toContain("new.txt");
    expect(result.filesChanged).toEqual([]);
    expect(events.filter((e) => e.type === "stage").map((e) => e.type === "stage" && `${e.stage}#${e.visit}`)).toEqual([
      "act#1",
      "verify#1",
      "act#2",
      "verify#2",
    ]);
  });

  it("a passing run stage ends the run done; a missing project command skips the stage with a warning", async () => {
    fx = tempProject({ "state.txt": "broken\n" });
    const passing = {
      ...FAILING_CHECK,
      stages: [
        FAILING_CHECK.stages[0]!,
        {
          ...FAILING_CHECK.stages[1]!,
          action: { kind: "run" as const, command: { kind: "project" as const, key: "test_command" } },
        },
      ],
    };
    const client = new DeterministicClient([say("nothing to do")]);
    const { agent, events } = makeAgent(client, fx.dir, { bundle: testBundle(passing) });
    const result = await agent.run("check");
    expect(result.reason).toBe("done");
    expect(events.some((e) => e.type === "warning" && /No test_command is known/.test(e.message))).toBe(true);
  });

  it("the turn limit ends the run with limits; an abort signal with aborted", async () => {
    fx = tempProject({ "a.txt": "a\n" });
    const many = Array.from({ length: 10 }, () => call("list_dir", {}));
    const limited = makeAgent(new DeterministicClient([...many]), fx.dir, { maxTurns: 3 });
    expect(await limited.agent.run("look")).toMatchObject({ reason: "limits", turns: 3 });

    const controller = new AbortController();
    const client = new DeterministicClient([
      () => {
        controller.abort();
        return { stopReason: "aborted" };
      },
    ]);
    const aborted = makeAgent(client, fx.dir, { signal: controller.signal });
    expect(await aborted.agent.run("look")).toMatchObject({ reason: "aborted", success: false });
  });

  it("empty replies are answered with an instruction, then end with format_error", async () => {
    fx = tempProject({});
    const client = new DeterministicClient([say(""), say("")]);
    const { agent } = makeAgent(client, fx.dir);
    const result = await agent.run("task");
    expect(result.reason).toBe("format_error");
    expect(client.text(1)).toContain("Your reply was empty");
  });

  it("reasoning never goes back into the history", async () => {
    fx = tempProject({ "a.txt": "a\n" });
    const client = new DeterministicClient([
      { ...call("read_file", { path: "a.txt" }), reasoning: "SECRET-THOUGHT" },
      say("ok"),
    ]);
    const { agent } = makeAgent(client, fx.dir);
    await agent.run("read a.txt");
    expect(client.text(1)).not.toContain("SECRET-THOUGHT");
  });
});

describe("shell-backed tools", () => {
  it("run through the persistent shell with every {{param}} shell-quoted", async () => {
    fx = tempProject({ "it's here.txt": "1\n2\n3\n" });
    const bundle = testBundle(LOOP_ONLY);
    const tool = {
      name: "count_lines",
      description: "Count lines.",
      category: "read",
      pure: true,
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
      nameAliases: [],
      paramAliases: {},
      shell: "wc -l < {{path}}",
      compact: "count_lines(path: string) — Count lines.",
    };
    const withTool = {
      ...bundle,
      tools: [...bundle.tools, tool],
      agent: { ...bundle.agent, tools: [...bundle.agent.tools, "count_lines"] },
    };
    const client = new DeterministicClient([
      call("count_lines", { path: "it's here.txt" }),
      call("count_lines", { path: "x; touch pwned" }),
      say("3"),
    ]);
    const { agent, events } = makeAgent(client, fx.dir, { bundle: withTool });
    await agent.run("count");
    const results = events.filter((e) => e.type === "tool_result");
    expect(results[0]).toMatchObject({ ok: true, output: expect.stringMatching(/^3\b/) });
    expect(results[1]).toMatchObject({ ok: false });
    expect(readdirSync(fx.dir)).not.toContain("pwned");
  });
});

describe("the session log", () => {
  it("holds the history and events, skips a torn last line, and names the latest session", async () => {
    fx = tempProject({ "a.txt": "a\n" });
    const client = new DeterministicClient([call("read_file", { path: "a.txt" }), say("done")]);
    const { agent } = makeAgent(client, fx.dir);
    const result = await agent.run("read a.txt");
    const dir = join(fx.dir, ".smallcode", "sessions");
    expect(latestSessionId(dir)).toBe(result.sessionId);
    appendFileSync(join(dir, `${result.sessionId}.jsonl`), '{"kind":"message","mess');
    const loaded = loadSession(dir, result.sessionId)!;
    expect(loaded.task).toBe("read a.txt");
    expect(loaded.skippedLines).toBe(1);
    expect(loaded.messages.map((m) => m.message.role)).toEqual(["assistant", "tool", "assistant"]);
    expect(loaded.lastDone).toMatchObject({ reason: "done" });
  });
});
