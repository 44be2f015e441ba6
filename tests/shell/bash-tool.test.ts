import { existsSync } from "node:fs";
import * as path from "node:path";
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

async function ctx(extra: Partial<ToolContext> = {}): Promise<ToolContext> {
  p = tempProject({ "a.txt": "a\n" });
  shell = await ShellSession.start({ root: p.root, timeoutMs: 5000 });
  return { workspace: await openWorkspace(p.root), shell, ...extra };
}

describe("bash tool", () => {
  it("shows output then the exit code, and is ok only on exit 0", async () => {
    const c = await ctx();
    const r = await CORE_TOOLS.bash!({ command: "cat a.txt; exit_code=3; (exit $exit_code)" }, c);
    expect(r).toMatchObject({ ok: false, output: "a\n[exit code 3]", data: { exitCode: 3, timedOut: false } });
    expect((await CORE_TOOLS.bash!({ command: "echo fine" }, c)).output).toBe("fine\n[exit code 0]");
  });

  it("never runs a blocked command, even with approval", async () => {
    const c = await ctx({ approve: async () => true });
    const r = await CORE_TOOLS.bash!({ command: `touch ${p.root}/ran; rm -rf ~` }, c);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/^Refused: this command is blocked \(rm -r of ~ \(home\)\)/);
    expect(existsSync(path.join(p.root, "ran"))).toBe(false);
  });

  it("runs a command that needs approval only when the callback says yes", async () => {
    const asked: string[] = [];
    const c = await ctx({ approve: async (cmd, v) => (asked.push(`${cmd} | ${v.reasons.join(",")}`), false) });
    const no = await CORE_TOOLS.bash!({ command: "echo x > /etc/smallcode-test && touch ran" }, c);
    expect(no.output).toMatch(/needs the user's approval .* declined/);
    expect(asked).toEqual([
      "echo x > /etc/smallcode-test && touch ran | redirection writes to a system path (/etc/smallcode-test)",
    ]);
    expect(existsSync(path.join(p.root, "ran"))).toBe(false);
    c.approve = async () => true;
    const yes = await CORE_TOOLS.bash!({ command: "git push --force 2>/dev/null; touch ran" }, c);
    expect(yes.output).toBe("[exit code 0]");
    expect(existsSync(path.join(p.root, "ran"))).toBe(true);
  });

  it("refuses without asking when no approval callback exists", async () => {
    const c = await ctx();
    expect((await CORE_TOOLS.bash!({ command: "sudo true" }, c)).output).toMatch(/not available/);
  });

  it("refuses interactive programs with a message saying what to use", async () => {
    const c = await ctx();
    expect((await CORE_TOOLS.bash!({ command: "vim a.txt" }, c)).output).toMatch(/`vim` is interactive/);
    expect((await CORE_TOOLS.bash!({ command: "python3" }, c)).output).toMatch(/python3 -c/);
  });

  it("says so when a command ended on a question, since stdin is closed", async () => {
    const c = await ctx();
    const r = await CORE_TOOLS.bash!({ command: "printf 'Overwrite config? [y/N] '; read answer || false" }, c);
    expect(r.output).toMatch(/\[exit code 1\]\n\[The command seems to have asked for input\. Stdin is closed/);
    const plain = await CORE_TOOLS.bash!({ command: "echo 'no question here'; false" }, c);
    expect(plain.output).not.toMatch(/asked for input/);
  });

  it("reports a timeout given in seconds", async () => {
    const c = await ctx();
    const r = await CORE_TOOLS.bash!({ command: "sleep 30", timeout: 1 }, c);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/^\[timed out\]\n\[Timed out after 1 s/);
  });
});
