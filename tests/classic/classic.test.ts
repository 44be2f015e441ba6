/**
 * Classic mode end to end against the test server: piped (plain output, answers read from stdin, no ANSI, no
 * spinners), and in a real terminal through tmux with --classic (approval, Ctrl-C interrupting a slow reply, Ctrl-D).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { collect, makeRepo, startServer, type Repo } from "../e2e/helpers.js";
import { cliCommand, ROOT, Tmux, tmuxMissing } from "../tui/tmux.js";

const BUGGY = "function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n";
const FIXED = "function add(a, b) {\n  return a + b;\n}\nmodule.exports = { add };\n";
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

let server: LlmServer | undefined;
let repo: Repo | undefined;
let term: Tmux | undefined;

afterEach(async () => {
  term?.kill();
  term = undefined;
  await server?.close();
  server = undefined;
  repo?.cleanup();
  repo = undefined;
});

function queueFix(s: LlmServer): void {
  s.enqueue(
    reply().tool("read_file", { path: "calc.js" }),
    reply().tool("edit_file", { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" }),
    reply().tool("bash", { command: "git clean -fd" }),
    reply().text("Fixed the sign in add().").chunked(4),
  );
}

/** Runs `smallcode` (no command) with `input` piped to stdin; stdout and stderr are pipes too. */
async function piped(args: string[], input: string, cwd: string) {
  const child = spawn(process.execPath, ["--import", TSX, join(ROOT, "cli", "smallcode.ts"), ...args], {
    cwd,
    env: { ...process.env, SMALLCODE_BASE_URL: "", SMALLCODE_MODEL: "", HOME: cwd, NO_COLOR: "", FORCE_COLOR: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end(input);
  return collect(child);
}

describe("classic mode, piped", () => {
  it("is what a pipe gets: plain text, approvals answered from stdin, slash commands, exit 0", async () => {
    server = await startServer();
    repo = makeRepo({ "calc.js": BUGGY, ".gitignore": ".smallcode/\n" });
    repo.write("junk.tmp", "untracked\n");
    queueFix(server);
    const args = ["--base-url", server.baseUrl, "--model", "test-model", "--tool-mode", "native"];
    const out = await piped(args, "fix the bug in @calc.js\na\n/diff\n/undo\n/hepl\n", repo.dir);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(/\x1b/);
    expect(out.stderr).not.toMatch(/\x1b/);
    expect(out.stdout).toContain("› fix the bug in @calc.js");
    expect(out.stdout).toMatch(/✎ edit calc\.js\s+\+1 -1/);
    expect(out.stdout).toContain("+  return a + b;");
    expect(out.stdout).toContain("⚠ Approval needed: git clean -f deletes untracked files");
    expect(out.stdout).toContain("✓ allowed once: git clean -fd");
    expect(out.stdout).toContain("Fixed the sign in add().");
    expect(out.stdout).toMatch(/calc\.js\s+modified\s+\+1 -1/);
    expect(out.stdout).toContain("restored calc.js");
    expect(out.stdout).toContain("Unknown command /hepl. Did you mean /help?");
    // /undo brought back the file `git clean` deleted as well as calc.js: shell changes are snapshotted.
    expect(out.stdout).toMatch(/restored [^\n]*junk\.tmp/);
    expect(repo.read("junk.tmp")).toBe("untracked\n");
    expect(repo.read("calc.js")).toBe(BUGGY);
  }, 120_000);

  it("a line that is no answer denies the command and is kept as the next input", async () => {
    server = await startServer();
    repo = makeRepo({ "calc.js": BUGGY });
    repo.write("junk.tmp", "untracked\n");
    server.enqueue(reply().tool("bash", { command: "git clean -fd" }), reply().text("Left alone."));
    const args = ["--base-url", server.baseUrl, "--model", "test-model", "--tool-mode", "native"];
    const out = await piped(args, "clean up\n/version\n", repo.dir);
    expect(out.stdout).toContain("✗ denied (no a/s/d answer in the input)");
    expect(out.stdout).toMatch(/smallcode \d+\.\d+\.\d+/);
    expect(existsSync(join(repo.dir, "junk.tmp"))).toBe(true);
  }, 120_000);

  it("a failed prompt makes the piped run exit 1, with one line saying why", async () => {
    repo = makeRepo({ "calc.js": BUGGY });
    server = await startServer();
    const dead = server.baseUrl;
    await server.close();
    server = undefined;
    const out = await piped(["--base-url", dead, "--model", "m", "--tool-mode", "native"], "do it\n", repo.dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("Could not reach the server");
    expect(out.stdout + out.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

describe.skipIf(tmuxMissing !== undefined)("classic mode in a terminal (tmux)", () => {
  it("--classic: prompt, approval denied, Ctrl-C interrupts a slow reply, Ctrl-D leaves", async () => {
    server = await startServer();
    repo = makeRepo({ "calc.js": BUGGY });
    repo.write("junk.tmp", "untracked\n");
    const args = ["--classic", "--base-url", server.baseUrl, "--model", "test-model", "--tool-mode", "native"];
    term = Tmux.start(cliCommand(args), { cwd: repo.dir, env: { HOME: repo.dir } });
    await term.waitFor(/SmallCode · test-model/);
    queueFix(server);
    term.type("fix the bug");
    term.keys("Enter");
    await term.waitFor(/Allow\? \[a\] once, \[s\] always this session, \[d\] deny:/);
    term.type("d");
    term.keys("Enter");
    const done = await term.waitFor(/✓ done/);
    expect(done).toContain("✗ denied: git clean -fd");
    expect(done).toContain("Fixed the sign in add().");
    expect(repo.read("calc.js")).toBe(FIXED);
    expect(existsSync(join(repo.dir, "junk.tmp"))).toBe(true);

    server.enqueue(reply().text("Slowly now, part one").chunked(2).hang(1), reply().text("Back again."));
    term.type("explain");
    term.keys("Enter");
    await term.waitFor(/Slowly now/);
    term.keys("C-c");
    await term.waitFor(/■ interrupted/);
    term.type("and?");
    term.keys("Enter");
    await term.waitFor(/Back again\./);
    term.keys("C-d");
    const after = await term.waitFor(/\[exit 0\]/);
    expect(after).toMatch(/Session \S+ · continue it with: smallcode --resume/);
  }, 240_000);
});
