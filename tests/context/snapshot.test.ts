import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../runtime/model/types.js";
import { ContextEngine } from "../../runtime/context/engine.js";
import type { ContextSnapshot } from "../../runtime/context/types.js";
import { assembleOk, edit, fileText, makeEngine, read, shell } from "./session.js";

const shape = (messages: ChatMessage[]): string[] => messages.map((m) => `${m.role}: ${m.content}`);

describe("snapshot and restore", () => {
  it("restores from JSON to an engine that assembles the same request and keeps evicting correctly", async () => {
    const engine = makeEngine(6000, { compactAt: 0.6, compactTo: 0.3, keepRecentTurns: 2 });
    engine.pin({ key: "todo", kind: "todo", title: "TODO", content: "- [ ] fix add()" });
    read(engine, "src/a.ts", fileText(60, "olda"));
    edit(engine, "src/a.ts", "x", "y");
    shell(engine, "npm test", "1 failing");
    const json = JSON.stringify(engine.snapshot());
    const restored = ContextEngine.restore(
      {
        window: 6000,
        budget: engine.budgetSpec,
        system: "You are SmallCode, a careful coding agent. Use the tools to read, edit and test code.",
      },
      JSON.parse(json) as ContextSnapshot,
    );
    expect((await assembleOk(restored)).messages).toEqual((await assembleOk(engine)).messages);

    // The file-change clock survived: pushing past compactAt evicts the read made before the edit.
    for (const e of [engine, restored]) {
      read(e, "src/b.ts", fileText(80, "b"));
      read(e, "src/c.ts", fileText(80, "c"));
    }
    const [a, b] = [await assembleOk(engine), await assembleOk(restored)];
    expect(b.events[0]).toMatchObject({ kind: "evicted", stale: 1 });
    expect(b.events).toEqual(a.events);
    expect(shape(b.messages)).toEqual(shape(a.messages)); // call ids differ: the helper numbers calls globally
  });

  it("is a copy: changing the engine later does not change an earlier snapshot", () => {
    const engine = makeEngine(8192);
    read(engine, "src/a.ts", "a");
    const snap = engine.snapshot();
    read(engine, "src/b.ts", "b");
    engine.pin({ key: "memory", kind: "memory", title: "Memory", content: "m" });
    expect(snap.entries).toHaveLength(2);
    expect(snap.pins).toEqual([]);
  });
});
