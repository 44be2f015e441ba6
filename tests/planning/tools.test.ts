import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContextEngine } from "../../runtime/context/engine.js";
import { openWorkspace } from "../../runtime/fs/workspace.js";
import { loadMemory, loadTodo, MEMORY_FILE, seedPlanning, TODO_FILE } from "../../runtime/planning/index.js";
import type { ToolContext } from "../../runtime/tools/impl/context.js";
import { memoryTool } from "../../runtime/tools/impl/memory.js";
import { todoWriteTool } from "../../runtime/tools/impl/todo-write.js";
import type { PinnedSection } from "../../runtime/context/types.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function context(): Promise<ToolContext> {
  const d = mkdtempSync(join(tmpdir(), "smallcode-plan-"));
  dirs.push(d);
  return { workspace: await openWorkspace(d) };
}

describe("todo_write", () => {
  it("replaces the list, saves .smallcode/todo.md, returns the pin and the steps just done", async () => {
    const ctx = await context();
    const first = await todoWriteTool(
      {
        items: [
          { id: "1", title: "Read calc.js", status: "in_progress" },
          { id: "2", title: "Fix add()" },
        ],
      },
      ctx,
    );
    expect(first.ok).toBe(true);
    expect(first.output).toContain("- [~] 1. Read calc.js");
    expect(first.data?.["newlyDone"]).toEqual([]);
    expect((first.data?.["pin"] as PinnedSection).kind).toBe("todo");
    const second = await todoWriteTool(
      {
        items: [
          { id: "1", title: "Read calc.js", status: "done" },
          { id: "2", title: "Fix add()", status: "in_progress" },
        ],
      },
      ctx,
    );
    expect(second.data?.["newlyDone"]).toEqual(["1"]);
    expect(second.data?.["nextStep"]).toBe("2");
    expect(readFileSync(join(ctx.workspace.rootReal, TODO_FILE), "utf8")).toContain("- [x] 1. Read calc.js");
    expect(loadTodo(ctx.workspace.rootReal).map((i) => i.status)).toEqual(["done", "in_progress"]);
    expect(second.data?.["filesTouched"]).toBeUndefined(); // bookkeeping is not a change to the project
  });
  it("refuses a malformed list with an example, and keeps runs apart", async () => {
    const a = await context();
    const bad = await todoWriteTool({ items: "not a list" }, a);
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/^todo_write: "items" must be an array of steps, for example \{"items"/);
    await todoWriteTool({ items: [{ id: "1", title: "x", status: "done" }] }, a);
    const b = await context();
    const other = await todoWriteTool({ items: [{ id: "1", title: "x", status: "done" }] }, b);
    expect(other.data?.["newlyDone"]).toEqual(["1"]); // a different run has its own list
  });
  it("a resumed run continues from the seeded list", async () => {
    const ctx = await context();
    seedPlanning(ctx.workspace, { todo: [{ id: "1", title: "x", status: "done" }] });
    const r = await todoWriteTool({ items: [{ id: "1", title: "x", status: "done" }] }, ctx);
    expect(r.data?.["newlyDone"]).toEqual([]);
  });
});

describe("memory", () => {
  it("keeps notes across calls, saves them, and accepts action synonyms", async () => {
    const ctx = await context();
    expect((await memoryTool({ action: "add", note: "tests run with npm test" }, ctx)).output).toBe(
      "Noted.\nNotes:\n1. tests run with npm test",
    );
    await memoryTool({ note: "add() is in calc.js" }, ctx); // no action: a note means add
    const r = await memoryTool({ action: "update", index: "1", note: "tests: npm test --silent" }, ctx);
    expect(r.output).toBe("Replaced note 1.\nNotes:\n1. tests: npm test --silent\n2. add() is in calc.js");
    expect(loadMemory(ctx.workspace.rootReal)).toEqual(["tests: npm test --silent", "add() is in calc.js"]);
    expect(readFileSync(join(ctx.workspace.rootReal, MEMORY_FILE), "utf8")).toMatch(/^# Working memory/);
  });
  it("refuses an unknown action with an example", async () => {
    const r = await memoryTool({ action: "forget-everything" }, await context());
    expect(r.ok).toBe(false);
    expect(r.output).toContain('Example: {"action": "add"');
  });
  it("its pin survives compaction in the real context engine", async () => {
    const ctx = await context();
    const r = await memoryTool({ action: "add", note: "REMEMBER-the-bug-is-in-add" }, ctx);
    const engine = new ContextEngine({
      window: 2500,
      system: "You are a coding agent.",
      task: "Fix the bug.",
      budget: {
        name: "t",
        contextShare: 0.85,
        outputReserve: 256,
        safetyMargin: 32,
        toolResultChars: 4000,
        compactAt: 0.8,
        compactTo: 0.5,
        keepRecentTurns: 2,
      },
      summarizer: async () => ({ ok: true, text: "earlier work summarised" }),
    });
    engine.pin(r.data?.["pin"] as PinnedSection);
    for (let i = 0; i < 40; i++) {
      engine.append({ role: "user", content: `step ${i}: ${"words ".repeat(40)}` });
      engine.append({ role: "assistant", content: `ok ${i}` });
    }
    const assembled = await engine.assemble({});
    expect(assembled.ok).toBe(true);
    if (!assembled.ok) return;
    expect(assembled.events.some((e) => e.kind === "compacted")).toBe(true);
    const text = assembled.messages.map((m) => m.content).join("\n");
    expect(text).toContain("1. REMEMBER-the-bug-is-in-add");
    expect(text).not.toContain("step 0:");
  });
});
