import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSettings, type LoadedSettings } from "../../runtime/config/index.js";
import { makeDirs, type Dirs } from "./helpers.js";

let d: Dirs;
beforeEach(() => {
  d = makeDirs();
});
afterEach(() => d.cleanup());

function ok(loaded: LoadedSettings): Extract<LoadedSettings, { ok: true }> {
  if (!loaded.ok) throw new Error(`expected settings to load, got:\n${loaded.message}`);
  return loaded;
}

function errorsOf(loaded: LoadedSettings): string {
  if (loaded.ok) throw new Error("expected the settings to be rejected");
  return loaded.message;
}

const load = (env: Record<string, string> = {}) => loadSettings({ cwd: d.project, env: { ...d.env, ...env } });

describe("sources", () => {
  it("with nothing configured, every setting is its default", () => {
    const s = ok(load()).settings;
    expect(s).toEqual({
      toolMode: "auto",
      approval: "ask",
      trace: true,
      shell: { containment: true },
      tiers: { default: {} },
    });
  });

  it("reads each source on its own, and records where each value came from", () => {
    const cases: Array<[string, string, string, string]> = [
      ["environment", "", "", "environment"],
      [".env", join("project", ".env"), "SMALLCODE_MODEL=m-env-file\n", ".env"],
      ["smallcode.toml", join("project", "smallcode.toml"), 'model = "m-toml"\n', "smallcode.toml"],
      [
        "user .env",
        join("home", ".config", "smallcode", ".env"),
        "SMALLCODE_MODEL=m-user-env\n",
        "~/.config/smallcode/.env",
      ],
      [
        "user toml",
        join("home", ".config", "smallcode", "smallcode.toml"),
        'model = "m-user-toml"\n',
        "~/.config/smallcode/smallcode.toml",
      ],
    ];
    for (const [name, rel, text, label] of cases) {
      const dirs = makeDirs();
      try {
        if (rel) dirs.put(join(dirs.root, rel), text);
        const env = name === "environment" ? { ...dirs.env, SMALLCODE_MODEL: "m-env" } : dirs.env;
        const loaded = ok(loadSettings({ cwd: dirs.project, env }));
        expect(loaded.settings.model, name).toMatch(/^m-/);
        expect(loaded.origins.get("model")?.source.label, name).toBe(label);
        if (rel) expect(loaded.origins.get("model")?.line, name).toBe(1);
      } finally {
        dirs.cleanup();
      }
    }
  });

  it("honours XDG_CONFIG_HOME for the user's files", () => {
    const xdg = join(d.root, "xdg");
    d.put(join(xdg, "smallcode", "smallcode.toml"), "max_turns = 7\n");
    d.put(join(d.user, "smallcode.toml"), "max_turns = 99\n");
    expect(ok(load({ XDG_CONFIG_HOME: xdg })).settings.maxTurns).toBe(7);
    expect(ok(load()).settings.maxTurns).toBe(99);
  });

  it("an environment without HOME or XDG_CONFIG_HOME has no user settings (hermetic runs)", () => {
    d.put(join(d.user, "smallcode.toml"), "max_turns = 99\n");
    const loaded = ok(loadSettings({ cwd: d.project, env: {} }));
    expect(loaded.settings.maxTurns).toBeUndefined();
    expect(loaded.sources.map((s) => s.kind)).toEqual(["env", "project-env", "project-toml"]);
  });

  it("coerces strings from .env and the environment: numbers, booleans, durations, URLs", () => {
    d.put(
      ".env",
      "SMALLCODE_CONTEXT_WINDOW=32768\nSMALLCODE_TRACE=false\nSMALLCODE_REQUEST_TIMEOUT=90s\nSMALLCODE_BASE_URL=http://127.0.0.1:1234/v1/\n",
    );
    const s = ok(load({ SMALLCODE_SHELL_CONTAINMENT: "no", SMALLCODE_SHELL_TIMEOUT: "1500ms" })).settings;
    expect(s.contextWindow).toBe(32768);
    expect(s.trace).toBe(false);
    expect(s.requestTimeoutMs).toBe(90_000);
    expect(s.baseUrl).toBe("http://127.0.0.1:1234/v1");
    expect(s.shell).toEqual({ containment: false, timeoutMs: 1500 });
  });

  it("reads .env syntax: export, quotes, comments", () => {
    d.put(
      ".env",
      "# local\nexport SMALLCODE_MODEL=\"qwen3:8b\"   # inline\nSMALLCODE_API_KEY='sk-quoted-key-123456'\nOTHER_TOOL=1\n",
    );
    const s = ok(load()).settings;
    expect(s.model).toBe("qwen3:8b");
    expect(s.apiKey).toBe("sk-quoted-key-123456");
  });
});

