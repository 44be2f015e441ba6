import { describe, expect, it } from "vitest";
import { limits } from "../../runtime/guards/limits.js";
import { retrySchedule, retryTemperature } from "../../runtime/guards/retry-temperature.js";
import { trustDecay } from "../../runtime/guards/trust-decay.js";
import { bash, call, spec, view } from "./builder.js";

describe("trust_decay", () => {
  const S = spec("trust_decay"); // demoteAfter 3, dropAfter 6, neverDrop [bash, read_file]
  const fails = (name: string, n: number) =>
    Array.from({ length: n }, () => ({ calls: [call(name, { pattern: "(" }, { ok: false })] }));
  it("demotes a tool after demoteAfter failures in a row and drops it after dropAfter", () => {
    expect(trustDecay.toolAvailability?.(S, view({ turns: fails("grep", 3) }))).toEqual({ demote: ["grep"], drop: [] });
    expect(trustDecay.toolAvailability?.(S, view({ turns: fails("grep", 6) }))).toEqual({ demote: [], drop: ["grep"] });
  });
  it("steers once when a tool crosses a threshold, naming it", () => {
    const hit = trustDecay.afterCall?.(S, view({ turns: fails("grep", 2) }), call("grep", {}, { ok: false }));
    expect(hit?.detail).toBe("grep failed 3 times in a row.");
    expect(
      trustDecay.afterCall?.(S, view({ turns: fails("grep", 3) }), call("grep", {}, { ok: false })),
    ).toBeUndefined();
  });
  it("never demotes bash for commands that ran and exited non-zero (failing tests)", () => {
    const tests = Array.from({ length: 10 }, () => ({ calls: [bash("npm test", 1)] }));
    expect(trustDecay.toolAvailability?.(S, view({ turns: tests }))).toEqual({ demote: [], drop: [] });
    expect(trustDecay.afterCall?.(S, view({ turns: tests }), bash("npm test", 1))).toBeUndefined();
  });
  it("never drops a neverDrop tool, only demotes it", () => {
    const broken = Array.from({ length: 8 }, () => ({ calls: [call("bash", { command: "x" }, { ok: false })] }));
    expect(trustDecay.toolAvailability?.(S, view({ turns: broken }))).toEqual({ demote: ["bash"], drop: [] });
  });
  it("forgets failures after a success and ignores calls a guard refused", () => {
    const healed = view({
      turns: [...fails("grep", 2), { calls: [call("grep", { pattern: "a" })] }, ...fails("grep", 2)],
    });
    expect(trustDecay.toolAvailability?.(S, healed)).toEqual({ demote: [], drop: [] });
    const refused = Array.from({ length: 7 }, () => ({
      calls: [call("edit_file", { path: "a" }, { ok: false, handledBy: "read_before_write" })],
    }));
    expect(trustDecay.toolAvailability?.(S, view({ turns: refused }))).toEqual({ demote: [], drop: [] });
  });
});

describe("limits", () => {
  const S = spec("limits"); // 80 turns, 400k tokens, 30 min
  it("stops the run once a turn, token or wall-time limit is reached", () => {
    expect(limits.beforeTurn?.(S, view({ turn: 81 }))?.detail).toBe("The turn limit (80) was reached.");
    expect(limits.beforeTurn?.(S, view({ turn: 81 }))?.action).toEqual(S.then);
    expect(limits.beforeTurn?.(S, view({ tokensUsed: 400_000 }))?.detail).toMatch(/token limit \(400000\)/);
    expect(limits.beforeTurn?.(S, view({ elapsedMs: 1_800_000 }))?.detail).toBe("The time limit (1800 s) was reached.");
  });
  it("stays quiet within the limits and follows a changed threshold", () => {
    expect(limits.beforeTurn?.(S, view({ turn: 80, tokensUsed: 399_999, elapsedMs: 1_799_999 }))).toBeUndefined();
    expect(limits.beforeTurn?.(spec("limits", { maxTurns: 5 }), view({ turn: 6 }))).toBeDefined();
  });
});

describe("retryTemperature", () => {
  const schedule = { lowerFactor: 0.5, step: 0.3, max: 1 };
  it("goes cooler on the first re-ask, then warmer, capped", () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => retryTemperature(0.2, a, schedule))).toEqual([0.2, 0.1, 0.5, 0.8, 1, 1]);
  });
  it("starts warmer at once from temperature 0, and keeps the base without a schedule", () => {
    expect([0, 1, 2].map((a) => retryTemperature(0, a, schedule))).toEqual([0, 0.3, 0.6]);
    expect(retryTemperature(0.7, 3, undefined)).toBe(0.7);
  });
  it("reads its schedule from a declaration, or none when a field is missing", () => {
    const declared = { ...spec("limits"), thresholds: { lowerFactor: 0.5, step: 0.25, max: 0.9 } };
    expect(retrySchedule(declared)).toEqual({ lowerFactor: 0.5, step: 0.25, max: 0.9 });
    expect(retrySchedule({ ...declared, thresholds: { step: 0.25 } })).toBeUndefined();
  });
});
