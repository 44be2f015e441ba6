/**
 * A variable set by one bash call is resolved when the next call's command is judged: `export D=/opt/…` and then
 * `touch $D/x` needs approval like `touch /opt/…/x`, while a variable pointing inside the project stays harmless.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../runtime/fs/index.js";
import { ShellSession } from "../../runtime/shell/index.js";
import { CORE_TOOLS, type ToolContext } from "../../runtime/tools/impl/index.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

let p: TempProject;
let shell: ShellSession;
afterEach(async () => {
  await shell.close();
  p.cleanup();
});

describe("variables across bash calls", () => {
  it("are resolved before a later command's paths are judged", async () => {
    p = tempProject({ "a.txt": "a\n" });
    shell = await ShellSession.start({ root: p.root, timeoutMs: 5000 });
    const asked: string[] = [];
    const c: ToolContext = {
      workspace: await openWorkspace(p.root),
      shell,
      approve: async (cmd) => (asked.push(cmd), false),
    };
    const run = (command: string) => CORE_TOOLS.bash!({ command }, c);
    expect((await run("export D=/opt/smallcode-no-such-dir; OUT=build")).ok).toBe(true);
    expect(shell.variables().get("D")).toBe("/opt/smallcode-no-such-dir");
    const outside = await run("touch $D/x");
    expect(outside.output).toMatch(/^Not run: the command needs the user's approval \(touch writes to a system path/);
    expect(asked).toEqual(["touch $D/x"]);
    // A plain (not exported) variable too, and one that stays inside the project is fine.
    expect((await run('mkdir -p "$OUT" && touch "$OUT/ok"')).ok).toBe(true);
    expect((await run("E=/opt/smallcode-no-such-dir")).ok).toBe(true);
    expect((await run("echo hi > $E/y")).ok).toBe(false);
    expect(asked).toEqual(["touch $D/x", "echo hi > $E/y"]);
  });
});