describe("precedence: environment over files, project over user, .env over smallcode.toml", () => {
  it("takes each setting from the highest source that sets it", () => {
    d.put(
      join(d.user, "smallcode.toml"),
      'model = "user-toml"\nmax_turns = 1\ncontext_window = 1000\ntool_mode = "prompt"\napproval = "deny"\n',
    );
    d.put(
      join(d.user, ".env"),
      "SMALLCODE_MODEL=user-env\nSMALLCODE_MAX_TURNS=2\nSMALLCODE_CONTEXT_WINDOW=2000\nSMALLCODE_TOOL_MODE=native\n",
    );
    d.put("smallcode.toml", 'model = "project-toml"\nmax_turns = 3\ncontext_window = 3000\n');
    d.put(".env", "SMALLCODE_MODEL=project-env\nSMALLCODE_MAX_TURNS=4\n");
    const loaded = ok(load({ SMALLCODE_MODEL: "from-env" }));
    const s = loaded.settings;
    expect(s.model).toBe("from-env");
    expect(s.maxTurns).toBe(4);
    expect(s.contextWindow).toBe(3000);
    expect(s.toolMode).toBe("native");
    expect(s.approval).toBe("deny");
    const where = (p: string) => loaded.origins.get(p)?.source.kind;
    expect([
      where("model"),
      where("max_turns"),
      where("context_window"),
      where("tool_mode"),
      where("approval"),
    ]).toEqual(["env", "project-env", "project-toml", "user-env", "user-toml"]);
    expect(loaded.origins.has("trace")).toBe(false);
  });

  it("an empty variable counts as unset, so a file's value shows through", () => {
    d.put("smallcode.toml", 'model = "from-file"\n');
    expect(ok(load({ SMALLCODE_MODEL: "" })).settings.model).toBe("from-file");
  });
});

describe("bad values", () => {
  const table: Array<[string, string, string, RegExp]> = [
    [
      "smallcode.toml",
      'max_turns = "many"\n',
      "max_turns",
      /smallcode\.toml:1: max_turns = "many" is not valid: expected a whole number\. Example: max_turns = 40/,
    ],
    ["smallcode.toml", "context_window = 12.5\n", "context_window", /smallcode\.toml:1: .*expected a whole number/],
    [
      "smallcode.toml",
      'tool_mode = "nativ"\n',
      "tool_mode",
      /expected one of auto, native, prompt\. Example: tool_mode = "auto"/,
    ],
    [
      "smallcode.toml",
      'base_url = "localhost:1234"\n',
      "base_url",
      /expected an http:\/\/ or https:\/\/ URL\. Example: base_url = "http:\/\/127\.0\.0\.1:11434\/v1"/,
    ],
    [
      "smallcode.toml",
      '[shell]\ntimeout = "soon"\n',
      "timeout",
      /smallcode\.toml:2: shell\.timeout = "soon" is not valid: expected a duration such as 90s, 5m or 500ms\. Example: timeout = "2m"/,
    ],
    [
      ".env",
      "\nSMALLCODE_MAX_TURNS=0\n",
      "SMALLCODE_MAX_TURNS",
      /\.env:2: SMALLCODE_MAX_TURNS = "0" is not valid: expected a whole number from 1\. Example: SMALLCODE_MAX_TURNS=40/,
    ],
    [
      ".env",
      "SMALLCODE_TRACE=maybe\n",
      "SMALLCODE_TRACE",
      /\.env:1: .*expected true or false\. Example: SMALLCODE_TRACE=true/,
    ],
    ["smallcode.toml", "approval = true\n", "approval", /expected one of ask, auto, deny/],
  ];
  for (const [file, text, key, expected] of table) {
    it(`${file}: ${text.trim()}`, () => {
      d.put(file, text);
      const message = errorsOf(load());
      expect(message).toMatch(expected);
      expect(message).toContain(key);
    });
  }

  it("reports a bad value in the environment as coming from the environment", () => {
    expect(errorsOf(load({ SMALLCODE_APPROVAL: "sometimes" }))).toMatch(
      /^ {2}environment: SMALLCODE_APPROVAL = "sometimes" is not valid: expected one of ask, auto, deny/m,
    );
  });

  it("reports a bad value even when a higher source overrides it, in the file it is written in", () => {
    d.put(join(d.user, "smallcode.toml"), "max_turns = -3\n");
    expect(errorsOf(load({ SMALLCODE_MAX_TURNS: "5" }))).toContain("~/.config/smallcode/smallcode.toml:1: max_turns");
  });

  it("never echoes a key in an error", () => {
    d.put("smallcode.toml", "api_key = 123456789012345\n");
    const message = errorsOf(load());
    expect(message).toMatch(/api_key = \(hidden\) is not valid: expected text/);
    expect(message).not.toContain("123456789012345");
  });

  it("collects every error at once", () => {
    d.put("smallcode.toml", 'max_turns = "x"\ntool_mode = "y"\n');
    d.put(".env", "SMALLCODE_CONTEXT_WINDOW=big\n");
    expect(load().ok === false && (load() as { errors: unknown[] }).errors).toHaveLength(3);
  });
});

