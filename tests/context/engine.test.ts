import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../runtime/model/types.js";
import type { Summarizer } from "../../runtime/context/types.js";
import { assembleOk, contents, edit, fileText, makeEngine, read, recount, shell, toolSpec } from "./session.js";

const CORE = [toolSpec("read_file", "read"), toolSpec("edit_file", "write"), toolSpec("bash", "run")];

/** Deterministic pseudo-random numbers (mulberry32), so a failing seed can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the budget is never exceeded", () => {
  // [window, seed, turns]
  const cases: Array<[number, number, number]> = [
    [4096, 1, 60],
    [8192, 2, 80],
    [16384, 3, 60],
    [3000, 4, 40],
  ];
  it.each(cases)(
    "window %i, seed %i, %i turns of random reads, edits and shell output",
    async (window, seed, turns) => {
      const rand = rng(seed);
      const failing: Summarizer = async () => ({ ok: false, error: "model offline" });
      const engine = makeEngine(window, {}, seed % 2 === 0 ? { summarizer: failing } : {});
      for (let t = 0; t < turns; t++) {
        const file = `src/f${Math.floor(rand() * 5)}.ts`;
        const kind = rand();
        if (kind < 0.4) read(engine, file, fileText(Math.floor(rand() * 300), `t${t}`));
        else if (kind < 0.7) edit(engine, file, "a", "b".repeat(Math.floor(rand() * 3000)));
        else shell(engine, "npm test", fileText(Math.floor(rand() * 200), "out"), rand() < 0.5);
        if (rand() < 0.3) engine.pin({ key: "todo", kind: "todo", title: "TODO", content: `- [ ] step ${t}` });
        const r = await assembleOk(engine, CORE);
        expect(r.promptTokens).toBeLessThanOrEqual(r.budget);
        expect(recount(engine, r)).toBeLessThanOrEqual(r.budget);
      }
    },
  );

  it("counts tool schemas against the budget", async () => {
    const engine = makeEngine(8192);
    const without = await assembleOk(engine, []);
    const withTools = await assembleOk(engine, CORE);
    expect(withTools.promptTokens).toBeGreaterThan(without.promptTokens + 3 * 20);
    expect(engine.breakdown().tools).toBe(withTools.promptTokens - without.promptTokens);
  });

  it("refuses with a reason when the fixed part alone does not fit", async () => {
    const engine = makeEngine(1024);
    engine.setSystem("rules ".repeat(2000));
    const r = await engine.assemble({ tools: CORE });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(/need about \d+ tokens but the budget is \d+ \(window 1024\)\. Offer fewer tools/);
  });

  it("scales counts by the calibrator learned from reported usage", async () => {
    const engine = makeEngine(32768);
    const before = await assembleOk(engine, CORE);
    engine.observeUsage(before.promptTokens * 2);
    const after = await assembleOk(engine, CORE);
    expect(after.promptTokens).toBeGreaterThanOrEqual(before.promptTokens * 2 - 1);
  });
});

describe("ordinary turns only append", () => {
  it("keeps every earlier message byte-identical and in place while under compactAt", async () => {
    const engine = makeEngine(32768);
    let previous: ChatMessage[] | undefined;
    for (let t = 0; t < 12; t++) {
      if (t % 3 === 0) read(engine, `src/a${t}.ts`, fileText(20, `a${t}`));
      else if (t % 3 === 1) edit(engine, `src/a${t - 1}.ts`, "x", "y");
      else shell(engine, "npm test", "1 failing");
      engine.pin({ key: "todo", kind: "todo", title: "TODO", content: `- [x] step ${t}` });
      const r = await assembleOk(engine, CORE);
      expect(r.events).toEqual([]);
      if (previous) {
        // Everything but the tail pinned block is a prefix of the next request.
        expect(r.messages.slice(0, previous.length - 1)).toEqual(previous.slice(0, -1));
      }
      previous = r.messages;
    }
  });

  it("does not evict stale reads below compactAt (they wait for the next large step)", async () => {
    const engine = makeEngine(32768);
    read(engine, "src/a.ts", fileText(30, "a"));
    edit(engine, "src/a.ts", "x", "y");
    const r = await assembleOk(engine);
    expect(contents(r.messages)).toContain("a_29");
    expect(contents(r.messages)).not.toContain("[Stale:");
  });
});

describe("eviction", () => {
  async function overCompactAt(keepRecentTurns = 2) {
    const engine = makeEngine(6000, { keepRecentTurns, compactAt: 0.6, compactTo: 0.3 });
    read(engine, "src/a.ts", fileText(60, "olda"));
    read(engine, "src/b.ts", fileText(10, "keepb"));
    edit(engine, "src/a.ts", "x", "y");
    read(engine, "src/a.ts", fileText(60, "newa"));
    shell(engine, "npm test", "FAIL first run\n" + fileText(40, "run1"), false);
    shell(engine, "npm test", "PASS second run", true);
    return engine;
  }

  it("replaces a read of a file edited since with a one-line stale stub, once over compactAt", async () => {
    const engine = await overCompactAt();
    const r = await assembleOk(engine);
    const text = contents(r.messages);
    expect(r.events[0]).toMatchObject({ kind: "evicted", stale: 1, superseded: 1 });
    expect(text).not.toContain("olda_0");
    expect(text).toContain("[Stale: this showed src/a.ts before it was changed later. Read it again");
    expect(text).toContain("newa_59"); // the read after the edit is current
    expect(text).toContain("keepb_9"); // an unrelated read stays
  });

  it("replaces output superseded by a later identical call, keeping the newer one", async () => {
    const engine = await overCompactAt();
    const r = await assembleOk(engine);
    const text = contents(r.messages);
    expect(text).not.toContain("FAIL first run");
    expect(text).toContain("[Superseded: the same bash call was made again later");
    expect(text).toContain("PASS second run");
  });

  it("keeps each tool result paired with the call it answers", async () => {
    const engine = await overCompactAt();
    const r = await assembleOk(engine);
    r.messages.forEach((m, i) => {
      if (m.role !== "tool") return;
      const owner = r.messages
        .slice(0, i)
        .reverse()
        .find((p) => p.role === "assistant");
      expect(owner?.role === "assistant" && owner.toolCalls?.some((c) => c.id === m.toolCallId)).toBe(true);
    });
  });
});

describe("compaction", () => {
  function longSession(summarizer?: Summarizer) {
    const engine = makeEngine(8192, { keepRecentTurns: 3 }, summarizer ? { summarizer } : {});
    engine.pin({ key: "todo", kind: "todo", title: "TODO", content: "- [ ] make add() handle negatives" });
    engine.pin({ key: "memory", kind: "memory", title: "Working memory", content: "tests use vitest" });
    engine.pin({
      key: "file:src/math.ts",
      kind: "file",
      title: "src/math.ts (editing)",
      content: "export const add = (a, b) => a + b;",
    });
    for (let t = 0; t < 14; t++) {
      read(engine, `src/m${t}.ts`, fileText(60, `m${t}`));
      shell(engine, `npm test -- ${t}`, t === 2 ? "Error: cannot find module x" : `ok ${t}`, t !== 2);
    }
    return engine;
  }

  it("summarizes older turns with the summarizer and keeps the last keepRecentTurns turns whole", async () => {
    let transcript = "";
    const engine = longSession(async (t) => {
      transcript = t;
      return { ok: true, text: "SUMMARY: read m0..m10, tests pass except module x." };
    });
    const r = await assembleOk(engine);
    const compacted = r.events.find((e) => e.kind === "compacted");
    expect(compacted).toMatchObject({ kind: "compacted", usedFallback: false });
    expect(transcript).toContain("read_file");
    expect(transcript).toContain("m0_0");
    expect(r.messages[1]?.content).toContain("SUMMARY: read m0..m10");
    const text = contents(r.messages);
    expect(text).toContain("ok 13"); // the last turns are intact
    expect(text).toContain("m13_59");
    expect(text).not.toContain("m0_0");
    expect(r.promptTokens).toBeLessThanOrEqual(0.5 * r.budget + 1);
  });

  it("never compacts the pinned task, TODO list, memory and edited files", async () => {
    const engine = longSession(async () => ({ ok: true, text: "short" }));
    const r = await assembleOk(engine);
    expect(r.events.some((e) => e.kind === "compacted")).toBe(true);
    const text = contents(r.messages);
    for (const pinned of [
      "Fix the failing test in tests/math.test.ts.",
      "- [ ] make add() handle negatives",
      "tests use vitest",
      "export const add = (a, b) => a + b;",
    ]) {
      expect(text).toContain(pinned);
    }
    expect(r.messages[0]?.role).toBe("system");
  });

  // [label, summarizer, error shown]
  const failures: Array<[string, Summarizer | undefined, string]> = [
    ["a summarizer that reports failure", async () => ({ ok: false, error: "timeout after 60s" }), "timeout after 60s"],
    [
      "a summarizer that throws",
      async () => {
        throw new Error("connection refused");
      },
      "connection refused",
    ],
    ["a summarizer that returns nothing", async () => ({ ok: true, text: "  " }), "the summarizer returned nothing"],
    ["no summarizer", undefined, "no summarizer configured"],
  ];
  it.each(failures)("falls back to a deterministic digest with %s", async (_label, summarizer, error) => {
    const engine = longSession(summarizer);
    const r = await assembleOk(engine);
    expect(r.events.find((e) => e.kind === "compacted")).toMatchObject({ usedFallback: true, error });
    const digest = r.messages[1]?.content ?? "";
    expect(digest).toContain(`automatic summary unavailable: ${error}`);
    expect(digest).toMatch(/Tools called: read_file ×\d+, bash ×\d+/);
    expect(digest).toContain("Files read: src/m0.ts; src/m1.ts");
    expect(digest).toContain("Failures: bash: Error: cannot find module x");
  });

  it("compacts on demand (a guard's compact action)", async () => {
    const engine = makeEngine(32768, { keepRecentTurns: 1 });
    for (let t = 0; t < 5; t++) read(engine, `src/q${t}.ts`, `q${t}`);
    const events = await engine.compactNow();
    expect(events.at(-1)).toMatchObject({ kind: "compacted", turns: 4 });
    expect(engine.history()).toHaveLength(2);
  });
});

describe("pins and breakdown", () => {
  it("renders pinned sections in a stable order whatever order they were registered in", async () => {
    const pins = [
      { key: "file:src/b.ts", kind: "file" as const, title: "src/b.ts", content: "B" },
      { key: "memory", kind: "memory" as const, title: "Memory", content: "M" },
      { key: "file:src/a.ts", kind: "file" as const, title: "src/a.ts", content: "A" },
      { key: "todo", kind: "todo" as const, title: "TODO", content: "T" },
    ];
    const one = makeEngine(8192);
    const two = makeEngine(8192);
    pins.forEach((p) => one.pin(p));
    [...pins].reverse().forEach((p) => two.pin(p));
    const a = (await assembleOk(one)).messages;
    const b = (await assembleOk(two)).messages;
    expect(a).toEqual(b);
    expect(
      contents(a)
        .replace(/[^TMAB]|[A-Z](?=[a-z])/g, "")
        .slice(-4),
    ).toBe("TMAB");
  });

  it("breaks the budget down by part, adding up to the budget", async () => {
    const engine = makeEngine(16384);
    engine.pin({ key: "todo", kind: "todo", title: "TODO", content: "- [ ] fix it" });
    read(engine, "src/a.ts", fileText(40, "a"));
    engine.appendUser("also check b.ts");
    await assembleOk(engine, CORE);
    const b = engine.breakdown();
    expect(b.budget).toBe(Math.floor(16384 * 0.85) - 512 - 64);
    for (const part of [b.system, b.tools, b.history, b.toolResults, b.pinned]) expect(part).toBeGreaterThan(0);
    expect(b.toolResults).toBeGreaterThan(b.history);
    expect(b.system + b.tools + b.history + b.toolResults + b.pinned + b.free).toBe(b.budget);
  });

  it("caps tool results at toolResultChars, or the tool's own cap", () => {
    const engine = makeEngine(32768, { toolResultChars: 1000 });
    engine.appendAssistant("", [
      { id: "x", name: "bash", arguments: "{}" },
      { id: "y", name: "grep", arguments: "{}" },
    ]);
    const shown = engine.appendToolResult("x", fileText(500, "o"));
    const own = engine.appendToolResult("y", fileText(500, "g"), { cap: 2500, moreHint: "Narrow the pattern." });
    expect(shown.length).toBeLessThanOrEqual(1000);
    expect(own.length).toBeLessThanOrEqual(2500);
    expect(own.length).toBeGreaterThan(1000);
    expect(own).toContain("Narrow the pattern.]");
    expect(engine.history()[1]).toMatchObject({ role: "tool", name: "bash", content: shown });
  });
});

describe("more engine behaviour", () => {
  it("never sends two user messages in a row (strict templates), even with follow-ups and pins", async () => {
    const engine = makeEngine(8192);
    engine.pin({ key: "todo", kind: "todo", title: "TODO", content: "- [ ] a" });
    const seen: ChatMessage[][] = [(await assembleOk(engine)).messages];
    engine.appendUser("also do b");
    seen.push((await assembleOk(engine)).messages);
    read(engine, "src/a.ts", "a");
    engine.appendUser("continue");
    seen.push((await assembleOk(engine)).messages);
    for (const messages of seen) {
      messages.forEach((m, i) => {
        if (i > 0) expect(m.role === "user" && messages[i - 1]?.role === "user").toBe(false);
      });
    }
    expect(seen[1]?.at(-1)?.content).toMatch(/also do b\n\n\[Pinned state/);
  });

  it("marks reads stale after files change outside a tool result (noteFilesChanged)", async () => {
    const engine = makeEngine(4096, { compactAt: 0.3, compactTo: 0.2, keepRecentTurns: 8 });
    read(engine, "./src/fmt.ts", fileText(40, "fmt"));
    engine.noteFilesChanged(["src/fmt.ts"]);
    shell(engine, "npx prettier --write .", fileText(30, "pretty"));
    const r = await assembleOk(engine);
    expect(contents(r.messages)).toContain("[Stale: this showed src/fmt.ts");
  });

  it("shrinks to a smaller window reported later (silent truncation)", async () => {
    const engine = makeEngine(32768);
    for (let t = 0; t < 12; t++) read(engine, `src/w${t}.ts`, fileText(80, `w${t}`));
    const big = await assembleOk(engine);
    engine.setWindow(8192);
    const small = await assembleOk(engine);
    expect(small.budget).toBeLessThan(big.budget);
    expect(recount(engine, small)).toBeLessThanOrEqual(small.budget);
    expect(small.events.some((e) => e.kind === "compacted")).toBe(true);
  });

  it("counts prompt-mode tool text and appends it to the system message", async () => {
    const engine = makeEngine(8192);
    const plain = await assembleOk(engine);
    const text = "Tools: read_file(path), edit_file(path, old_text, new_text), bash(command)";
    const r = await engine.assemble({ toolsInPrompt: text });
    expect(r.ok && r.messages[0]?.content.endsWith(`\n\n${text}`)).toBe(true);
    expect(r.ok && r.promptTokens).toBeGreaterThan(plain.promptTokens + 10);
  });

  it("feeds the previous summary into the next compaction (a rolling summary)", async () => {
    const transcripts: string[] = [];
    const engine = makeEngine(
      8192,
      { keepRecentTurns: 2 },
      {
        summarizer: async (t) => {
          transcripts.push(t);
          return { ok: true, text: `SUMMARY ${transcripts.length}` };
        },
      },
    );
    for (let t = 0; t < 40; t++) {
      read(engine, `src/r${t}.ts`, fileText(60, `r${t}`));
      await assembleOk(engine);
    }
    expect(transcripts.length).toBeGreaterThanOrEqual(2);
    expect(transcripts[1]).toContain("Summary of even earlier work:\nSUMMARY 1");
  });

  it("re-caps the kept turns' results while compacting, but never the last turn's", async () => {
    const engine = makeEngine(8192, { keepRecentTurns: 4, compactTo: 0.3 });
    for (let t = 0; t < 12; t++) read(engine, `src/k${t}.ts`, fileText(200, `k${t}`));
    const r = await assembleOk(engine);
    const compacted = r.events.find((e) => e.kind === "compacted");
    expect(compacted?.kind === "compacted" && (compacted.squeezed ?? 0)).toBeGreaterThan(0);
    const last = r.messages.filter((m) => m.role === "tool").at(-1)?.content ?? "";
    expect(last.length).toBeGreaterThan(3000); // whole at toolResultChars (4000), not squeezed
    expect(contents(r.messages)).toContain("Squeezed to fit the context budget");
    // Re-capped from the full output, so the note gives the file's real line numbers.
    expect(contents(r.messages)).toMatch(/\[… lines \d+-\d+ of 200 omitted \(\d+ chars\)\. Squeezed/);
  });
});
