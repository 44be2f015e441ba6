/**
 * How the simulated model reacts to the agent's feedback: with feedback that carries what it needs (the real lines,
 * the right tool name, the task, a call spelled out) it corrects itself at the profile's rate; with feedback that
 * does not, it flounders (at the profile's unaided rate, here 0). Also: the same seed gives the same replies.
 */
import { describe, expect, it } from "vitest";
import type { ReplySpec } from "../../bench/server/index.js";
import type { RequestView } from "../../bench/sim/conversation.js";
import { judge, mentionsWord, showsLines } from "../../bench/sim/feedback.js";
import { Player } from "../../bench/sim/player.js";
import { PROFILES, type SimProfile } from "../../bench/sim/profiles.js";
import type { SimTask } from "../../bench/sim/types.js";

const OLD = "  const limit = items.length - 1;";
const NEW = "  const limit = items.length;";
const TASK: SimTask = {
  id: "sim-feedback",
  prompt: "Fix the off-by-one in src/list.js so the last item is kept.",
  reference: [
    { tool: "read_file", args: { path: "src/list.js" } },
    { tool: "edit_file", args: { path: "src/list.js", old_text: OLD, new_text: NEW } },
    { say: "Fixed." },
  ],
};

/** A profile that makes exactly one kind of mistake, every time it can. */
function only(overrides: Partial<SimProfile>): SimProfile {
  return { ...PROFILES["clean"]!, name: "test", correct: 0.7, unaided: 0, ...overrides };
}

const first: RequestView = {
  kind: "agent",
  native: true,
  toolNames: ["read_file", "edit_file"],
  system: "",
  results: [],
  feedback: "",
};

function after(r: ReplySpec, feedback: string, asRun = true): RequestView {
  const calls = r.toolCalls.map((c) => ({ name: c.name, args: JSON.parse(c.arguments) as Record<string, unknown> }));
  return {
    ...first,
    lastAssistant: { text: r.content, calls },
    results: asRun ? [feedback] : [],
    feedback,
  };
}

const READ_RESULT =
  "1 | export function keep(items) {\n2 |   const limit = items.length - 1;\n3 |   return items.slice(0, limit);\n4 | }";

/** Plays read → (edit with the mistake) → feedback, and returns the reply after the feedback, for many seeds. */
function afterEdit(profile: SimProfile, feedback: string, seeds = 400): { edit: ReplySpec; next: ReplySpec }[] {
  const out: { edit: ReplySpec; next: ReplySpec }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const p = new Player(TASK, profile, seed);
    const read = p.reply(first);
    const edit = p.reply(after(read, READ_RESULT));
    out.push({ edit, next: p.reply(after(edit, feedback)) });
  }
  return out;
}

const argsOf = (r: ReplySpec): Record<string, unknown> => JSON.parse(r.toolCalls[0]?.arguments ?? "{}");
const rate = (xs: boolean[]): number => xs.filter(Boolean).length / xs.length;

describe("reacting to a failed edit", () => {
  const profile = only({ sloppyEdit: 1, sloppyKinds: { indent: 0, elided: 0, stale: 1, crlf: 0, lineNumbers: 0 } });

  it("corrects itself at the profile's rate when the feedback shows the real lines", () => {
    const shown = `Edit not applied: old_text was not found in src/list.js. The closest lines:\n${READ_RESULT}`;
    const runs = afterEdit(profile, shown);
    for (const r of runs) expect(argsOf(r.edit)["old_text"]).not.toBe(OLD);
    const corrected = rate(runs.map((r) => argsOf(r.next)["old_text"] === OLD));
    expect(corrected).toBeGreaterThan(0.62);
    expect(corrected).toBeLessThan(0.78);
  });

  it("flounders with a variant of the mistake when the feedback does not show them", () => {
    const runs = afterEdit(profile, "old_text was not found in src/list.js.");
    expect(rate(runs.map((r) => argsOf(r.next)["old_text"] === OLD))).toBe(0);
    for (const r of runs) expect(r.next.toolCalls[0]?.name).toBe("edit_file");
  });

  it("recovers unaided at the profile's unaided rate", () => {
    const runs = afterEdit({ ...profile, unaided: 0.25 }, "old_text was not found in src/list.js.");
    const corrected = rate(runs.map((r) => argsOf(r.next)["old_text"] === OLD));
    expect(corrected).toBeGreaterThan(0.18);
    expect(corrected).toBeLessThan(0.32);
  });

  it("moves on once the edit took effect (its result shows the new lines)", () => {
    const p = new Player(TASK, PROFILES["clean"]!, 1);
    const read = p.reply(first);
    const edit = p.reply(after(read, READ_RESULT));
    const done = p.reply(after(edit, `Edited src/list.js at line 2.\n1 | export function keep(items) {\n2 |${NEW}`));
    expect(done.toolCalls).toEqual([]);
    expect(done.content).toBe("Fixed.");
  });
});

