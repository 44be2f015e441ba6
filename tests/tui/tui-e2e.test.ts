/**
 * The real fullscreen TUI in a real terminal (tmux), against the project's OpenAI-compatible test server over HTTP,
 * in a temp git repository: streamed answer, diff card, budget bar, approval (allow and deny), Esc interrupting a
 * slow reply, /undo, resize, and the terminal restored after quitting.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { makeRepo, startServer, type Repo } from "../e2e/helpers.js";
import { cliCommand, Tmux, tmuxMissing } from "./tmux.js";

const BUGGY = "function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n";
const FIXED = "function add(a, b) {\n  return a + b;\n}\nmodule.exports = { add };\n";
const ANSWER = "Fixed it: add() now returns the sum of its two arguments instead of the difference.";

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

const NODE_TESTS = {
  "package.json": '{ "name": "calc", "version": "1.0.0", "scripts": { "test": "node test.js" } }\n',
  "test.js":
    'const assert = require("node:assert");\nassert.strictEqual(require("./calc.js").add(2, 3), 5);\nconsole.log("ok");\n',
};

/** The used tokens the status line's budget bar shows ("[██░░] 1.2k/32.0k" → 1200). */
function barUsed(screen: string): number {
  const m = /\[[█░]+\] ([\d.]+)(k?)\/32\.0k/.exec(screen);
  if (!m) throw new Error(`no budget bar on screen:\n${screen}`);
  return Number(m[1]) * (m[2] === "k" ? 1000 : 1);
}

