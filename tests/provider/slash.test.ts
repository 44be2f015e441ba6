import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { command as config } from "../../cli/slash/config.js";
import { command as provider } from "../../cli/slash/provider.js";
import { makeDirs, type Dirs } from "../config/helpers.js";
import { slashContext } from "./slash-helpers.js";

const KEY = "sk-slash-provider-key-31337";

let d: Dirs;
let first: LlmServer;
let second: LlmServer;
beforeEach(async () => {
  d = makeDirs();
  first = await startLlmServer({ models: ["small-model"] });
  second = await startLlmServer({ apiKey: KEY, models: ["big-model", "bigger-model"] });
  d.put(".env", `SMALLCODE_BASE_URL=${first.baseUrl}\n`);
});
afterEach(async () => {
  await first.close();
  await second.close();
  d.cleanup();
});

describe("/provider", () => {
  it("switches the live session to the checked endpoint, asking the key masked and never printing it", async () => {
    const r = await slashContext(d.project, d.env, ["openrouter", second.baseUrl, KEY, "bigger", "project"]);
    expect(r.session.endpoint()).toMatchObject({ baseUrl: first.baseUrl, model: "small-model" });
    expect(await provider.run("", r.ctx)).toEqual({ ok: true });
    expect(r.session.endpoint()).toMatchObject({
      baseUrl: second.baseUrl,
      model: "bigger-model",
      apiKeyMasked: "sk-…1337",
      source: "/provider",
    });
    expect(r.asked.find((a) => a.question.startsWith("API key"))?.options).toEqual({ mask: true });
    expect(r.lines.join("\n")).not.toContain(KEY);
    expect(r.lines).toContain("Now using bigger-model at " + second.baseUrl + ".");
    const env = join(d.project, ".env");
    expect(readFileSync(env, "utf8")).toBe(
      `SMALLCODE_BASE_URL=${second.baseUrl}\nSMALLCODE_MODEL=bigger-model\nSMALLCODE_API_KEY=${KEY}\n`,
    );
    expect(statSync(env).mode & 0o777).toBe(0o600);
  });

  it("Esc (no answer) cancels and changes nothing", async () => {
    const r = await slashContext(d.project, d.env, ["ollama"]);
    expect(await provider.run("", r.ctx)).toEqual({ ok: true });
    expect(r.lines.at(-1)).toBe("Cancelled; nothing was saved.");
    expect(r.session.endpoint().baseUrl).toBe(first.baseUrl);
    expect(readFileSync(join(d.project, ".env"), "utf8")).toBe(`SMALLCODE_BASE_URL=${first.baseUrl}\n`);
  });
});

describe("/config", () => {
  it("shows the settings with their sources, keys masked", async () => {
    d.put(join(d.user, ".env"), `SMALLCODE_API_KEY=${KEY}\n`);
    const r = await slashContext(d.project, d.env);
    expect(await config.run("", r.ctx)).toEqual({ ok: true });
    const text = r.lines.join("\n");
    expect(text).toMatch(
      new RegExp(`^ {2}base_url +${first.baseUrl.replace(/[.]/g, "\\.")} +\\.env:1 \\(SMALLCODE_BASE_URL\\)$`, "m"),
    );
    expect(text).toMatch(/^ {2}api_key +sk-…1337 +~\/\.config\/smallcode\/\.env:1/m);
    expect(text).not.toContain(KEY);
  });

  it("reports invalid settings and bad arguments as failures with the reason", async () => {
    const r = await slashContext(d.project, d.env);
    d.put("smallcode.toml", "max_turns = 0\n");
    expect(await config.run("", r.ctx)).toEqual({
      ok: false,
      message: expect.stringContaining("smallcode.toml:1: max_turns = 0 is not valid"),
    });
    expect(await config.run("nonsense", r.ctx)).toEqual({
      ok: false,
      message: '/config takes nothing or "reload", not "nonsense".',
    });
  });
});
