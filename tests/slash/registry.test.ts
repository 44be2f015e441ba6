import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  dispatchSlash,
  findCommand,
  isSlashInput,
  loadSlashCommands,
  parseSlash,
  registerAll,
} from "../../cli/slash/registry.js";
import { InteractiveSession } from "../../cli/slash/session.js";
import { closestCommand, typoDistance } from "../../cli/slash/suggest.js";
import type { SlashCommand } from "../../cli/slash/types.js";
import { recordingContext } from "./context.js";

const OWN = [
  "budget",
  "clear",
  "diff",
  "help",
  "memory",
  "model",
  "plan",
  "profile",
  "quit",
  "sessions",
  "stats",
  "undo",
  "version",
];

let tmp: string | undefined;
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

const fake = (name: string, aliases: string[] = [], run?: SlashCommand["run"]): SlashCommand => ({
  name,
  aliases,
  summary: `the ${name} command`,
  run: run ?? (async () => ({ ok: true })),
});

describe("slash registry", () => {
  it("loads every command file in cli/slash/ and nothing from the framework files", async () => {
    const { commands, problems } = await loadSlashCommands();
    expect(problems).toEqual([]);
    const names = commands.map((c) => c.name);
    for (const n of OWN) expect(names).toContain(n);
    expect(names).not.toContain("types");
    expect(names).not.toContain("registry");
    const all = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(new Set(all).size).toBe(all.length);
    for (const c of commands) expect(c.summary.length).toBeGreaterThan(5);
    expect([...names].sort()).toEqual(names);
  });

  it("adding a file adds a command; a broken file and a clashing name are reported, not fatal", async () => {
    tmp = mkdtempSync(join(process.cwd(), "tests", "slash", ".tmp-"));
    const typesPath = JSON.stringify(join(process.cwd(), "cli", "slash", "types.ts"));
    writeFileSync(
      join(tmp, "hello.ts"),
      `import { OK, type SlashCommand } from ${typesPath};\n` +
        `export const command: SlashCommand = { name: "hello", summary: "Say hello", run: async (_a, ctx) => { ctx.out.print("hi"); return OK; } };\n`,
    );
    writeFileSync(join(tmp, "broken.ts"), `throw new Error("boom");\n`);
    writeFileSync(
      join(tmp, "twice.ts"),
      `export const commands = [{ name: "hey", aliases: ["hello"], summary: "clash", run: async () => ({ ok: true }) }];\n`,
    );
    writeFileSync(join(tmp, "helpers.ts"), `export const notACommand = 1;\n`);
    const { commands, problems } = await loadSlashCommands(tmp);
    expect(commands.map((c) => c.name)).toEqual(["hello"]);
    expect(problems.join("\n")).toMatch(/broken\.ts failed to load: boom/);
    expect(problems.join("\n")).toMatch(/\/hello is defined twice/);
  });

  it("parses slash lines", () => {
    expect(parseSlash("/help")).toEqual({ name: "help", args: "" });
    expect(parseSlash("  /Model  qwen3:8b  ")).toEqual({ name: "model", args: "qwen3:8b" });
    expect(parseSlash("/sessions resume latest")).toEqual({ name: "sessions", args: "resume latest" });
    expect(parseSlash("/diff\n--stat")).toEqual({ name: "diff", args: "--stat" });
    expect(parseSlash("fix /etc/hosts")).toBeUndefined();
    expect(isSlashInput("/usr/bin is odd")).toBe(true);
    expect(isSlashInput("// comment")).toBe(false);
    expect(isSlashInput("please fix it")).toBe(false);
  });

  it.each([
    ["hepl", "help"],
    ["undi", "undo"],
    ["bud", "budget"],
    ["sess", "sessions"],
    ["stast", "stats"],
    ["verison", "version"],
    ["mdoel", "model"],
    ["xyzzy", undefined],
    ["q", "quit"],
  ])("suggests /%s → /%s", (written, expected) => {
    expect(closestCommand(written, OWN)).toBe(expected);
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(typoDistance("hepl", "help")).toBe(1);
    expect(typoDistance("abc", "abc")).toBe(0);
    expect(typoDistance("", "abc")).toBe(3);
    expect(typoDistance("kitten", "sitting")).toBe(3);
  });

  it("dispatches by name and alias, suggests for unknown names, turns a crash into a message", async () => {
    const commands = registerAll([
      fake("quit", ["exit"], async (_a, ctx) => {
        ctx.quit();
        return { ok: true };
      }),
      fake("crash", [], async () => {
        throw new Error("kaput");
      }),
      fake("echo", [], async (args, ctx) => {
        ctx.out.print(`[${args}]`);
        return { ok: true };
      }),
    ]);
    const r = recordingContext(new InteractiveSession({ base: { cwd: process.cwd(), env: {} } }), commands);
    expect(await dispatchSlash("/exit", r.ctx)).toEqual({ ok: true });
    expect(r.quitCalled()).toBe(true);
    expect(await dispatchSlash("/echo  a b ", r.ctx)).toEqual({ ok: true });
    expect(r.text()).toContain("[a b]");
    expect(await dispatchSlash("/ech", r.ctx)).toEqual({
      ok: false,
      message: "Unknown command /ech. Did you mean /echo? Type /help for the list.",
    });
    expect(await dispatchSlash("/crash", r.ctx)).toEqual({ ok: false, message: "/crash failed: kaput" });
    expect(findCommand(commands, "EXIT")?.name).toBe("quit");
  });
});
