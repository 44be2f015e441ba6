/** `smallcode bench` as a command: a replay run writes results and a report; list and usage errors. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { run as bench } from "../../cli/commands/bench.js";
import { readRunFile } from "../../bench/harness/run-file.js";

const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await bench(args, { stdin: new PassThrough(), stdout, stderr, cwd: dir, env });
  return { code, out, err };
}

describe("smallcode bench", () => {
  it("runs the chosen tasks, prints the table, writes results and the report", { timeout: 60_000 }, async () => {
    const r = await cli([
      "--suite",
      "smoke",
      "--tasks",
      "smoke-js-add,smoke-py-greet",
      "--replay",
      "--repeat",
      "2",
      "--out",
      "res",
      "--report",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("pass@1");
    expect(r.out).toContain("pass@2");
    expect(r.err).toMatch(/\[4\/4\] smoke-/);
    const files = readdirSync(join(dir, "res")).sort();
    expect(files.filter((f) => f.endsWith(".json"))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(".html"))).toHaveLength(1);
    const run = readRunFile(join(dir, "res", files.find((f) => f.endsWith(".json")) ?? ""));
    if (typeof run === "string") throw new Error(run);
    expect(run).toMatchObject({ mode: "replay", repeat: 2, tasks: ["smoke-js-add", "smoke-py-greet"] });
    expect(run.attempts.map((a) => [a.task, a.attempt, a.pass])).toEqual([
      ["smoke-js-add", 0, true],
      ["smoke-js-add", 1, true],
      ["smoke-py-greet", 0, true],
      ["smoke-py-greet", 1, true],
    ]);
  });

  it("lists the tasks", async () => {
    const r = await cli(["list", "--suite", "smoke"]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(5);
  });

  it("says what to benchmark when no model is named, and names unknown tasks", async () => {
    const none = await cli(["--suite", "smoke"]);
    expect(none.code).toBe(3);
    expect(none.err).toContain("--sim typical-8b");
    const unknown = await cli(["--tasks", "no-such-task", "--replay"]);
    expect(unknown.code).toBe(3);
    expect(unknown.err).toContain("no task no-such-task");
    expect((await cli(["--sim", "clean", "--replay"])).err).toContain("Choose one of");
    expect((await cli(["--sim", "typical-7b", "--suite", "smoke"])).err).toContain(
      'Unknown simulator profile "typical-7b"',
    );
    expect((await cli(["--repeat", "0", "--replay"])).err).toContain("--repeat must be a whole number");
    expect(existsSync(join(dir, ".smallcode"))).toBe(false);
  });
});
