/**
 * The slash commands against a real InteractiveSession: the project's test server over HTTP, a temp git repo, the
 * real agent, snapshots and session logs.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { dispatchSlash, loadSlashCommands } from "../../cli/slash/registry.js";
import { InteractiveSession } from "../../cli/slash/session.js";
import type { SlashCommand } from "../../cli/slash/types.js";
import { makeRepo, startServer, type Repo } from "../e2e/helpers.js";
import { recordingContext } from "./context.js";

const BUGGY = "function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n";
const FIXED = "function add(a, b) {\n  return a + b;\n}\nmodule.exports = { add };\n";

let server: LlmServer | undefined;
let repo: Repo | undefined;
let commands: readonly SlashCommand[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  repo?.cleanup();
  repo = undefined;
});

async function setup(models?: string[]): Promise<InteractiveSession> {
  server = await startServer(models ? { models } : {});
  repo = makeRepo({ "calc.js": BUGGY, "notes.md": "# notes\n" });
  commands = (await loadSlashCommands()).commands;
  const session = new InteractiveSession({
    base: {
      baseUrl: server.baseUrl,
      model: models?.[0] ?? "test-model",
      cwd: repo.dir,
      toolMode: "native",
      env: {},
      client: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5000 },
    },
    approve: async () => "once",
  });
  expect(await session.init()).toBeUndefined();
  return session;
}

async function slash(session: InteractiveSession, line: string, answers: Array<string | undefined> = []) {
  const r = recordingContext(session, commands, answers);
  const result = await dispatchSlash(line, r.ctx);
  return { result, text: r.text(), lines: r.lines, rec: r };
}

function queueFix(s: LlmServer): void {
  s.enqueue(
    reply().tool("read_file", { path: "calc.js" }),
    reply().tool("edit_file", { path: "calc.js", old_text: "  return a - b;", new_text: "  return a + b;" }),
    reply().tool("write_file", { path: "src/new.js", content: "export const x = 1;\n" }),
    reply().text("Done."),
  );
}

describe("slash commands on a live session", () => {
  it("/undo also reverts what the model changed through bash (sed -i, a redirection)", async () => {
    const session = await setup();
    server!.enqueue(
      reply().tool("bash", { command: "sed -i 's/a - b/a + b/' calc.js && echo '# log' > log.md" }),
      reply().text("Fixed with sed."),
    );
    const r = await session.send("fix add with sed");
    expect(r.success).toBe(true);
    expect(repo!.read("calc.js")).toBe(FIXED);
    expect(existsSync(join(repo!.dir, "log.md"))).toBe(true);
    const undo = await slash(session, "/undo");
    expect(undo.text).toContain("restored calc.js");
    expect(undo.text).toMatch(/deleted\s+log\.md/);
    expect(repo!.read("calc.js")).toBe(BUGGY);
    expect(existsSync(join(repo!.dir, "log.md"))).toBe(false);
  });

  it("/budget, /stats and /diff describe the session; /undo rolls back only the last prompt's edits", async () => {
    const session = await setup();
    const before = await slash(session, "/budget");
    expect(before.text).toContain("No request sent yet");

    queueFix(server!);
    const r1 = await session.send("fix add");
    expect(r1.success).toBe(true);
    expect(repo!.read("calc.js")).toBe(FIXED);

    const budget = await slash(session, "/budget");
    expect(budget.result).toEqual({ ok: true });
    expect(budget.text).toMatch(/Context window 32\.0k tokens, [\d.]+k? used/);
    for (const part of ["system", "tools", "task & pinned", "history", "tool results", "free", "reserved"])
      expect(budget.text).toContain(part);
    const b = session.budget()!;
    expect(b.system + b.tools + b.history + b.toolResults + b.pinned + b.free).toBeLessThanOrEqual(b.window);

    const stats = await slash(session, "/stats");
    expect(stats.text).toMatch(/prompts\s+1 \(0 ended without finishing\)/);
    expect(stats.text).toMatch(/model calls 4 \(4 measured by the server, 0 estimated\)/);
    expect(stats.text).toMatch(/tool calls\s+3 \(0 failed\)/);
    expect(stats.text).toMatch(/files\s+2 changed/);

    const diff = await slash(session, "/diff");
    expect(diff.text).toMatch(/calc\.js\s+modified\s+\+1 -1/);
    expect(diff.text).toMatch(/src\/new\.js\s+created\s+\+1 -0/);
    expect(diff.lines.find((l) => l.text === "+  return a + b;")?.style).toBe("add");
    expect(diff.lines.find((l) => l.text === "-  return a - b;")?.style).toBe("del");
    const stat = await slash(session, "/diff --stat");
    expect(stat.text).not.toContain("+  return a + b;");

    // A second prompt edits notes.md; /undo rolls back only that one, then the first.
    server!.enqueue(
      reply().tool("read_file", { path: "notes.md" }),
      reply().tool("edit_file", { path: "notes.md", old_text: "# notes", new_text: "# Notes" }),
      reply().text("Renamed."),
    );
    await session.send("capitalise the notes heading");
    expect(repo!.read("notes.md")).toBe("# Notes\n");
    const undo1 = await slash(session, "/undo");
    expect(undo1.text).toContain("Undid the edits of: capitalise the notes heading");
    expect(repo!.read("notes.md")).toBe("# notes\n");
    expect(repo!.read("calc.js")).toBe(FIXED);
    const undo2 = await slash(session, "/undo");
    expect(undo2.text).toContain("restored calc.js");
    expect(undo2.text).toMatch(/deleted\s+src\/new\.js/);
    expect(repo!.read("calc.js")).toBe(BUGGY);
    const undo3 = await slash(session, "/undo");
    expect(undo3.result).toEqual({ ok: false, message: "Nothing to undo: no prompt of this session changed a file." });
    expect((await slash(session, "/diff")).text).toContain("This session has not changed any file.");

    // The model is told about the undo with the next prompt.
    server!.enqueue(reply().text("Understood."));
    await session.send("what now?");
    const last = JSON.stringify(server!.chatRequests.at(-1)!.body.messages);
    expect(last).toContain("the user undid your edits to calc.js, notes.md, src/new.js (/undo)");
  }, 60_000);

  it("/plan and /memory show the agent's files; /sessions lists and resumes; /clear starts a new task", async () => {
    const session = await setup();
    expect((await slash(session, "/plan")).text).toContain("No TODO list yet");
    expect((await slash(session, "/memory")).text).toContain("No notes yet");
    mkdirSync(join(repo!.dir, ".smallcode"), { recursive: true });
    writeFileSync(
      join(repo!.dir, ".smallcode", "todo.md"),
      "# TODO\n\n<!-- Written by SmallCode -->\n\n- [x] 1. read calc.js\n- [~] 2. fix add\n- [ ] 3. run the tests\n",
    );
    writeFileSync(join(repo!.dir, ".smallcode", "memory.md"), "1. tests run with node test.js\n");
    const plan = await slash(session, "/plan");
    expect(plan.lines.filter((l) => l.text.startsWith("- [")).map((l) => l.style)).toEqual(["dim", "accent", "plain"]);
    expect(plan.text).not.toContain("<!--");
    expect((await slash(session, "/todo")).text).toContain("run the tests");
    expect((await slash(session, "/memory")).text).toContain("tests run with node test.js");

    expect((await slash(session, "/sessions")).text).toContain("No sessions yet");
    server!.enqueue(reply().text("Hello there."));
    await session.send("say hello");
    const first = session.id!;
    const list = await slash(session, "/sessions");
    expect(list.text).toMatch(new RegExp(`● ${first}\\s+done\\s+say hello`));

    await slash(session, "/clear");
    expect(session.id).toBeUndefined();
    server!.enqueue(reply().text("Second task."));
    await session.send("another task");
    expect(session.id).not.toBe(first);
    expect(JSON.stringify(server!.chatRequests.at(-1)!.body.messages)).not.toContain("say hello");

    // A session whose log vanished (git clean -x) goes on as a new conversation, with a warning.
    const lost = session.id!;
    rmSync(join(repo!.dir, ".smallcode", "sessions", `${lost}.jsonl`));
    server!.enqueue(reply().text("Fresh start."));
    const fresh = await session.send("still there?");
    expect(fresh.success).toBe(true);
    expect(session.id).not.toBe(lost);
    expect(session.events).toContainEqual({
      type: "warning",
      message: `The log of session ${lost} is gone; this message starts a new conversation.`,
    });

    const resumed = await slash(session, `/sessions resume ${first}`);
    expect(resumed.text).toContain(`Continuing session ${first}: say hello`);
    server!.enqueue(reply().text("Back in the first."));
    await session.send("continue please");
    expect(session.id).toBe(first);
    expect(JSON.stringify(server!.chatRequests.at(-1)!.body.messages)).toContain("say hello");
    expect((await slash(session, "/sessions resume nope")).result.ok).toBe(false);
    expect((await slash(session, "/sessions frobnicate")).result).toEqual({
      ok: false,
      message: "Unknown /sessions action frobnicate. Use /sessions or /sessions resume <id>.",
    });
  }, 60_000);

  it("/model lists and switches (with a did-you-mean), /profile shows mode, window and flags, /help and /version", async () => {
    const session = await setup(["qwen3:8b", "llama3.1:8b"]);
    const shown = await slash(session, "/model");
    expect(shown.text).toContain("Model qwen3:8b at");
    expect(shown.text).toContain("● qwen3:8b");
    expect(shown.text).toContain("  llama3.1:8b");
    const typo = await slash(session, "/model lama3.1:8b");
    expect(typo.result).toEqual({
      ok: false,
      message: "The server does not serve lama3.1:8b. Did you mean llama3.1:8b? It serves: qwen3:8b, llama3.1:8b.",
    });
    expect((await slash(session, "/model llama3.1:8b")).result).toEqual({ ok: true });
    server!.enqueue(reply().text("ok"));
    await session.send("hi");
    expect(server!.chatRequests.at(-1)!.body.model).toBe("llama3.1:8b");

    const profile = await slash(session, "/profile");
    expect(profile.text).toContain("Profile of llama3.1:8b");
    expect(profile.text).toMatch(/tool calling\s+native \(config/);
    expect(profile.text).toMatch(/context window\s+32000 tokens/);
    expect(profile.text).toMatch(/systemRole\s+system/);
    expect(profile.text).toMatch(/thinkingControl/);

    const help = await slash(session, "/help");
    for (const n of ["/budget", "/undo", "/sessions", "/version"]) expect(help.text).toContain(n);
    expect((await slash(session, "/help undo")).text).toContain("Roll back the file edits of the last prompt");
    expect((await slash(session, "/help nope")).result.ok).toBe(false);
    expect((await slash(session, "/version")).text).toMatch(/^smallcode \d+\.\d+\.\d+ \(Node\.js \d+/);
    const quit = await slash(session, "/quit");
    expect(quit.rec.quitCalled()).toBe(true);
  }, 60_000);
});
