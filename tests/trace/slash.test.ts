import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { command as tokens } from "../../cli/slash/tokens.js";
import { command as trace } from "../../cli/slash/trace.js";
import { makeDirs, type Dirs } from "../config/helpers.js";
import { slashContext } from "../provider/slash-helpers.js";

let d: Dirs;
let server: LlmServer;
beforeEach(async () => {
  d = makeDirs();
  server = await startLlmServer();
  d.put(".env", `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=test-model\n`);
  d.put("README.md", "# demo\n");
});
afterEach(async () => {
  await server.close();
  d.cleanup();
});

async function twoPrompts(env: Record<string, string> = {}) {
  const r = await slashContext(d.project, { ...d.env, ...env });
  server.enqueue(
    reply()
      .text("Reading the readme first.")
      .tool("read_file", { path: "README.md" })
      .usage({ prompt: 3000, completion: 40 })
      .delay(40),
    reply().text("It is a demo.").usage({ prompt: 3100, completion: 12 }),
    reply().text("Still a demo.").noUsage(),
  );
  expect((await r.session.send("What is this project?")).success).toBe(true);
  expect((await r.session.send("Sure?")).success).toBe(true);
  return r;
}

describe("/tokens", () => {
  it("one row per model call over the session's prompts, measured or estimated, with the time to first token", async () => {
    const r = await twoPrompts();
    expect(await tokens.run("", r.ctx)).toEqual({ ok: true });
    const table = r.lines.join("\n");
    expect(table).toMatch(/^1\s+act\s+3000\s+40\s+measured\s+\d+ms\s+\d+ms\s+[\d.]+$/m);
    expect(table).toMatch(/^2\s+act\s+3100\s+12\s+measured\s+\d+ms/m);
    expect(table).toMatch(/^\d+\s+act\s+\d+\s+\d+\s+estimated\s+\d+ms/m);
    expect(table).toContain("Total: 3 calls, ");
    expect(table).toContain("(1 of 3 estimated: the server sent no usage)");
    const ttft = Number(/^1\s+act\s+3000\s+40\s+measured\s+(\d+)ms/m.exec(table)?.[1]);
    expect(ttft).toBeGreaterThanOrEqual(35);
  });

  it("with tracing off, the figures still come from the events", async () => {
    const r = await twoPrompts({ SMALLCODE_TRACE: "false" });
    await tokens.run("", r.ctx);
    const table = r.lines.join("\n");
    expect(table).toMatch(/^1\s+act\s+3000\s+40\s+measured\s+—/m);
    expect(table).toContain("turn tracing on (trace = true)");
  });
});

describe("/trace", () => {
  it("lists, shows and exports the current session's trace", async () => {
    const r = await twoPrompts();
    const id = r.session.id!;
    expect(await trace.run("", r.ctx)).toEqual({ ok: true });
    expect(r.lines.join("\n")).toMatch(new RegExp(`^${id} .* 3 model, 1 tool calls {2}What is this project\\?$`, "m"));
    r.lines.length = 0;
    expect(await trace.run("show", r.ctx)).toEqual({ ok: true });
    expect(r.lines.filter((l) => / model turn \d/.test(l))).toHaveLength(3);
    expect(r.lines.some((l) => /tool read_file +\{"path":"README.md"\}/.test(l))).toBe(true);
    r.lines.length = 0;
    expect(await trace.run("export", r.ctx)).toEqual({ ok: true });
    const file = /^Wrote (.+) \(\d+ spans\)/.exec(r.lines[0] ?? "")?.[1];
    expect(file && existsSync(file)).toBe(true);
    expect(readFileSync(file!, "utf8")).toContain("<svg");
    expect(await trace.run("export nope", r.ctx)).toEqual({
      ok: false,
      message: expect.stringContaining('No trace for session "nope"'),
    });
    expect(await trace.run("frob", r.ctx)).toEqual({
      ok: false,
      message: expect.stringContaining("/trace frob: use /trace list"),
    });
  });
});
