/**
 * Every task's reference trajectory, replayed directly through the tool implementations in a fresh copy, makes its
 * verify command pass; and the verify command fails on the untouched repository (so each task tests something).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tools as declaredTools } from "../../generated/tools.js";
import { CORE_TOOLS, openCoreToolSession } from "../../runtime/tools/impl/index.js";
import { loadTasks } from "../../bench/harness/tasks.js";
import { verifyTask, verifyEnv } from "../../bench/harness/verify.js";
import { freshRepo, removeRepo } from "../../bench/harness/workspace.js";
import type { TaskDef } from "../../bench/harness/types.js";

const loaded = loadTasks();
const made: string[] = [];
afterAll(() => made.forEach(removeRepo));

/** Steps allowed to fail: any step of a recovery task; a bash step of a fix-from-error task (it shows the error). */
function mayFail(task: TaskDef, tool: string): boolean {
  return task.tags.includes("recovery") || (tool === "bash" && task.tags.includes("fix-from-error"));
}

async function replay(task: TaskDef, repo: string): Promise<{ failures: string[]; expected: number }> {
  const failures: string[] = [];
  let expected = 0;
  const env: Record<string, string> = { SMALLCODE_TSX: verifyEnv()["SMALLCODE_TSX"] ?? "" };
  const session = await openCoreToolSession({ root: repo, shell: { env } });
  try {
    for (const [i, step] of task.reference.entries()) {
      if ("say" in step) continue;
      const impl = CORE_TOOLS[step.tool];
      if (!impl) {
        failures.push(`step ${i}: no tool ${step.tool}`);
        continue;
      }
      session.beginTurn(i + 1);
      const out = await impl({ ...step.args }, session.ctx);
      if (!out.ok && mayFail(task, step.tool)) expected++;
      else if (!out.ok) failures.push(`step ${i} ${step.tool}: ${out.output.slice(0, 300)}`);
    }
  } finally {
    await session.close();
  }
  return { failures, expected };
}

describe("task references", () => {
  it("loads every suite without diagnostics", () => {
    expect(loaded.diagnostics).toEqual([]);
    const count = (s: string): number => loaded.tasks.filter((t) => t.suite === s).length;
    expect(count("smoke")).toBeGreaterThanOrEqual(5);
    expect(count("polyglot")).toBeGreaterThanOrEqual(24);
    expect(count("tool-use")).toBeGreaterThanOrEqual(12);
    const langs = new Set(loaded.tasks.filter((t) => t.suite === "polyglot").map((t) => t.language));
    expect([...langs].sort()).toEqual(["bash", "java", "javascript", "python", "rust", "typescript"]);
  });

  it("references read a file before they edit or overwrite it (the agent's read-before-write guard expects it)", () => {
    const problems: string[] = [];
    for (const task of loaded.tasks.filter((t) => !t.tags.includes("recovery"))) {
      const read = new Set<string>();
      for (const step of task.reference) {
        if ("say" in step) continue;
        const path = String(step.args["path"] ?? "");
        if (step.tool === "read_file") read.add(path);
        const exists = existsSync(join(task.repoDir, path)) || step.tool === "edit_file";
        if ((step.tool === "edit_file" || step.tool === "write_file") && exists && !read.has(path))
          problems.push(`${task.id}: ${step.tool} ${path} before read_file`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("reference calls use only the declared tools and parameters (the parser rejects others)", () => {
    const problems: string[] = [];
    for (const task of loaded.tasks) {
      for (const step of task.reference) {
        if ("say" in step) continue;
        const spec = declaredTools.find((t) => t.name === step.tool);
        const props = Object.keys((spec?.parameters["properties"] ?? {}) as Record<string, unknown>);
        if (!spec) problems.push(`${task.id}: unknown tool ${step.tool}`);
        else
          for (const k of Object.keys(step.args))
            if (!props.includes(k)) problems.push(`${task.id}: ${step.tool}.${k}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// Two tasks at a time: most of the time goes to compilers and test runners, which overlap well on two cores.
describe.concurrent("each task", () => {
  for (const task of loaded.tasks) {
    it(
      `${task.suite}/${task.id}: verify fails untouched, passes after the reference`,
      { timeout: 240_000 },
      async () => {
        const untouched = freshRepo(task.repoDir, task.id);
        made.push(untouched);
        const before = await verifyTask(task, untouched);
        expect(before.pass, `verify passed on the untouched repo:\n${before.tail}`).toBe(false);

        const repo = freshRepo(task.repoDir, task.id);
        made.push(repo);
        const { failures, expected } = await replay(task, repo);
        expect(failures).toEqual([]);
        // A recovery task's reference carries the failed edit it recovers from.
        if (task.tags.includes("recovery")) expect(expected).toBeGreaterThan(0);
        const after = await verifyTask(task, repo);
        expect(after.pass, `verify failed after the reference:\n${after.tail}`).toBe(true);
        expect(after.protectedRestored).toEqual([]);
      },
    );
  }
});
