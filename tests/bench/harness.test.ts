/**
 * The harness end to end on small throwaway tasks, with the reference replayed over the project's test server:
 * protected files are restored (an agent that edits the test to pass fails), time limits end the run, and a
 * timed-out verify command takes its whole process group with it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAttempt } from "../../bench/harness/attempt.js";
import { isAlive, runInGroup } from "../../bench/harness/proc.js";
import { loadTasks } from "../../bench/harness/tasks.js";
import type { TaskDef } from "../../bench/harness/types.js";
import { restoreProtected } from "../../bench/harness/workspace.js";

const root = mkdtempSync(join(tmpdir(), "bench-harness-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const REPO: Record<string, string> = {
  "calc.js": "exports.add = (a, b) => a - b;\n",
  "test/calc.test.js":
    'const test = require("node:test");\nconst assert = require("node:assert");\nconst { add } = require("../calc.js");\ntest("add", () => assert.strictEqual(add(2, 3), 5));\n',
};

function makeTask(id: string, reference: string, limits = "{ max_turns: 8, timeout_s: 60 }"): TaskDef {
  const dir = join(root, "smoke", id);
  for (const [rel, text] of Object.entries(REPO)) {
    mkdirSync(join(dir, "repo", rel, ".."), { recursive: true });
    writeFileSync(join(dir, "repo", rel), text);
  }
  writeFileSync(
    join(dir, "task.yaml"),
    `id: ${id}\nsuite: smoke\nlanguage: javascript\nprompt: "Fix add() in calc.js."\nlimits: ${limits}\nverify: "node --test test/"\nprotected: ["test/**"]\nreference:\n${reference}`,
  );
  const loaded = loadTasks(root, ["smoke"]);
  const task = loaded.tasks.find((t) => t.id === id);
  if (!task) throw new Error(JSON.stringify(loaded.diagnostics));
  return task;
}

const attempt = (task: TaskDef) => runAttempt(task, { source: { kind: "replay" }, disable: [], seed: 1, attempt: 0 });

describe("attempts", () => {
  it("passes when the agent fixes the source", async () => {
    const task = makeTask(
      "fix-source",
      `  - { tool: read_file, args: { path: calc.js } }\n  - { tool: edit_file, args: { path: calc.js, old_text: "a - b", new_text: "a + b" } }\n  - { say: "Fixed." }\n`,
    );
    const r = await attempt(task);
    expect(r).toMatchObject({ pass: true, exit: "done", protectedRestored: [], toolCalls: 2, failedToolCalls: 0 });
    expect(r.patchStrategies).toEqual({ exact: 1 });
    expect(r.formats).toEqual({ native: 2 });
    expect(r.turns).toBeGreaterThanOrEqual(3);
    expect(r.tokensIn).toBeGreaterThan(0);
    expect(r.verify.exitCode).toBe(0);
  });

  it("fails an agent that edits the protected test to pass, and restores the test", async () => {
    const task = makeTask(
      "edit-test",
      `  - { tool: read_file, args: { path: test/calc.test.js } }\n  - { tool: edit_file, args: { path: test/calc.test.js, old_text: "add(2, 3), 5", new_text: "add(2, 3), -1" } }\n  - { tool: write_file, args: { path: test/extra.test.js, content: "" } }\n  - { tool: bash, args: { command: "node --test test/" } }\n  - { say: "Tests pass." }\n`,
    );
    const r = await attempt(task);
    // The agent's own test run passed against its edited test; the harness's verdict does not.
    expect(r.exit).toBe("done");
    expect(r.pass).toBe(false);
    expect(r.protectedRestored).toEqual(["test/calc.test.js", "test/extra.test.js"]);
    expect(r.verify.exitCode).not.toBe(0);
  });

  it("ends a run at its time limit and kills the command it was running", { timeout: 40_000 }, async () => {
    const marker = join(root, "late-marker");
    const task = makeTask(
      "too-slow",
      `  - { tool: bash, args: { command: "sleep 5 && touch ${marker}" } }\n  - { say: "Done." }\n`,
      "{ max_turns: 8, timeout_s: 1 }",
    );
    const r = await attempt(task);
    expect(r.exit).toBe("timeout");
    expect(r.pass).toBe(false);
    // Had the command survived, the attempt would have waited for it and the marker would exist by now or soon.
    await new Promise((res) => setTimeout(res, 5_500));
    expect(existsSync(marker)).toBe(false);
  });
});

describe("process groups", () => {
  it("a timed-out command takes its background children with it", async () => {
    const pidFile = join(root, "bg.pid");
    const r = await runInGroup(`sleep 30 & echo $! > ${pidFile}; sleep 30`, { cwd: root, timeoutMs: 400 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    await new Promise((res) => setTimeout(res, 300));
    expect(isAlive(pid)).toBe(false);
  });

  it("reports exit codes and output of a command that finishes", async () => {
    const r = await runInGroup("echo hi; exit 3", { cwd: root, timeoutMs: 5_000 });
    expect(r).toMatchObject({ exitCode: 3, timedOut: false });
    expect(r.output.trim()).toBe("hi");
  });
});

describe("restoreProtected", () => {
  it("puts back changed and deleted files and removes added ones, leaving the rest", () => {
    const orig = join(root, "orig");
    const work = join(root, "work");
    for (const d of [orig, work]) mkdirSync(join(d, "tests"), { recursive: true });
    writeFileSync(join(orig, "tests", "a.py"), "A\n");
    writeFileSync(join(orig, "tests", "b.py"), "B\n");
    writeFileSync(join(orig, "src.py"), "S\n");
    writeFileSync(join(work, "tests", "a.py"), "changed\n");
    writeFileSync(join(work, "tests", "new.py"), "N\n");
    writeFileSync(join(work, "src.py"), "edited source\n");
    expect(restoreProtected(orig, work, ["tests/**"])).toEqual(["tests/a.py", "tests/b.py", "tests/new.py"]);
    expect(readFileSync(join(work, "tests", "a.py"), "utf8")).toBe("A\n");
    expect(readFileSync(join(work, "tests", "b.py"), "utf8")).toBe("B\n");
    expect(existsSync(join(work, "tests", "new.py"))).toBe(false);
    expect(readFileSync(join(work, "src.py"), "utf8")).toBe("edited source\n");
    expect(restoreProtected(orig, work, ["tests/**"])).toEqual([]);
  });
});