describe("typos and syntax errors in smallcode.toml", () => {
  const table: Array<[string, RegExp]> = [
    ['tool_mod = "native"\n', /smallcode\.toml:1: unknown key "tool_mod"; did you mean "tool_mode"\?/],
    ['model = "a"\nbase_ulr = "http://x/v1"\n', /smallcode\.toml:2: unknown key "base_ulr"; did you mean "base_url"\?/],
    [
      "[shell]\ncontainmnet = false\n",
      /smallcode\.toml:2: unknown key "shell.containmnet"; did you mean "shell.containment"\?/,
    ],
    ['[tiers.strong]\nmodle = "x"\n', /unknown key "tiers.strong.modle"; did you mean "tiers.strong.model"\?/],
    ['[tier.medium]\nmodel = "x"\n', /unknown key "tier"; did you mean "tiers"\?/],
    ['[tiers.default]\nmodel = "x"\n', /the default tier is the top-level base_url, model and api_key/],
    ['shell = "bash"\n', /"shell" is a table, not a value: write \[shell\]/],
    ["flux_capacitor = 1\n", /unknown key "flux_capacitor" \(the keys are listed in docs\/config\.md\)/],
    ['model = "unterminated\n', /smallcode\.toml:1: not valid TOML/],
  ];
  for (const [text, expected] of table) {
    it(text.trim().replace(/\n/g, " ⏎ "), () => {
      d.put("smallcode.toml", text);
      expect(errorsOf(load())).toMatch(expected);
    });
  }

  it("warns, without failing, about unknown SMALLCODE_ variables, with the closest real name", () => {
    d.put(".env", "SMALLCODE_MODLE=qwen\nSMALLCODE_DEBUG=1\nPATH_EXTRA=1\n");
    const loaded = ok(load({ SMALLCODE_BASEURL: "http://x/v1" }));
    expect(loaded.warnings.map((w) => `${w.where}: ${w.message}`)).toEqual([
      "environment: SMALLCODE_BASEURL is not a SmallCode setting; did you mean SMALLCODE_BASE_URL? (it is ignored).",
      ".env:1: SMALLCODE_MODLE is not a SmallCode setting; did you mean SMALLCODE_MODEL? (it is ignored).",
    ]);
  });
});

describe("model tiers", () => {
  it("medium and strong inherit what they leave out from the default tier; a key follows its server", () => {
    d.put(".env", "SMALLCODE_API_KEY=sk-default-key-0000\nSMALLCODE_STRONG_API_KEY=sk-or-strong-key-9999\n");
    d.put(
      "smallcode.toml",
      'base_url = "http://127.0.0.1:11434/v1"\nmodel = "qwen3:8b"\n[tiers.medium]\nmodel = "qwen3:14b"\n[tiers.strong]\nbase_url = "https://openrouter.ai/api/v1"\nmodel = "qwen/qwen3-coder"\n',
    );
    const s = ok(load()).settings;
    expect(s.tiers.default).toEqual({
      baseUrl: "http://127.0.0.1:11434/v1",
      model: "qwen3:8b",
      apiKey: "sk-default-key-0000",
    });
    expect(s.tiers.medium).toEqual({
      baseUrl: "http://127.0.0.1:11434/v1",
      model: "qwen3:14b",
      apiKey: "sk-default-key-0000",
    });
    expect(s.tiers.strong).toEqual({
      baseUrl: "https://openrouter.ai/api/v1",
      model: "qwen/qwen3-coder",
      apiKey: "sk-or-strong-key-9999",
    });
  });

  it("a tier on another server does not borrow the default tier's key", () => {
    d.put(".env", "SMALLCODE_API_KEY=sk-default-key-0000\nSMALLCODE_STRONG_BASE_URL=https://api.deepseek.com/v1\n");
    expect(ok(load()).settings.tiers.strong).toEqual({ baseUrl: "https://api.deepseek.com/v1" });
  });
});
