/**
 * premature_finish, as declared in marrow/guards.marrow, with the in-process deterministic model: it holds back a
 * reply that announces a step instead of taking it, or that ends a change task with nothing changed; it stays quiet on
 * a healthy summary after edits and on a question the model answers by saying no change is needed; and after
 * `max_in_a_row` it lets the finish through.
 */
import { afterEach, describe, expect, it } from "vitest";
import { premature_finish } from "../../generated/guards.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { announcement, asksForChange, prematureFinish } from "../../runtime/guards/premature-finish.js";
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

const SUM =
  "function sum(xs) {\n  let t = 0;\n  for (let i = 0; i <= xs.length; i++) t += xs[i] ?? 0;\n  return t;\n}\n";
const FIX = { path: "sum.js", old_text: "i <= xs.length", new_text: "i < xs.length" };
const STEER = "Call the tool now, in your next reply, instead of describing it.";

function agentFor(client: DeterministicClient) {
  return makeAgent(client, fx.dir, {
    bundle: testBundle(LOOP_ONLY, [premature_finish]),
    registry: { premature_finish: prematureFinish },
  });
}

const fired = (events: AgentEvent[]) =>
  events.filter(
    (e): e is Extract<AgentEvent, { type: "guard" }> => e.type === "guard" && e.guard === "premature_finish",
  );

describe("premature_finish fires", () => {
  it("on a first reply that announces the step: the model is told to call the tool, and the task gets done", async () => {
    fx = tempProject({ "sum.js": SUM });
    const client = new DeterministicClient([
      say("I'll read the file first."),
      call("read_file", { path: "sum.js" }),
      call("edit_file", FIX),
      say("Fixed the off-by-one in sum()."),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("Fix the off-by-one bug in sum.js.");
    expect(result.reason).toBe("done");
    expect(result.text).toBe("Fixed the off-by-one in sum().");
    expect(fx.read("sum.js")).toContain("i < xs.length");
    expect(fired(events).map((e) => [e.turn, e.action])).toEqual([[1, "steer"]]);
    expect(client.text(1)).toContain(STEER);
    expect(client.text(1)).toContain('announced a step ("I\'ll read the file first.")');
  });

  it("on prose that ends a change task with nothing changed and no command run", async () => {
    fx = tempProject({ "sum.js": SUM });
    const client = new DeterministicClient([
      call("read_file", { path: "sum.js" }),
      say("The loop in sum.js runs one step past the end of the array."),
      call("edit_file", FIX),
      say("Fixed the off-by-one in sum()."),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("Fix the off-by-one bug in sum.js.");
    expect(result.reason).toBe("done");
    expect(fx.read("sum.js")).toContain("i < xs.length");
    expect(fired(events).map((e) => e.turn)).toEqual([2]);
    expect(client.text(2)).toContain(
      "The task asks for a change, and no file has been changed and no command run yet.",
    );
    expect(client.text(2)).toContain("If you believe the task needs no change, say so explicitly and why.");
  });

  it("at most max_in_a_row times in a row, then lets the finish through", async () => {
    fx = tempProject({ "sum.js": SUM });
    const client = new DeterministicClient([
      say("Let me look at sum.js."),
      say("Next I will edit sum.js."),
      say("I will fix it later."),
      say("never asked"),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("Fix the off-by-one bug in sum.js.");
    expect(result.reason).toBe("done");
    expect(result.text).toBe("I will fix it later.");
    expect(client.requests).toHaveLength(3);
    expect(fired(events)).toHaveLength(2);
  });
});

describe("premature_finish stays quiet", () => {
  it("on a healthy final summary after edits (a courtesy 'let me know' included)", async () => {
    fx = tempProject({ "sum.js": SUM });
    const client = new DeterministicClient([
      call("read_file", { path: "sum.js" }),
      call("edit_file", FIX),
      say(
        "Fixed the off-by-one in sum(): the loop now stops at the last element. Let me know if you need anything else.",
      ),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("Fix the off-by-one bug in sum.js.");
    expect(result.reason).toBe("done");
    expect(client.requests).toHaveLength(3);
    expect(fired(events)).toEqual([]);
  });

  it("on a question where the model says explicitly that no change is needed", async () => {
    fx = tempProject({ "sum.js": "function sum(xs) {\n  return xs.reduce((a, b) => a + b, 0);\n}\n" });
    const client = new DeterministicClient([
      call("read_file", { path: "sum.js" }),
      say("No change is needed: sum() already returns 0 for an empty list, because reduce starts from 0."),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("Does sum() in sum.js handle an empty list? Fix it if it does not.");
    expect(result.reason).toBe("done");
    expect(client.requests).toHaveLength(2);
    expect(fired(events)).toEqual([]);
  });

  it("on a plain question answered in prose", async () => {
    fx = tempProject({ "sum.js": SUM });
    const client = new DeterministicClient([
      call("read_file", { path: "sum.js" }),
      say("It exports nothing; sum is a plain function."),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("What does sum.js export?");
    expect(result.reason).toBe("done");
    expect(fired(events)).toEqual([]);
  });

  it("when a command ran (the change may have been made through the shell)", async () => {
    fx = tempProject({ "sum.js": SUM });
    const client = new DeterministicClient([
      call("bash", { command: "sed -i 's/i <= xs.length/i < xs.length/' sum.js" }),
      say("Fixed the loop bound with sed."),
    ]);
    const { agent, events } = agentFor(client);
    const result = await agent.run("Fix the off-by-one bug in sum.js.");
    expect(result.reason).toBe("done");
    expect(fired(events)).toEqual([]);
  });
});

describe("what counts as announcing (the declared phrases)", () => {
  const announces: Array<[string, boolean]> = [
    ["I'll read the file first.", true],
    ["Let me look at src/app.ts", true],
    ["Next I will edit src/app.ts.", true],
    ["I should now run the command for the tests to continue with the task.", true],
    ["The next step is to edit src/app.ts. Let me know if you want me to proceed.", true],
    ["Okay, now let me check the tests.", true],
    ["Here is the change I will make:", true],
    ["I’m going to rename the function.", true],
    ["Fixed the off-by-one in sum(). Let me know if you need anything else.", false],
    ["Renamed getUser to fetchUser in 3 files; the tests pass.", false],
    ["The function returns the sum of its arguments.", false],
    ["I've updated the config: the port is now 8080.", false],
  ];
  it.each(announces)("%s → %s", (text, expected) => {
    expect(announcement(premature_finish, text) !== undefined).toBe(expected);
  });

  const tasks: Array<[string, boolean]> = [
    ["Fix the failing test", true],
    ["Rename getUser to fetchUser everywhere", true],
    ["Add a --verbose flag", true],
    ["The test in test/sum.test.js fails. Fix the bug in src/sum.js.", true],
    ["Can you fix the login bug?", true],
    ["Please add a --verbose flag.", true],
    ["Read config.json, then update the port to 8080", true],
    ["What does add do?", false],
    ["Which file should I change to fix the build?", false],
    ["What does src/app.ts export?", false],
    ["Explain how the parser handles errors", false],
  ];
  it.each(tasks)("task %s asks for a change → %s", (task, expected) => {
    expect(asksForChange(premature_finish, task)).toBe(expected);
  });
});
