import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandIO } from "../../cli/command.js";
import { run } from "../../cli/commands/config.js";
import { SETTING_KEYS } from "../../runtime/config/index.js";
import { makeDirs, type Dirs } from "./helpers.js";

const KEY = "sk-command-test-key-5678";

let d: Dirs;
beforeEach(() => {
  d = makeDirs();
});
afterEach(() => d.cleanup());

async function config(argv: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const io: CommandIO = { stdin: new PassThrough(), stdout, stderr, cwd: d.project, env: { ...d.env, ...env } };
  return { code: await run(argv, io), out, err };
}

describe("smallcode config", () => {
  it("--json: every setting with its value (keys masked) and origin, and the sources", async () => {
    d.put(".env", `SMALLCODE_API_KEY=${KEY}\n`);
    const r = await config(["--json"], { SMALLCODE_MAX_TURNS: "9" });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as {
      settings: Array<{ key: string; value: string | null; origin: string }>;
      sources: unknown[];
    };
    expect(data.settings.map((s) => s.key)).toEqual(SETTING_KEYS.map((k) => k.path));
    const by = (k: string) => data.settings.find((s) => s.key === k);
    expect(by("api_key")).toMatchObject({ value: "sk-…5678", origin: ".env:1 (SMALLCODE_API_KEY)" });
    expect(by("max_turns")).toMatchObject({ value: "9", origin: "environment (SMALLCODE_MAX_TURNS)" });
    expect(by("approval")).toMatchObject({ value: "ask", origin: "default" });
    expect(by("model")).toMatchObject({ value: null, origin: "not set (decided at run time)" });
    expect(data.sources).toHaveLength(5);
    expect(r.out).not.toContain(KEY);
  });

  it("--json with invalid settings: the errors as data, exit 1", async () => {
    d.put("smallcode.toml", "context_window = 10\n");
    const r = await config(["--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors).toEqual([
      {
        severity: "error",
        where: "smallcode.toml:1",
        key: "context_window",
        message: "context_window = 10 is not valid: expected a whole number from 512. Example: context_window = 32768",
      },
    ]);
  });

  it("--keys lists every key with its variable", async () => {
    const r = await config(["--keys"]);
    expect(r.out.trim().split("\n")).toHaveLength(SETTING_KEYS.length);
    expect(r.out).toMatch(/^shell\.timeout +SMALLCODE_SHELL_TIMEOUT +Default time limit/m);
  });

  it("usage errors exit 2 with a pointer to --help", async () => {
    expect(await config(["--nope"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("See smallcode config --help."),
    });
    expect((await config(["--help"])).out).toContain("Precedence, highest first");
  });
});
