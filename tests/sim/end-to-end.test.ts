/**
 * The simulator driving SmallCode for real (in-process API, real HTTP, real files, real `node --test`): the clean
 * profile solves a reference task in native and prompt mode, the strict parser's fenced-JSON instructions are what the
 * simulated model follows, an ablation switch changes the outcome, and a seed reproduces a noisy run.
 */
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../bench/sim/index.js";
import { PROFILES, type SimProfile } from "../../bench/sim/profiles.js";
import type { SimTask } from "../../bench/sim/types.js";
import { SmallCode, type SmallCodeOptions } from "../../cli/api.js";
import { makeRepo, type Repo } from "../e2e/helpers.js";

const FILES = {
  "package.json": '{ "name": "sum", "private": true, "scripts": { "test": "node --test test/" } }\n',
  "src/sum.js":
    "function sum(xs) {\n  let total = 0;\n  for (let i = 0; i <= xs.length - 2; i++) {\n    total += xs[i];\n  }\n  return total;\n}\n\nmodule.exports = { sum };\n",
  "test/sum.test.js":
    'const test = require("node:test");\nconst assert = require("node:assert");\nconst { sum } = require("../src/sum.js");\n\ntest("sum", () => {\n  assert.strictEqual(sum([1, 2, 3]), 6);\n});\n',
};

const TASK: SimTask = {
  id: "sim-e2e-sum",
  prompt: "The test in test/sum.test.js fails. Fix the bug in src/sum.js.",
  reference: [
    { tool: "read_file", args: { path: "src/sum.js" } },
    { tool: "edit_file", args: { path: "src/sum.js", old_text: "i <= xs.length - 2", new_text: "i < xs.length" } },
    { tool: "bash", args: { command: "node --test test/" } },
    { say: "Fixed the loop bound in sum()." },
  ],
};

let repo: Repo | undefined;
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  repo?.cleanup();
  sim = undefined;
  repo = undefined;
});

function testsPass(dir: string): boolean {
  try {
    execFileSync("node", ["--test", "test/"], { cwd: dir, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function attempt(profile: SimProfile | string, seed: number, options: Partial<SmallCodeOptions> = {}) {
  repo = makeRepo(FILES);
  sim = await startSimulator({ task: TASK, profile, seed });
  const agent = new SmallCode({
    baseUrl: sim.baseUrl,
    model: sim.model,
    cwd: repo.dir,
    yes: true,
    toolMode: "native",
    env: {},
    trace: false,
    maxTurns: 20,
    ...options,
  });
  const calls: string[] = [];
  agent.on("tool_call", (e) => calls.push(`${e.name}:${e.format}`));
  const result = await agent.run(TASK.prompt);
  const out = { result, calls, pass: testsPass(repo.dir), stats: sim.stats() };
  await sim.close();
  repo.cleanup();
  sim = undefined;
  repo = undefined;
  return out;
}

describe("the simulator drives SmallCode end to end", () => {
  it("the clean profile solves the reference task with native calls", async () => {
    const r = await attempt("clean", 1);
    expect(r.result.success).toBe(true);
    expect(r.pass).toBe(true);
    expect(r.calls).toEqual(["read_file:native", "edit_file:native", "bash:native"]);
    expect(r.result.text).toBe("Fixed the loop bound in sum().");
    expect(r.stats).toEqual({ replies: 4, "format:native": 3 });
  });

  it("in prompt mode it writes the format the system prompt teaches (Hermes blocks)", async () => {
    const r = await attempt("clean", 1, { toolMode: "prompt" });
    expect(r.pass).toBe(true);
    expect(r.calls).toEqual(["read_file:hermes", "edit_file:hermes", "bash:hermes"]);
  });

  it("with the parser off, prompt mode teaches fenced JSON, which the strict parser reads", async () => {
    const r = await attempt("clean", 1, { toolMode: "prompt", disable: ["parser"] });
    expect(r.pass).toBe(true);
    expect(r.calls).toEqual(["read_file:fenced-json", "edit_file:fenced-json", "bash:fenced-json"]);
  });

  it("near-miss tool names: the forgiving parser resolves them; with the parser off the run fails", async () => {
    const misnamer: SimProfile = { ...PROFILES["clean"]!, name: "misnamer", toolNearMiss: 1, correct: 0 };
    const full = await attempt(misnamer, 3);
    expect(full.stats["tool-near-miss"]).toBe(3);
    expect(full.pass).toBe(true);
    const strict = await attempt(misnamer, 3, { disable: ["parser"] });
    expect(strict.pass).toBe(false);
    expect(strict.result.reason).toBe("format_error");
  });

  it("an indentation slip: the patcher places it; with the patch layer off the edit never applies", async () => {
    const slipper: SimProfile = {
      ...PROFILES["clean"]!,
      name: "slipper",
      sloppyEdit: 1,
      sloppyKinds: { indent: 1, elided: 0, stale: 0, crlf: 0, lineNumbers: 0 },
      correct: 0,
    };
    // Two lines, so that no slip leaves a substring of the file (a dedented single line would still match exactly).
    const TASK_BLOCK = "  let total = 0;\n  for (let i = 0; i <= xs.length - 2; i++) {";
    const task = {
      ...TASK,
      reference: TASK.reference.map((s) =>
        "tool" in s && s.tool === "edit_file"
          ? {
              tool: "edit_file",
              args: {
                path: "src/sum.js",
                old_text: TASK_BLOCK,
                new_text: "  let total = 0;\n  for (let i = 0; i < xs.length; i++) {",
              },
            }
          : s,
      ),
    };
    const run = async (disable: SmallCodeOptions["disable"]) => {
      repo = makeRepo(FILES);
      sim = await startSimulator({ task, profile: slipper, seed: 2 });
      const agent = new SmallCode({
        baseUrl: sim.baseUrl,
        model: sim.model,
        cwd: repo.dir,
        yes: true,
        toolMode: "native",
        env: {},
        trace: false,
        maxTurns: 12,
        ...(disable ? { disable } : {}),
      });
      await agent.run(task.prompt);
      return testsPass(repo.dir);
    };
    expect(await run(undefined)).toBe(true);
    await sim?.close();
    repo?.cleanup();
    expect(await run(["patch"])).toBe(false);
  });

  it("the same seed reproduces a noisy run; the stats say what was injected", async () => {
    const a = await attempt("messy-8b", 5);
    const b = await attempt("messy-8b", 5);
    expect(b.stats).toEqual(a.stats);
    expect(b.calls).toEqual(a.calls);
    expect(a.stats["replies"]).toBe(a.result.turns);
  });
});
