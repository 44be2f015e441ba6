/** The TUI's controller without Ink: approvals, questions, Ctrl-C and slash dispatch, as the keys drive them. */
import { describe, expect, it } from "vitest";
import { loadSlashCommands } from "../../cli/slash/registry.js";
import { InteractiveSession } from "../../cli/slash/session.js";
import { TuiController } from "../../cli/tui/controller.js";
import type { SmallCodeResult } from "../../cli/api.js";

/** A session whose prompts end when the test says (the controller's queueing, without a model). */
class HeldSession extends InteractiveSession {
  readonly sent: string[] = [];
  private readonly ends: Array<(r: SmallCodeResult) => void> = [];
  override send(prompt: string): Promise<SmallCodeResult> {
    this.sent.push(prompt);
    return new Promise((resolve) => this.ends.push(resolve));
  }
  override interrupt(): boolean {
    const end = this.ends.shift();
    end?.(result("aborted"));
    return end !== undefined;
  }
  finish(): void {
    this.ends.shift()?.(result("done"));
  }
}

function result(reason: "done" | "aborted"): SmallCodeResult {
  return {
    success: reason === "done",
    reason,
    detail: reason,
    text: "",
    toolCalls: [],
    filesChanged: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    turns: 1,
    durationMs: 1,
    sessionId: "s1",
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

async function controller(): Promise<TuiController> {
  const session = new InteractiveSession({ base: { cwd: process.cwd(), env: {} } });
  return new TuiController(session, (await loadSlashCommands()).commands, {});
}

const text = (c: TuiController): string =>
  c.transcript
    .render(200)
    .map((l) => l.text)
    .join("\n");

describe("TUI controller", () => {
  it("an approval opens a modal; the decision resolves it and is written into the transcript", async () => {
    const c = await controller();
    let renders = 0;
    c.subscribe(() => renders++);
    const pending = c.approve("git clean -fd", { level: "needs_approval", reasons: ["deletes untracked files"] });
    const modal = c.getSnapshot().modal;
    expect(modal).toMatchObject({ kind: "approval", command: "git clean -fd", reasons: ["deletes untracked files"] });
    expect(renders).toBeGreaterThan(0);
    if (modal?.kind === "approval") modal.resolve("always");
    expect(await pending).toBe("always");
    expect(c.getSnapshot().modal).toBeUndefined();
    expect(text(c)).toContain("✓ allowed for this session: git clean -fd");
  });

  it("Esc with an approval open denies it", async () => {
    const c = await controller();
    const pending = c.approve("rm -rf build", { level: "needs_approval", reasons: [] });
    expect(c.interrupt()).toBe(false); // nothing was running, but the modal is answered
    expect(await pending).toBe("deny");
    expect(text(c)).toContain("✗ denied: rm -rf build");
  });

  it("a masked answer is echoed as dots, a cancelled one as (cancelled), a default fills an empty answer", async () => {
    const c = await controller();
    const answer = (value: string | undefined): void => {
      const m = c.getSnapshot().modal;
      if (m?.kind === "ask") m.resolve(value);
    };
    const key = c.ask("API key:", { mask: true });
    answer("sk-very-secret");
    expect(await key).toBe("sk-very-secret");
    const name = c.ask("Name?", { default: "world" });
    answer("");
    expect(await name).toBe("world");
    const gone = c.ask("Really?");
    answer(undefined);
    expect(await gone).toBeUndefined();
    const shown = text(c);
    expect(shown).not.toContain("sk-very-secret");
    expect(shown).toContain("API key: ••••••");
    expect(shown).toContain("Name? world");
    expect(shown).toContain("Really? (cancelled)");
  });

  it("Ctrl-C: clears a non-empty input, arms on an empty one, quits on the second press", async () => {
    const c = await controller();
    let exited = 0;
    c.onExit = () => exited++;
    expect(c.ctrlC(false)).toBe("cleared");
    expect(c.ctrlC(true)).toBe("armed");
    expect(c.getSnapshot().hint).toBe("Press Ctrl-C again to quit (or type /quit).");
    expect(c.ctrlC(true)).toBe("quit");
    await new Promise((r) => setTimeout(r, 10));
    expect(exited).toBe(1);
    expect(c.getSnapshot().quitting).toBe(true);
  });

  it("slash lines run as commands in one block; mistakes print the message; /quit leaves", async () => {
    const c = await controller();
    let exited = 0;
    c.onExit = () => exited++;
    await c.submit("/stats");
    const items = c.transcript.items;
    expect(items.at(-1)?.lines.map((l) => l.text.trim())).toContain("tokens      0 in · 0 out");
    await c.submit("/undi");
    expect(text(c)).toContain("Unknown command /undi. Did you mean /undo? Type /help for the list.");
    await c.submit("/quit");
    expect(exited).toBe(1);
  });

  it("a message sent while a prompt runs is queued and runs next; Esc drops the queue", async () => {
    const session = new HeldSession({ base: { cwd: process.cwd(), env: {} } });
    const c = new TuiController(session, [], {});
    void c.submit("one");
    await tick();
    expect(c.getSnapshot().busy).toBe(true);
    await c.submit("two");
    expect(c.getSnapshot().hint).toMatch(/^Queued 1: runs when the current prompt ends/);
    expect(session.sent).toEqual(["one"]);
    session.finish();
    await tick();
    expect(session.sent).toEqual(["one", "two"]);
    await c.submit("three");
    expect(c.interrupt()).toBe(true);
    await tick();
    expect(session.sent).toEqual(["one", "two"]);
    expect(text(c)).toContain("Dropped 1 queued message(s).");
    expect(c.getSnapshot().busy).toBe(false);
  });
});
