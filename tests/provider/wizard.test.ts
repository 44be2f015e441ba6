import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { runProviderWizard, ScriptedIO } from "../../cli/provider/index.js";
import { loadSettings } from "../../runtime/config/index.js";
import { makeDirs, type Dirs } from "../config/helpers.js";

const KEY = "sk-wizard-right-key-4242";
const WRONG = "sk-wizard-wrong-key-1313";
const MODELS = ["qwen3:8b", "qwen3:14b", "llama3.1:8b"];

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

const mode = (file: string) => statSync(file).mode & 0o777;
const wizard = (io: ScriptedIO, env: Record<string, string> = {}) =>
  runProviderWizard(io, { cwd: d.project, env: { ...d.env, ...env }, check: { timeoutMs: 3000 } });

describe("provider wizard against the test server", () => {
  it("hosted provider: a refused key is reported, the right one accepted; the model is picked and saved to both files", async () => {
    server = await startLlmServer({ apiKey: KEY, models: MODELS });
    d.put(".env", "# my project\nDATABASE_URL=postgres://x\nSMALLCODE_MODEL=old-model\n");
    const io = new ScriptedIO(["openai", server.baseUrl, WRONG, KEY, "2", "3"]);
    const result = await wizard(io);

    expect(result).toMatchObject({
      ok: true,
      provider: "openai",
      choice: { baseUrl: server.baseUrl, model: "qwen3:14b", apiKey: KEY },
    });
    const out = io.output;
    expect(out).toContain("✗ The key was refused (HTTP 401");
    expect(out).toContain("✓ " + server.baseUrl + " answered, and the key was accepted: 3 models.");
    expect(out).toMatch(/ {2}2\. qwen3:14b/);
    // Keys never appear on screen: not the wrong one, not the right one.
    expect(out).not.toContain(KEY);
    expect(out).not.toContain(WRONG);
    expect(out).toContain("API key: ••••••••");
    // The checks really went to the server, with each key.
    const auth = server.requests.filter((r) => r.path.endsWith("/models")).map((r) => r.headers["authorization"]);
    expect(auth).toEqual([`Bearer ${WRONG}`, `Bearer ${KEY}`]);

    const project = join(d.project, ".env");
    const user = join(d.user, ".env");
    expect(readFileSync(project, "utf8")).toBe(
      `# my project\nDATABASE_URL=postgres://x\nSMALLCODE_MODEL=qwen3:14b\nSMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_API_KEY=${KEY}\n`,
    );
    expect(readFileSync(user, "utf8")).toBe(
      `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=qwen3:14b\nSMALLCODE_API_KEY=${KEY}\n`,
    );
    expect([mode(project), mode(user)]).toEqual([0o600, 0o600]);
    expect(out).toContain("Saved to .env (readable by you only).");
    expect(out).toContain("Saved to ~/.config/smallcode/.env (readable by you only).");
    // What was saved is what SmallCode now uses.
    const loaded = loadSettings({ cwd: d.project, env: d.env });
    expect(loaded.ok && [loaded.settings.baseUrl, loaded.settings.model, loaded.settings.apiKey]).toEqual([
      server.baseUrl,
      "qwen3:14b",
      KEY,
    ]);
  });

  it("local server without a key: pick the model by name; an old key in the file is removed, the file keeps its mode", async () => {
    server = await startLlmServer({ models: MODELS });
    const env = d.put(".env", "SMALLCODE_API_KEY=sk-old-hosted-key-0000\nKEEP=1\n");
    const io = new ScriptedIO(["2", server.baseUrl, "llama", "1"]);
    const result = await wizard(io);
    expect(result).toMatchObject({ ok: true, provider: "ollama", choice: { model: "llama3.1:8b" } });
    expect(readFileSync(env, "utf8")).toBe(
      `KEEP=1\nSMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=llama3.1:8b\n`,
    );
    expect(mode(env)).toBe(0o644 & ~process.umask());
    expect(io.output).not.toContain("API key");
  });

  it("a custom endpoint that turns out to need a key asks for one", async () => {
    server = await startLlmServer({ apiKey: KEY, models: MODELS });
    const io = new ScriptedIO(["8", server.baseUrl, "", KEY, "", "2"]);
    const result = await wizard(io);
    expect(result).toMatchObject({ ok: true, provider: "custom", choice: { model: "qwen3:8b", apiKey: KEY } });
    expect(io.output).toContain("✗ This endpoint needs an API key (HTTP 401");
    expect(io.output).toContain("API key (Enter for none): ");
    expect(mode(join(d.user, ".env"))).toBe(0o600);
  });

  it("nothing listening: says so with the provider's hint, then takes another URL", async () => {
    const gone = await startLlmServer();
    const dead = gone.baseUrl;
    await gone.close();
    server = await startLlmServer({ models: MODELS });
    const io = new ScriptedIO(["lm", dead, server.baseUrl, "", "1"]);
    const result = await wizard(io);
    expect(result.ok).toBe(true);
    expect(io.output).toContain(`✗ Nothing answered at ${dead}/models (ECONNREFUSED).`);
    expect(io.output).toContain("Start the server in LM Studio's Developer tab");
    expect(io.output).toContain("  1. this project's .env (.env)");
  });

  it("re-asks after an answer that is not a choice or not a URL", async () => {
    server = await startLlmServer({ models: MODELS });
    const io = new ScriptedIO(["9", "ollama", "localhost:11434", server.baseUrl, "", "1"]);
    expect((await wizard(io)).ok).toBe(true);
    expect(io.output).toContain("Type a number from 1 to 8 (or q to quit).");
    expect(io.output).toContain(
      '"localhost:11434" is not an http:// or https:// URL. Example: http://127.0.0.1:8080/v1',
    );
  });

  it("keeps the saved key when Enter is pressed, showing it masked", async () => {
    server = await startLlmServer({ apiKey: KEY, models: MODELS });
    d.put(join(d.user, ".env"), `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_API_KEY=${KEY}\n`);
    const io = new ScriptedIO(["openrouter", server.baseUrl, "", "", "2"]);
    const result = await wizard(io);
    expect(result).toMatchObject({ ok: true, choice: { apiKey: KEY } });
    expect(io.output).toContain("API key (Enter keeps sk-…4242): ");
    expect(io.output).not.toContain(KEY);
  });

  it("says when the environment still wins over what was saved", async () => {
    server = await startLlmServer({ models: MODELS });
    const io = new ScriptedIO(["2", server.baseUrl, "1", "1"]);
    await wizard(io, { SMALLCODE_MODEL: "pinned-model" });
    expect(io.output).toContain(
      "Note: model is still pinned-model: the environment (SMALLCODE_MODEL) wins over what was saved. Remove it there to use qwen3:8b.",
    );
  });

  it("still works when the current settings do not load, and says why", async () => {
    server = await startLlmServer({ models: MODELS });
    d.put("smallcode.toml", "max_turns = 0\n");
    const io = new ScriptedIO(["2", server.baseUrl, "1", "1"]);
    expect((await wizard(io)).ok).toBe(true);
    expect(io.output).toContain("Note: the current settings do not load; the wizard can still save an endpoint.");
    expect(io.output).toContain("smallcode.toml:1: max_turns = 0 is not valid");
  });

  it("input ending midway cancels without writing anything", async () => {
    server = await startLlmServer({ apiKey: KEY, models: MODELS });
    const io = new ScriptedIO(["openai", server.baseUrl, KEY]);
    expect(await wizard(io)).toEqual({ ok: false, reason: "cancelled", message: "Nothing was saved." });
    expect(() => statSync(join(d.project, ".env"))).toThrow();
    expect(() => statSync(join(d.user, ".env"))).toThrow();
  });

  it("a file that cannot be written is reported, not thrown", async () => {
    server = await startLlmServer({ models: MODELS });
    writeFileSync(join(d.home, ".config", "blocker"), "");
    const io = new ScriptedIO(["2", server.baseUrl, "1", "2"]);
    const result = await wizard(io, { XDG_CONFIG_HOME: join(d.home, ".config", "blocker") });
    expect(result).toMatchObject({
      ok: false,
      reason: "failed",
      message: expect.stringMatching(/^Cannot write .*blocker\/smallcode\/\.env: .*permissions\.$/),
    });
  });
});