async function startTui(
  cols = 100,
  rows = 30,
  env: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<Tmux> {
  server = await startServer();
  repo = makeRepo({ "calc.js": BUGGY, ".gitignore": ".smallcode/\n", ...files });
  repo.write("junk.tmp", "untracked\n");
  const args = ["--base-url", server.baseUrl, "--model", "test-model", "--tool-mode", "native"];
  term = Tmux.start(cliCommand(args), { cwd: repo.dir, cols, rows, env: { HOME: repo.dir, ...env } });
  await term.waitFor(/type a task, or \/help/);
  return term;
}

function queueFix(s: LlmServer): void {
  s.enqueue(
    reply().tool("read_file", { path: "calc.js" }),
    reply().tool("edit_file", { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" }),
    reply().tool("bash", { command: "git clean -fd" }),
    reply().text(ANSWER).chunked(6),
  );
}

describe.skipIf(tmuxMissing !== undefined)("fullscreen TUI in tmux", () => {
  it("fixes a bug: streamed answer, diff card, approval allowed, tests run, budget bar, /undo, clean exit", async () => {
    const t = await startTui(100, 30, {}, NODE_TESTS);
    expect(t.screen()).toContain("[budget: no request yet]");
    queueFix(server!);
    t.type("fix the bug in @calc");
    t.keys("Tab");
    await t.waitFor(/› fix the bug in @calc\.js/);
    t.keys("Enter");
    const asking = await t.waitFor(/Approval needed/);
    expect(asking).toContain("$ git clean -fd");
    expect(asking).toMatch(/\[a\] allow once.*\[s\] always this session.*\[d\] deny/);
    expect(asking).toMatch(/✎ edit calc\.js\s+\+1 -1/);
    expect(asking).toContain("-  return a - b;");
    expect(asking).toContain("+  return a + b;");
    const usedAtApproval = barUsed(asking);
    t.keys("a");
    const done = await t.waitFor(/✓ done/);
    expect(done).toMatch(/\$ npm (run )?test\s+exit 0/);
    expect(barUsed(done)).toBeGreaterThanOrEqual(usedAtApproval);
    expect(done).toContain(ANSWER);
    expect(done).toContain("✓ allowed once: git clean -fd");
    expect(done).toMatch(/\[█*░*\] [\d.]+k?\/32\.0k/);
    expect(existsSync(join(repo!.dir, "junk.tmp"))).toBe(false);
    expect(repo!.read("calc.js")).toBe(FIXED);
    // The model saw the file referenced with @.
    expect(JSON.stringify(server!.chatRequests[0]!.body.messages)).toContain("Referenced: calc.js");

    t.type("/budget");
    t.keys("Enter");
    const budget = await t.waitFor(/reserved \(output, margin\)/);
    for (const part of ["system", "tools", "history", "tool results", "free"]) expect(budget).toContain(part);

    t.type("/undo");
    t.keys("Enter");
    await t.waitFor(/restored calc\.js/);
    expect(repo!.read("calc.js")).toBe(BUGGY);
    // The file `git clean` deleted comes back too: shell commands' changes are snapshotted.
    expect(repo!.read("junk.tmp")).toBe("untracked\n");

    t.keys("C-c");
    await t.waitFor(/Press Ctrl-C again to quit/);
    t.keys("C-c");
    const after = await t.waitFor(/\[exit 0\]/);
    expect(after).toMatch(/Session \S+ · continue it with: smallcode --resume/);
    expect(t.format("#{alternate_on}")).toBe("0");
    expect(t.format("#{cursor_flag}")).toBe("1");
  }, 240_000);

  it("a denied command is not run and the model is told; Esc interrupts a slow reply and the session goes on", async () => {
    const t = await startTui();
    server!.enqueue(reply().tool("bash", { command: "git clean -fd" }), reply().text("I left the files alone."));
    t.type("clean up the repo");
    t.keys("Enter");
    await t.waitFor(/Approval needed/);
    // Enter alone chooses nothing: a command is never allowed by a stray key.
    t.keys("Enter");
    await t.waitFor(/Choose: a = allow once/);
    expect(t.screen()).toContain("Approval needed");
    t.keys("d");
    const denied = await t.waitFor(/✓ done/);
    expect(denied).toContain("✗ denied: git clean -fd");
    expect(denied).toContain("I left the files alone.");
    expect(existsSync(join(repo!.dir, "junk.tmp"))).toBe(true);
    expect(JSON.stringify(server!.chatRequests[1]!.body.messages)).toContain("Not run");

    server!.enqueue(
      reply().text("Thinking slowly about it, part one").chunked(2).hang(1),
      reply().text("Second answer."),
    );
    t.type("explain the code");
    t.keys("Enter");
    await t.waitFor(/Thinking slowly/);
    await t.waitFor(/Esc interrupts/);
    t.keys("Escape");
    // Interrupted, and idle again: the status line's spinner is gone.
    await t.waitFor((s) => s.includes("■ interrupted") && !/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(s));

    t.type("and now?");
    t.keys("Enter");
    await t.waitFor(/Second answer\./);
    // The follow-up continued the same session: its history holds the first prompt.
    expect(JSON.stringify(server!.chatRequests.at(-1)!.body.messages)).toContain("clean up the repo");
  }, 240_000);

  it("fits 80×24, re-lays out on resize, suggests the closest command, keeps history and multi-line input", async () => {
    const t = await startTui(80, 24);
    t.type("/hepl");
    t.keys("Enter");
    await t.waitFor(/Unknown command \/hepl\. Did you mean \/help\?/);
    const small = t.screen().replace(/\n$/, "").split("\n");
    expect(small.length).toBeLessThanOrEqual(24);
    expect(Math.max(...small.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(small.some((l) => l.startsWith("test-model · 127.0.0.1"))).toBe(true);

    // More output than fits: PgUp scrolls back to the top, PgDn returns.
    t.type("/help");
    t.keys("Enter");
    await t.waitFor(/PgUp\/PgDn scroll the transcript/);
    expect(t.screen()).not.toContain("type a task, or /help");
    for (let i = 0; i < 4 && !t.screen().includes("type a task, or /help"); i++) {
      const before = t.screen();
      t.keys("PPage");
      await t.waitFor((s) => s !== before && /scrolled up \d+ lines · PgDn to return/.test(s));
    }
    expect(t.screen()).toContain("type a task, or /help");
    for (let i = 0; i < 4; i++) t.keys("NPage");
    await t.waitFor((s) => !s.includes("scrolled up") && s.includes("PgUp/PgDn scroll the transcript"));

    t.resize(120, 40);
    await t.waitFor((s) => s.split("\n").some((l) => l.startsWith("─".repeat(110))));
    t.keys("Up", "Up");
    await t.waitFor(/› \/hepl/);
    t.keys("C-u");
    server!.enqueue(reply().text("Two lines received."));
    t.type("first line\\");
    t.keys("Enter");
    t.type("second line");
    await t.waitFor(/› first line\n\s+second line/);
    t.keys("Enter");
    await t.waitFor(/Two lines received\./);
    const sent = server!.chatRequests[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent.some((m) => m.role === "user" && m.content.includes("first line\nsecond line"))).toBe(true);
  }, 240_000);
});

describe.skipIf(tmuxMissing !== undefined)("TUI terminal handling", () => {
  it("SIGTERM while a reply streams leaves the alternate screen and shows the cursor", async () => {
    const t = await startTui();
    server!.enqueue(reply().text("Working on it, part one").chunked(2).hang(1));
    t.type("start something");
    t.keys("Enter");
    await t.waitFor(/Working on/);
    expect(t.format("#{alternate_on}")).toBe("1");
    const pids = t.children();
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, "SIGTERM");
    await t.waitFor(/\[exit 143\]/);
    expect(t.format("#{alternate_on}")).toBe("0");
    expect(t.format("#{cursor_flag}")).toBe("1");
  }, 240_000);

  it("CI=1 in the user's shell: the TUI still draws as it goes, and the shell tool still sees CI", async () => {
    // Ink draws nothing until exit when it thinks it runs in CI; on a real terminal that guess is wrong.
    const t = await startTui(100, 30, { CI: "1" });
    server!.enqueue(reply().tool("bash", { command: 'echo "ci is [$CI]"' }), reply().text("Reported."));
    t.type("what is CI");
    t.keys("Enter");
    const shown = await t.waitFor(/Reported\./);
    expect(shown).toContain("ci is [1]");
  }, 240_000);

  it("NO_COLOR: no colour escapes on screen, and the diff still reads clearly (+/- prefixes)", async () => {
    const t = await startTui(100, 30, { NO_COLOR: "1" });
    server!.enqueue(
      reply().tool("read_file", { path: "calc.js" }),
      reply().tool("edit_file", { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" }),
      reply().text("Edited."),
    );
    t.type("edit it");
    t.keys("Enter");
    await t.waitFor(/✓ done/);
    const raw = t.screenWithEscapes();
    expect(raw).toContain("+  return a + b;");
    // SGR colour parameters: 30–37, 90–97 (foreground), 38;… (extended).
    const colours = [...raw.matchAll(/\x1b\[([\d;]*)m/g)]
      .flatMap((m) => (m[1] ?? "").split(";"))
      .filter((p) => /^(3[0-8]|9[0-7])$/.test(p));
    expect(colours).toEqual([]);
  }, 240_000);
});

describe.skipIf(tmuxMissing !== undefined)("TUI questions", () => {
  it("/provider asks through the TUI's modal: choices, a masked key that never reaches the screen", async () => {
    const secret = "sk-test-secret-98765";
    server = await startServer({ apiKey: secret, models: ["served-model"] });
    repo = makeRepo({ "calc.js": BUGGY });
    const args = ["--base-url", server.baseUrl, "--model", "served-model", "--tool-mode", "native"];
    term = Tmux.start(cliCommand(args), { cwd: repo.dir, env: { HOME: repo.dir } });
    const t = term;
    await t.waitFor(/type a task, or \/help/);
    t.type("/provider");
    t.keys("Enter");
    await t.waitFor(/Choose 1-8/);
    t.type("8");
    t.keys("Enter");
    await t.waitFor(/Base URL/);
    t.type(server.baseUrl);
    t.keys("Enter");
    await t.waitFor(/API key/);
    t.type(secret);
    const typing = await t.waitFor(/•{20}/);
    expect(typing).not.toContain(secret);
    t.keys("Enter");
    await t.waitFor(/Model: number or name|Choose 1-\d/);
    // Enter takes the default for the remaining questions (the model, where to save), until the wizard is done.
    for (let i = 0; i < 4 && !/Now using served-model/.test(t.screen()); i++) {
      const before = t.screen();
      t.keys("Enter");
      await t.waitFor((s) => s !== before, 30_000);
    }
    const done = await t.waitFor(/Now using served-model at/);
    expect(done).not.toContain(secret);
    server.enqueue(reply().text("Authorised answer."));
    t.type("hello");
    t.keys("Enter");
    await t.waitFor(/Authorised answer\./);
    expect(server.chatRequests.at(-1)!.headers["authorization"]).toBe(`Bearer ${secret}`);
  }, 240_000);
});
