import { describe, expect, it } from "vitest";
import { guards } from "../../generated/guards.js";
import { smallcode } from "../../generated/agent.js";
import { loadGuardRegistry } from "../../runtime/agent/guard-registry.js";
import { defaultGuardRegistry } from "../../runtime/guards/index.js";

describe("defaultGuardRegistry", () => {
  it("is what the agent loop loads", async () => {
    expect(await loadGuardRegistry()).toBe(defaultGuardRegistry);
  });
  it("has a detector for every enabled declared guard the built-in agent uses, and nothing undeclared", () => {
    const used = guards.filter((g) => g.enabled && smallcode.guards.includes(g.name));
    expect(used.map((g) => g.detector).filter((d) => defaultGuardRegistry[d] === undefined)).toEqual([]);
    const declared = new Set(guards.map((g) => g.detector));
    expect(Object.keys(defaultGuardRegistry).filter((d) => !declared.has(d))).toEqual([]);
  });
});
