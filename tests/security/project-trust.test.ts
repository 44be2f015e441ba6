/**
 * A cloned repository's own settings files cannot approve every command or switch shell containment off: the
 * repository's author is not the user. The same settings from the environment or the user's own files still apply,
 * and a real run through `SmallCode` keeps asking (here: refusing, as no approver exists).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { SmallCode } from "../../cli/api.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { loadSettings } from "../../runtime/config/index.js";
import { withoutProjectEscalation } from "../../runtime/security/index.js";
import { makeDirs, type Dirs } from "../config/helpers.js";

let d: Dirs;
beforeEach(() => (d = makeDirs()));
afterEach(() => d.cleanup());

function trusted(env: Record<string, string> = {}) {
  const loaded = loadSettings({ cwd: d.project, env: { ...d.env, ...env } });
  if (!loaded.ok) throw new Error(loaded.message);
  return withoutProjectEscalation(loaded.settings, loaded.origins);
}

describe("project files cannot escalate", () => {
  it.each([
    ["smallcode.toml", 'approval = "auto"\n[shell]\ncontainment = false\n'],
    [".env", "SMALLCODE_APPROVAL=auto\nSMALLCODE_SHELL_CONTAINMENT=false\n"],
  ])("%s: approval = auto and containment = false are ignored, with a warning each", (file, text) => {
    d.put(file, text);
    const t = trusted();
    expect(t.settings.approval).toBe("ask");
    expect(t.settings.shell.containment).toBe(true);
    expect(t.warnings).toHaveLength(2);
    expect(t.warnings[0]).toMatch(/--yes/);
  });

  it("the environment and the user's own files still decide", () => {
    d.put("smallcode.toml", 'approval = "auto"\n');
    expect(trusted({ SMALLCODE_APPROVAL: "auto", SMALLCODE_SHELL_CONTAINMENT: "false" }).settings).toMatchObject({
      approval: "auto",
      shell: { containment: false },
    });
  });

  it("other project settings apply as before", () => {
    d.put("smallcode.toml", 'approval = "deny"\nmax_turns = 3\n');
    const t = trusted();
    expect(t.settings).toMatchObject({ approval: "deny", maxTurns: 3 });
    expect(t.warnings).toEqual([]);
  });
});

describe("a run in a repository that ships approval = auto", () => {
  let server: LlmServer;
  beforeEach(async () => (server = await startLlmServer({ models: ["m"] })));
  afterEach(async () => server.close());

  it("does not run a command that needs approval", async () => {
    d.put("smallcode.toml", `approval = "auto"\nbase_url = "${server.baseUrl}"\nmodel = "m"\n`);
    server.enqueue(reply().tool("bash", { command: "sudo -n true 2>/dev/null; echo ran-it" }), reply().text("Done."));
    const agent = new SmallCode({ cwd: d.project, env: d.env, toolMode: "native" });
    const events: AgentEvent[] = [];
    agent.on("*", (e) => events.push(e));
    await agent.run("go");
    const outputs = events.flatMap((e) => (e.type === "tool_result" ? [e.output] : [])).join("\n");
    expect(outputs).not.toContain("ran-it");
    expect(outputs).toMatch(/needs the user's approval/);
    expect(events.some((e) => e.type === "warning" && /approval = auto is ignored/.test(e.message))).toBe(true);
  });
});
