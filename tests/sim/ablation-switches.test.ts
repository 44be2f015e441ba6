/**
 * The ablation switches are real: with `parser` off only native calls with strict JSON and fenced JSON blocks are
 * read; with `patch` off edit_file needs an exact, unique old_text; with `context` off old messages are cut, never
 * evicted or compacted; with `guards` off no detector fires.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { SmallCode } from "../../cli/api.js";
import { bash, edit_file, read_file } from "../../generated/tools.js";
import { exactEditFile, parseStrict } from "../../runtime/agent/ablation.js";
import { NaiveContextEngine } from "../../runtime/agent/naive-context.js";
import { DEFAULT_BUDGET } from "../../runtime/context/types.js";
import { openWorkspace } from "../../runtime/fs/workspace.js";
import { editFileTool } from "../../runtime/tools/impl/edit-file.js";
import { toOpenAITool } from "../../runtime/tools/types.js";
import { makeRepo, type Repo } from "../e2e/helpers.js";

const tools = [read_file, edit_file, bash].map(toOpenAITool);

describe("parser off: strict native calls and fenced JSON", () => {
  it.each([
    [
      "a native call with valid JSON",
      { text: "", nativeToolCalls: [{ name: "read_file", arguments: '{"path":"a.js"}' }] },
      1,
    ],
    [
      "a fenced JSON block",
      { text: 'Reading.\n```json\n{"name": "read_file", "arguments": {"path": "a.js"}}\n```' },
      1,
    ],
    ["a Hermes block", { text: '<tool_call>\n{"name": "read_file", "arguments": {"path": "a.js"}}\n</tool_call>' }, 0],
    ["a pythonic call", { text: '[read_file(path="a.js")]' }, 0],
    ["a near-miss name", { text: "", nativeToolCalls: [{ name: "readFile", arguments: '{"path":"a.js"}' }] }, 0],
    ["broken JSON arguments", { text: "", nativeToolCalls: [{ name: "read_file", arguments: '{"path":"a.js"' }] }, 0],
  ])("%s", (_what, input, n) => {
    const r = parseStrict(input, tools);
    expect(r.calls).toHaveLength(n);
    if (n === 1) expect(r.calls[0]).toMatchObject({ name: "read_file", arguments: { path: "a.js" }, repairs: [] });
  });

  it("says what was wrong, without suggesting the right name", () => {
    const r = parseStrict({ text: "", nativeToolCalls: [{ name: "readFile", arguments: "{}" }] }, tools);
    expect(r.diagnostics[0]).toMatchObject({ code: "unknown_tool", message: 'Unknown tool "readFile".' });
    const fenced = parseStrict(
      { text: 'Done.\n```json\n{"name": "read_file", "arguments": {"path": "a.js"}}\n```' },
      tools,
    );
    expect(fenced.text).toBe("Done.");
  });
});

describe("patch off: exact, unique old_text only", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const FILE = "function f() {\n  return 1;\n}\nfunction g() {\n  return 1;\n}\n";

  async function both(args: Record<string, unknown>) {
    dir = mkdtempSync(join(tmpdir(), "sim-patch-"));
    writeFileSync(join(dir, "a.js"), FILE);
    const ctx = { workspace: await openWorkspace(dir) };
    const exact = await exactEditFile({ path: "a.js", ...args }, ctx);
    const exactContent = readFileSync(join(dir, "a.js"), "utf8");
    writeFileSync(join(dir, "a.js"), FILE);
    const fuzzy = await editFileTool({ path: "a.js", ...args }, ctx);
    return { exact, exactContent, fuzzy };
  }

  it("applies an exact unique match and shows the new text", async () => {
    const r = await both({ old_text: "function g() {\n  return 1;", new_text: "function g() {\n  return 2;" });
    expect(r.exact.ok).toBe(true);
    expect(r.exact.output).toContain("return 2;");
    expect(r.exactContent).toBe(FILE.replace("g() {\n  return 1;", "g() {\n  return 2;"));
  });

  it("refuses line-number prefixes copied from a read, which the patcher strips", async () => {
    const r = await both({ old_text: "4 | function g() {\n5 |   return 1;", new_text: "function g() {\n  return 2;" });
    expect(r.fuzzy.ok).toBe(true);
    expect(r.exact).toMatchObject({ ok: false, output: "old_text was not found in a.js." });
    expect(r.exactContent).toBe(FILE);
  });

  it("refuses an ambiguous match", async () => {
    const r = await both({ old_text: "  return 1;", new_text: "  return 2;" });
    expect(r.exact).toMatchObject({ ok: false, output: "old_text occurs 2 times in a.js." });
  });
});

describe("context off: a hard cut of the oldest messages", () => {
  it("keeps system, task and the newest messages that fit; never compacts", async () => {
    const engine = new NaiveContextEngine({
      window: 4000,
      budget: { ...DEFAULT_BUDGET, outputReserve: 500 },
      system: "sys",
      task: "the task",
    });
    for (let i = 0; i < 40; i++) {
      engine.append({
        role: "assistant",
        content: "",
        toolCalls: [{ id: `c${i}`, name: "read_file", arguments: "{}" }],
      });
      engine.append({
        role: "tool",
        toolCallId: `c${i}`,
        name: "read_file",
        content: `result ${i} ${"x".repeat(400)}`,
      });
    }
    const r = await engine.assemble();
    if (!r.ok) throw new Error(r.message);
    expect(r.events).toEqual([]);
    expect(r.promptTokens).toBeLessThanOrEqual(r.budget);
    expect(r.messages[0]).toMatchObject({ role: "system", content: "sys" });
    expect(r.messages[1]).toMatchObject({ role: "user", content: "the task" });
    expect(r.messages[2]?.role).toBe("assistant"); // no tool result without its call
    expect(r.messages.at(-1)?.content).toContain("result 39");
    expect(r.messages.some((m) => m.content.includes("result 0 "))).toBe(false);
    expect(engine.compactedSummary).toBe("");
    expect(await engine.compactNow()).toEqual([]);
  });
});

describe("guards off: no detector fires", () => {
  let server: LlmServer | undefined;
  let repo: Repo | undefined;
  afterEach(async () => {
    await server?.close();
    repo?.cleanup();
  });

  async function guardEvents(disable: ("guards" | "parser")[]): Promise<number> {
    server = await startLlmServer();
    repo = makeRepo({ "a.txt": "hello\n" });
    for (let i = 0; i < 6; i++) server.enqueue(reply().tool("read_file", { path: "a.txt" }));
    server.enqueue(reply().text("Done."));
    const agent = new SmallCode({
      baseUrl: server.baseUrl,
      model: "test-model",
      cwd: repo.dir,
      yes: true,
      toolMode: "native",
      env: {},
      trace: false,
      disable,
    });
    let guards = 0;
    agent.on("guard", () => guards++);
    await agent.run("Read a.txt.");
    await server.close();
    repo.cleanup();
    server = undefined;
    repo = undefined;
    return guards;
  }

  it("the same repeated reads trip guards with them on and none with them off", async () => {
    expect(await guardEvents(["parser"])).toBeGreaterThan(0);
    expect(await guardEvents(["guards"])).toBe(0);
  });
});
