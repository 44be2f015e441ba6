import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { readSecret } from "../../cli/provider/index.js";
import { makeDirs, type Dirs } from "../config/helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const KEY = "sk-cli-wizard-key-77889900";

let d: Dirs;
let server: LlmServer | undefined;
beforeEach(() => {
  d = makeDirs();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  d.cleanup();
});

/** The real `smallcode` process, answers piped to stdin. */
function smallcode(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", TSX, join(ROOT, "cli", "smallcode.ts"), ...args], {
    cwd: d.project,
    env: { PATH: process.env["PATH"] ?? "", HOME: d.home },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("smallcode provider, as a process", () => {
  it("runs the wizard from piped answers, saves, and smallcode config then shows the result with the key masked", async () => {
    server = await startLlmServer({ apiKey: KEY, models: ["qwen3:8b", "qwen3:14b"] });
    const wizard = await smallcode(["provider"], ["deepseek", server.baseUrl, KEY, "qwen3:14b", "user", ""].join("\n"));
    expect(wizard.stderr).toBe("");
    expect(wizard.code).toBe(0);
    expect(wizard.stdout).toContain("API key: (hidden)");
    expect(wizard.stdout).toContain("Saved to ~/.config/smallcode/.env (readable by you only).");
    expect(wizard.stdout + wizard.stderr).not.toContain(KEY);
    const file = join(d.user, ".env");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain(`SMALLCODE_API_KEY=${KEY}\n`);

    const config = await smallcode(["config"], "");
    expect(config.code).toBe(0);
    expect(config.stdout).toMatch(/^ {2}model +qwen3:14b +~\/\.config\/smallcode\/\.env:2 \(SMALLCODE_MODEL\)$/m);
    expect(config.stdout).toMatch(/^ {2}api_key +sk-…9900 +~\/\.config\/smallcode\/\.env:3 \(SMALLCODE_API_KEY\)$/m);
    expect(config.stdout).not.toContain(KEY);
  }, 60_000);

  it("a typo in smallcode.toml: smallcode config names the key and exits 1", async () => {
    d.put("smallcode.toml", 'model = "qwen3:8b"\nmax_trns = 30\n');
    const r = await smallcode(["config"], "");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('smallcode.toml:2: unknown key "max_trns"; did you mean "max_turns"?');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it("cancelled when the answers run out; nothing saved", async () => {
    const r = await smallcode(["provider"], "ollama\n");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("smallcode provider: cancelled. Nothing was saved.\n");
  }, 60_000);
});

/** A stand-in terminal: a stream that says it is a TTY and records raw mode. */
function fakeTty(): PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode(raw: boolean): void; modes: boolean[] } {
  const s = new PassThrough() as PassThrough & {
    isTTY: boolean;
    isRaw: boolean;
    setRawMode(raw: boolean): void;
    modes: boolean[];
  };
  s.isTTY = true;
  s.isRaw = false;
  s.modes = [];
  s.setRawMode = (raw: boolean) => {
    s.isRaw = raw;
    s.modes.push(raw);
  };
  return s;
}

describe("masked key input on a terminal", () => {
  async function typed(keys: string): Promise<{ value: string | undefined; shown: string; modes: boolean[] }> {
    const input = fakeTty();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (c: Buffer) => (shown += c.toString()));
    const pending = readSecret(input, output, "API key: ");
    input.write(keys);
    const value = await pending;
    return { value, shown, modes: input.modes };
  }

  it("shows a dot per character, never the key, and restores the terminal", async () => {
    const r = await typed("sk-abc123\r");
    expect(r.value).toBe("sk-abc123");
    expect(r.shown).toBe("API key: •••••••••\n");
    expect(r.modes).toEqual([true, false]);
  });

  it("Backspace and Ctrl-U edit what was typed", async () => {
    expect((await typed("sk-abX\x7f\x7fbc\r")).value).toBe("sk-abc");
    expect((await typed("garbage\x15sk-real\r")).value).toBe("sk-real");
  });

  it("Ctrl-C cancels", async () => {
    const r = await typed("sk-ab\x03");
    expect(r.value).toBeUndefined();
    expect(r.modes).toEqual([true, false]);
  });
});
