/**
 * Shared setup for the end-to-end tests: a temp git repository with real files, the project's OpenAI-compatible test
 * server over real HTTP, and a SmallCode instance pointed at it with fast retries.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startLlmServer, type LlmServer, type LlmServerOptions } from "../../bench/server/index.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { SmallCode, type SmallCodeOptions } from "../../cli/api.js";

export interface Repo {
  dir: string;
  read(path: string): string;
  write(path: string, text: string): void;
  cleanup(): void;
}

export function makeRepo(files: Record<string, string>): Repo {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-e2e-"));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  const git = (...args: string[]): void => {
    execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  };
  git("init", "-q");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
  return {
    dir,
    read: (path) => readFileSync(join(dir, path), "utf8"),
    write,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A small Node project whose test fails: add() subtracts. */
export const BUGGY_NODE_PROJECT: Record<string, string> = {
  "package.json": JSON.stringify({ name: "calc", version: "1.0.0", scripts: { test: "node test.js" } }, null, 2) + "\n",
  "calc.js": "function add(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add };\n",
  "test.js":
    'const assert = require("node:assert");\nconst { add } = require("./calc.js");\nassert.strictEqual(add(2, 3), 5);\nconsole.log("ok");\n',
};

/** The same code without a test command: the verify stage has nothing to run. */
export const PLAIN_PROJECT: Record<string, string> = {
  "calc.js": BUGGY_NODE_PROJECT["calc.js"] ?? "",
  "README.md": "# calc\n",
};

export const FIXED_CALC = "function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n";

export async function startServer(options: LlmServerOptions = {}): Promise<LlmServer> {
  return startLlmServer(options);
}

/** A SmallCode against the test server, with retries that do not sleep long. */
export function smallcode(
  server: LlmServer,
  cwd: string,
  options: SmallCodeOptions = {},
): { agent: SmallCode; events: AgentEvent[] } {
  const agent = new SmallCode({
    baseUrl: server.baseUrl,
    model: "test-model",
    cwd,
    toolMode: "native",
    env: {},
    ...options,
    client: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5000, ...options.client },
  });
  const events: AgentEvent[] = [];
  agent.on("*", (e) => events.push(e));
  return { agent, events };
}

/** All text the model was sent in one recorded request (messages and tool results), for assertions. */
export function requestText(body: { messages?: Array<{ content?: unknown }> }): string {
  return (body.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : "")).join("\n---\n");
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** `node --import tsx <repo>/cli/<entry>.ts …args` as a real child process, in `cwd`. */
export function spawnCli(
  entry: "smallcode" | "marrowc",
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, ["--import", TSX, join(ROOT, "cli", `${entry}.ts`), ...args], {
    cwd,
    env: { ...process.env, SMALLCODE_BASE_URL: "", SMALLCODE_MODEL: "", SMALLCODE_TOOL_MODE: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (stdin is not a terminal). */
export function runCli(
  entry: "smallcode" | "marrowc",
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliOutcome> {
  return collect(spawnCli(entry, args, cwd, env));
}

export function collect(child: ChildProcess): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}
