/**
 * The four holes engineers reported, each as an attack that must fail: the model writing the agent's own settings,
 * the shell inheriting provider keys, bash reading secret files, and shell settings that had no effect.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyCommand } from "../../runtime/shell/classify.js";
import { shellEnvironment } from "../../runtime/shell/environment.js";
import { ShellSession } from "../../runtime/shell/session.js";
import { CORE_TOOLS, openWorkspace, type ToolContext } from "../../runtime/tools/impl/index.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

let p: TempProject;
let ctx: ToolContext;

beforeAll(async () => {
  p = tempProject({ "src/app.ts": "export const a = 1;\n", "smallcode.toml": 'model = "qwen3:8b"\n' }, { git: true });
  ctx = { workspace: await openWorkspace(p.root) };
});
afterAll(() => p.cleanup());

describe("hole 1: the model cannot write the agent's own settings", () => {
  const TARGETS = [
    ".env",
    ".env.local",
    ".env.production",
    "sub/.env",
    ".ENV",
    "smallcode.toml",
    "pkg/smallcode.toml",
    "SmallCode.TOML",
    ".smallcode/generated/agent.ts",
    ".smallcode/marrow/agent.marrow",
    ".smallcode/smallcode.toml",
    ".smallcode/settings.json",
    ".smallcode/cache/tool-mode.json",
    ".smallcode/sessions/x.jsonl",
    "./.env",
    "src/../.env",
    ".envrc",
  ];
  it.each(TARGETS)("write_file %s is refused", async (target) => {
    const before = readFileSync(path.join(p.root, "smallcode.toml"), "utf8");
    const r = await CORE_TOOLS["write_file"]!({ path: target, content: "SMALLCODE_BASE_URL=http://evil\n" }, ctx);
    expect(r.ok).toBe(false);
    expect(readFileSync(path.join(p.root, "smallcode.toml"), "utf8")).toBe(before);
  });
  it.each(["smallcode.toml", ".env"])("edit_file %s is refused", async (target) => {
    p.write(".env", "SMALLCODE_MODEL=a\n");
    const r = await CORE_TOOLS["edit_file"]!({ path: target, old_text: "", new_text: "x" }, ctx);
    expect(r.ok).toBe(false);
  });
  it.each([".env.example", "src/env.ts", "docs/smallcode.md", "environment.txt"])(
    "ordinary files stay writable: %s",
    async (target) => {
      const r = await CORE_TOOLS["write_file"]!({ path: target, content: "ok\n" }, ctx);
      expect(r.ok).toBe(true);
    },
  );
});

describe("hole 2: the shell does not inherit keys", () => {
  const SECRET_ENV: Record<string, string> = {
    SMALLCODE_API_KEY: "sc-live-key-1",
    SMALLCODE_STRONG_API_KEY: "sc-strong-key-2",
    OPENAI_API_KEY: "sk-openai-3",
    ANTHROPIC_API_KEY: "anthropic-4",
    GITHUB_TOKEN: "ghp_token5",
    AWS_SECRET_ACCESS_KEY: "aws-secret-6",
    NPM_TOKEN: "npm-token-7",
    DB_PASSWORD: "db-pass-8",
    OPENAI_BASE_URL: "http://internal-openai",
    HF_TOKEN: "hf-9",
  };
  it("shellEnvironment drops key-like variables and keeps ordinary ones", () => {
    const saved = { ...process.env };
    Object.assign(process.env, SECRET_ENV, { MY_APP_MODE: "dev" });
    try {
      const env = shellEnvironment();
      for (const k of Object.keys(SECRET_ENV)) expect(env[k], k).toBeUndefined();
      expect(env.MY_APP_MODE).toBe("dev");
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    }
  });
  it("env, printenv and $VAR inside the agent's bash show no key", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, SECRET_ENV);
    const shell = await ShellSession.start({ root: p.root, timeoutMs: 5000 });
    try {
      const r = await shell.run('env; printenv; echo "$SMALLCODE_API_KEY $OPENAI_API_KEY $GITHUB_TOKEN"');
      for (const v of Object.values(SECRET_ENV)) expect(r.output).not.toContain(v);
    } finally {
      await shell.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    }
  });
});

describe("hole 3a: bash commands that read secret files need approval", () => {
  const ctxOf = () => ({ root: p.root, cwd: p.root, home: "/home/u" });
  it.each([
    "cat .env",
    "cat ./.env",
    "cat src/../.env",
    "grep KEY .env",
    "source .env; echo $X",
    ". .env && env",
    "head -n1 .env.local",
    "cat ~/.config/smallcode/.env",
    "cat $HOME/.config/smallcode/.env",
    "cat ${HOME}/.config/smallcode/smallcode.toml",
    "cat /home/u/.config/smallcode/.env",
    `python -c "print(open('.env').read())"`,
    `python3 -c 'import os; print(open(".env").read())'`,
    `node -e "console.log(require('fs').readFileSync('.env','utf8'))"`,
    "cp .env leak.txt",
    "base64 < .env",
    "cat .e*",
    "cat .en?",
    "cat '.env'",
    'cat ".env"',
    "xxd .env",
    "tar czf x.tgz .env",
    "cat .npmrc",
    "cat ~/.netrc",
    "cat ~/.aws/credentials",
    "cat ~/.ssh/id_rsa",
    "git show HEAD:.env",
    "ln .env public.txt",
    "sed -n p .env",
    "awk 1 .env",
    "while read l; do echo $l; done < .env",
  ])("%s", (cmd) => {
    const v = classifyCommand(cmd, ctxOf());
    expect(v.level, v.reasons.join("; ")).not.toBe("safe");
    expect(v.reasons.join(" ")).toMatch(/secret/i);
  });
  it.each([
    "cat README.md",
    "cat .env.example",
    "grep -r TODO src",
    "npm test",
    "rm -rf node_modules",
    "git push",
    "git push origin main",
    "ls -la",
    "cat src/env.ts",
    "echo SMALLCODE_API_KEY",
    "node scripts/build.js",
    "python3 -m pytest",
  ])("stays safe: %s", (cmd) => {
    const v = classifyCommand(cmd, ctxOf());
    expect(v.level, v.reasons.join("; ")).toBe("safe");
  });
});

describe("hole 4: shell settings reach the agent's shell", () => {
  it("ShellSession honours containment: false (cd out is allowed) and the timeout", async () => {
    const { shellOptionsFrom } = await import("../../runtime/shell/shell-settings.js");
    const opts = shellOptionsFrom({ containment: false, timeoutMs: 1000 }, p.root);
    expect(opts).toMatchObject({ root: p.root, containment: false, timeoutMs: 1000 });
    const shell = await ShellSession.start(opts);
    try {
      const out = await shell.run(`cd ${p.outside} && pwd`);
      expect(out.output.trim()).toBe(p.outside);
      const slow = await shell.run("sleep 5");
      expect(slow.timedOut).toBe(true);
    } finally {
      await shell.close();
    }
  });
  it("defaults keep containment on", async () => {
    const { shellOptionsFrom } = await import("../../runtime/shell/shell-settings.js");
    expect(shellOptionsFrom(undefined, p.root)).toEqual({ root: p.root });
  });
});