describe("reacting to a wrong tool name", () => {
  const profile = only({ toolMadeUp: 1 });
  const unknown = (r: ReplySpec) => r.toolCalls[0]?.name ?? "";

  it("takes the right name when the feedback names it", () => {
    const outcomes: boolean[] = [];
    for (let seed = 1; seed <= 400; seed++) {
      const p = new Player(TASK, profile, seed);
      const read = p.reply(first);
      expect(unknown(read)).not.toBe("read_file");
      const message = `There is no tool ${unknown(read)}. The closest are named below: read_file, grep.`;
      outcomes.push(unknown(p.reply(after(read, message, false))) === "read_file");
    }
    expect(rate(outcomes)).toBeGreaterThan(0.62);
    expect(rate(outcomes)).toBeLessThan(0.78);
  });

  it("keeps making names up when the feedback only says the name is unknown", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const p = new Player(TASK, profile, seed);
      const read = p.reply(first);
      expect(unknown(p.reply(after(read, `Unknown tool "${unknown(read)}".`, false)))).not.toBe("read_file");
    }
  });
});

describe("habits and detours", () => {
  it("comes back from a greeting only when the feedback restates the task", () => {
    const profile = only({ greeting: 1 });
    const back: boolean[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const p = new Player(TASK, profile, seed);
      const read = p.reply(first);
      const hello = p.reply(after(read, READ_RESULT));
      expect(hello.toolCalls).toEqual([]);
      // The greeting rate stays 1, so only the correction path can produce the edit.
      const lost = p.reply(after(hello, "Your reply had no tool call."));
      expect(lost.toolCalls).toEqual([]);
      const restated = p.reply(after(lost, `You are in the middle of a task. Here it is again:\n${TASK.prompt}`));
      back.push(restated.toolCalls[0]?.name === "edit_file");
    }
    expect(rate(back)).toBeGreaterThan(0.6);
  });

  it("makes the call the feedback spells out, then retries the step", () => {
    const p = new Player({ ...TASK, reference: TASK.reference.slice(1) }, only({ correct: 1 }), 1);
    const edit = p.reply(first);
    const detour = p.reply(
      after(edit, 'Read it first: call read_file with {"path": "src/list.js"}, then send your change again.'),
    );
    expect(detour.toolCalls[0]?.name).toBe("read_file");
    expect(argsOf(detour)).toEqual({ path: "src/list.js" });
    const retry = p.reply(after(detour, READ_RESULT));
    expect(retry.toolCalls[0]?.name).toBe("edit_file");
    expect(argsOf(retry)["old_text"]).toBe(OLD);
  });
});

describe("determinism and judging", () => {
  const play = (seed: number): ReplySpec[] => {
    const p = new Player(TASK, PROFILES["messy-8b"]!, seed);
    const a = p.reply(first);
    const b = p.reply(after(a, READ_RESULT));
    return [a, b, p.reply(after(b, "old_text was not found."))];
  };

  it("the same seed gives the same replies; other seeds give others", () => {
    expect(play(11)).toEqual(play(11));
    const distinct = new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(play(s))));
    expect(distinct.size).toBeGreaterThan(10);
  });

  it("checks for the concrete information, not for words around it", () => {
    expect(showsLines(READ_RESULT, OLD)).toBe(true);
    expect(showsLines("the edit failed, copy the lines exactly", OLD)).toBe(false);
    expect(mentionsWord('the argument "path" is required', "path")).toBe(true);
    expect(mentionsWord("file_path is not a parameter", "path")).toBe(false);
    const last = {
      kind: "call" as const,
      step: 1,
      call: { tool: "edit_file", args: {} },
      mistakes: ["edit-stale" as const],
      format: "native" as const,
    };
    const ran = {
      ...first,
      lastAssistant: { text: "", calls: [{ name: "edit_file", args: { path: "src/list.js" } }] },
    };
    expect(
      judge(last, { ...ran, results: ["Please try again."], feedback: "Please try again." }, TASK, []).actionable,
    ).toBe(false);
    expect(judge(last, { ...ran, results: [READ_RESULT], feedback: READ_RESULT }, TASK, []).actionable).toBe(true);
  });
});
