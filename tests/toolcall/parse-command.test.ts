/** `smallcode parse`, spawned as a user would run it. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const CLI = join(ROOT, "cli", "smallcode.ts");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function smallcode(args: string[], stdin: string, cwd: string): Promise<Run> {
  return new Promise((resolveRun) => {
    const child = execFile(TSX, [CLI, ...args], { cwd, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 0;
      resolveRun({ code, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

const TOOLS = [
  {
    type: "function",
    function: {
      name: "read_file",
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  },
  {
    type: "function",
    function: {
      name: "bash",
      parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
    },
  },
];

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "smallcode-parse-"));
  await writeFile(join(dir, "tools.json"), JSON.stringify(TOOLS));
  await writeFile(join(dir, "wrapped.json"), JSON.stringify({ tools: TOOLS }));
  await writeFile(join(dir, "broken.json"), "[{ not json");
  await writeFile(
    join(dir, "native.json"),
    JSON.stringify([{ function: { name: "bash", arguments: '{"cmd": "ls"}' } }]),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("smallcode parse", () => {
  it("prints each call with its format and repairs, diagnostics and leftover text", async () => {
    const reply =
      'Let me look.\n<tool_call>\n{"name": "readFile", "arguments": {"file_path": "a.ts"}}\n</tool_call>\n<tool_call>{"name": "nuke", "arguments": {}}</tool_call>';
    const r = await smallcode(["parse", "--tools", "tools.json"], reply, dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1. read_file  [hermes]");
    expect(r.stdout).toContain('path: "a.ts"');
    expect(r.stdout).toContain("repaired: renamed parameter file_path → path");
    expect(r.stdout).toContain('[unknown_tool, hermes] There is no tool named "nuke"');
    expect(r.stdout).toContain("  | Let me look.");
  });

  it("prints JSON with --json and accepts a {tools: [...]} file", async () => {
    const r = await smallcode(
      ["parse", "--tools", "wrapped.json", "--json"],
      '[TOOL_CALLS]bash[ARGS]{"command": "pwd"}',
      dir,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { calls: { name: string; arguments: unknown; format: string }[]; text: string };
    expect(out.calls).toEqual([{ name: "bash", arguments: { command: "pwd" }, format: "mistral", repairs: [] }]);
    expect(out.text).toBe("");
  });

  it("exits 0 with zero calls and says so", async () => {
    const r = await smallcode(["parse", "--tools", "tools.json"], "All tests pass.", dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No tool calls.");
    expect(r.stdout).toContain("  | All tests pass.");
  });

  it("reads native tool_calls from --native", async () => {
    const r = await smallcode(["parse", "--tools", "tools.json", "--native", "native.json", "--json"], "", dir);
    const out = JSON.parse(r.stdout) as { calls: { name: string; arguments: unknown }[] };
    expect(out.calls.map((c) => [c.name, c.arguments])).toEqual([["bash", { command: "ls" }]]);
  });

  it.each([
    [[], "--tools <file> is required"],
    [["--tools"], "--tools needs a file path"],
    [["--tools", "missing.json"], "cannot read --tools missing.json: no such file"],
    [["--tools", "broken.json"], "not valid JSON"],
    [["--tools", "tools.json", "--frobnicate"], "unknown option '--frobnicate'"],
  ])("usage error %j exits 2 with a clear message", async (args, message) => {
    const r = await smallcode(["parse", ...args], "", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
