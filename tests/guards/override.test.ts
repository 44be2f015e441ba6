/**
 * A team retunes guards in `.smallcode/marrow/team.marrow` (an `extend` and a redeclaration), builds with the real
 * compiler into `.smallcode/generated/`, and the loader the agent uses picks up the new GuardSpecs: the detectors'
 * behaviour changes with them, with no TypeScript touched.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTeamAgent } from "../../cli/team-agent.js";
import { build } from "../../compiler/build.js";
import * as builtin from "../../generated/guards.js";
import type { GuardSpec } from "../../runtime/agent/spec.js";
import { defaultGuardRegistry } from "../../runtime/guards/index.js";
import { edit, pending, view } from "./builder.js";

const TEAM = `// Our model gives up on patches quickly: steer after two failures, with our own words.
extend guard patch_spiral {
  failures_per_file: 2
}

guard read_before_write {
  description: "Team rule: read first, and say which file."
  applies_to: [edit_file]
  then: reject("TEAM RULE: read the file before editing it.")
}
`;

let repo: string;
let team: readonly GuardSpec[];
beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), "smallcode-guard-override-"));
  mkdirSync(join(repo, ".smallcode", "marrow"), { recursive: true });
  writeFileSync(join(repo, ".smallcode", "marrow", "team.marrow"), TEAM);
  const outcome = await build(repo);
  expect(outcome.kind).toBe("written");
  const loaded = await loadTeamAgent(repo);
  if (!loaded.ok) throw new Error(loaded.error);
  expect(loaded.value.origin).toBe("team");
  team = loaded.value.declarations.guards;
}, 60_000);
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const guard = (name: string): GuardSpec => {
  const s = team.find((g) => g.name === name);
  if (!s) throw new Error(`the team build has no guard ${name}`);
  return s;
};

describe("a guard threshold changed in a .marrow override", () => {
  it("patch_spiral fires after 2 failed edits instead of 4", () => {
    const detector = defaultGuardRegistry["patch_spiral"];
    const twoFailures = view({ turns: [{ calls: [edit("calc.js", false)] }] });
    const before = detector?.afterCall?.(builtin.patch_spiral, twoFailures, edit("calc.js", false));
    expect(before).toBeUndefined();
    const spec = guard("patch_spiral");
    expect(spec.thresholds["failuresPerFile"]).toBe(2);
    const after = detector?.afterCall?.(spec, twoFailures, edit("calc.js", false));
    expect(after?.detail).toBe("2 edits of calc.js have failed in a row.");
    expect(after?.action).toEqual(builtin.patch_spiral.then); // extend kept the declared message
  });

  it("read_before_write now applies to edit_file only, with the team's message", () => {
    const detector = defaultGuardRegistry["read_before_write"];
    const spec = guard("read_before_write");
    const v = view({ existing: ["calc.js"] });
    const write = pending("write_file", { path: "calc.js", content: "x" });
    expect(detector?.beforeCall?.(builtin.read_before_write, v, write)).toBeDefined();
    expect(detector?.beforeCall?.(spec, v, write)).toBeUndefined();
    const hit = detector?.beforeCall?.(
      spec,
      v,
      pending("edit_file", { path: "calc.js", old_text: "a", new_text: "b" }),
    );
    expect(hit && "action" in hit ? hit.action : undefined).toEqual({
      kind: "reject",
      message: "TEAM RULE: read the file before editing it.",
    });
  });
});
