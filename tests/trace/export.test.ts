import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../cli/commands/trace.js";
import type { CommandIO } from "../../cli/command.js";
import { SessionTrace } from "../../runtime/trace/index.js";
import { fakeClock, feedSession } from "./fixtures.js";

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "smallcode-trace-"));
  const clock = fakeClock();
  const trace = new SessionTrace({ cwd: dir, now: clock.now });
  feedSession((e) => trace.handle(e), clock);
  await trace.flush();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const io: CommandIO = { stdin: new PassThrough(), stdout, stderr, cwd: dir, env: {} };
  const code = await run(argv, io);
  return { code, out, err };
}

describe("smallcode trace", () => {
  it("lists sessions and shows one as text", async () => {
    const list = await cli("list");
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^s1 {2}2025-11-24 16:00:00 +3\.1s {2}2 model, 2 tool calls {2}Fix <\/script> the bug\n$/);
    const show = await cli("show", "s");
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^\+ +5ms +1\.2s {2}model turn 1 {2}1180→42 tok, ttft 400ms, tool_use$/m);
    expect(show.out).toMatch(/^\+ +1\.24s +250ms {2}tool bash ✗/m);
    expect(show.out).toMatch(/validate verify ✗ {2}npm test → exit 1$/m);
  });

  it("explains what is wrong: unknown session, missing argument, bad subcommand", async () => {
    expect(await cli("show", "nope")).toMatchObject({
      code: 1,
      err: expect.stringContaining('No trace for session "nope"'),
    });
    expect(await cli("export")).toMatchObject({ code: 2, err: expect.stringContaining("name a session") });
    expect(await cli("frob")).toMatchObject({ code: 2, err: expect.stringContaining('unknown subcommand "frob"') });
    const empty = mkdtempSync(join(tmpdir(), "smallcode-trace-empty-"));
    try {
      const io = {
        stdin: new PassThrough(),
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        cwd: empty,
        env: {},
      };
      let err = "";
      io.stderr.on("data", (c: Buffer) => (err += c.toString()));
      expect(await run(["export", "latest"], io)).toBe(1);
      expect(err).toContain("No traces in");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("exports a self-contained HTML timeline: one bar per span, no network, text escaped", async () => {
    const r = await cli("export", "latest");
    expect(r.code).toBe(0);
    const file = join(dir, ".smallcode", "traces", "s1.html");
    expect(r.out).toBe(`Wrote ${file} (9 spans). Open it in a browser.\n`);
    const html = readFileSync(file, "utf8");
    expect(html.match(/<g class="span k-/g)).toHaveLength(9);
    expect(html.match(/<g class="span k-(tool|validation) error"/g)).toHaveLength(2);
    expect(html.match(/class="wait"/g)).toHaveLength(1); // only turn 1 streamed
    // Nothing is fetched: no external scripts, styles, images, fonts or requests.
    for (const banned of [/<link\b/i, /\b(src|href)\s*=/i, /url\(/i, /@import/i, /fetch\(/, /XMLHttpRequest/])
      expect(html).not.toMatch(banned);
    // A "</script>" in the task cannot end the data block early.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain("<h1>Fix &lt;/script&gt; the bug</h1>");
    // The first model call starts 5 ms into a 3095 ms run: x = 280 + 5/3095 × 860.
    expect(html).toMatch(/data-i="1"[^]*?<rect x="281\.38\d*" y="54"/);
  });

  it("writes where --out says", async () => {
    const out = join(dir, "timeline.html");
    expect((await cli("export", "s1", "--out", out)).code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>/);
  });
});

function chromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim() || undefined;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

const browser = chromium();

describe.skipIf(!browser)("the timeline in headless Chromium", () => {
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,700"];

  it("runs its script: a #span link pins that span's details", async () => {
    await cli("export", "s1");
    const url = `file://${join(dir, ".smallcode", "traces", "s1.html")}#span=1`;
    const dom = execFileSync(browser!, [...flags, "--dump-dom", url], {
      encoding: "utf8",
      timeout: 60_000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    expect(dom).toMatch(/<aside id="details"><h2>model turn 1<\/h2><table>/);
    expect(dom).toContain("1180 prompt, 42 completion (measured)");
    expect(dom).toMatch(/<g class="span k-model pinned" data-i="1"/);
  }, 90_000);

  it("renders to a screenshot", async () => {
    await cli("export", "s1");
    const png = join(dir, "shot.png");
    execFileSync(
      browser!,
      [...flags, `--screenshot=${png}`, `file://${join(dir, ".smallcode", "traces", "s1.html")}`],
      {
        timeout: 60_000,
        stdio: "ignore",
      },
    );
    expect(existsSync(png)).toBe(true);
    const head = readFileSync(png).subarray(0, 24);
    expect(head.subarray(1, 4).toString()).toBe("PNG");
    expect([head.readUInt32BE(16), head.readUInt32BE(20)]).toEqual([1400, 700]);
    expect(statSync(png).size).toBeGreaterThan(10_000);
  }, 90_000);
});
