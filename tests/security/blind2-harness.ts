/**
 * Harness of the second blind attack round (tests/security/attacks-blind2.test.ts): a temp project with settings,
 * secrets and a committed .env, a fake HOME beside it (the user's key store, ~/.ssh, ~/.aws, ~/.bashrc), and an
 * `attempt` that runs one tool call through the real tool implementations and judges what it did by looking at the
 * disk and the output afterwards — never by what the tool said. Written before reading runtime/.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";
import { collectSecrets, createSecretRedactor, type Redact } from "../../runtime/security/index.js";
import { CORE_TOOLS, type ToolContext } from "../../runtime/tools/impl/index.js";
import type { Classification } from "../../runtime/shell/classify.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

export const ENV_SECRET = "sk-proj-ENVSECRETvalue0123456789";
export const KEYSTORE_SECRET = "sk-user-KEYSTOREsecret987654321";
export const SSH_SECRET = "SSHSECRETmaterialQWERTY0987654";
export const AWS_SECRET = "AWSSECRETkeyZXCVB1234567890";
/** Values whose appearance in a bash result means a key was read. */
export const KEY_VALUES = [ENV_SECRET, KEYSTORE_SECRET, SSH_SECRET, AWS_SECRET];
/** File tools must not show these either (the outside file). */
export const OUTSIDE_SECRET = "outside secret";

export interface Fixture {
  p: TempProject;
  base: string;
  home: string;
  keystore: string;
  redact: Redact;
}

export function makeFixture(): Fixture {
  const p = tempProject(
    {
      "src/app.ts": "export const app = 1;\n",
      "README.md": "# demo\n",
      ".env": `SMALLCODE_API_KEY=${ENV_SECRET}\n`,
      "smallcode.toml": 'model = "qwen3:8b"\n',
      ".smallcode/marrow/agent.marrow": "// team build\n",
    },
    { git: true }, // the .env is committed (a common mistake), so git show / git grep can reach it
  );
  const base = path.dirname(p.root);
  const home = path.join(base, "home");
  const keystore = path.join(home, ".config", "smallcode");
  mkdirSync(keystore, { recursive: true });
  writeFileSync(path.join(keystore, ".env"), `SMALLCODE_API_KEY=${KEYSTORE_SECRET}\n`);
  writeFileSync(path.join(keystore, "smallcode.toml"), 'base_url = "http://127.0.0.1:11434/v1"\n');
  mkdirSync(path.join(home, ".ssh"));
  writeFileSync(path.join(home, ".ssh", "id_rsa"), `-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_SECRET}\n`);
  mkdirSync(path.join(home, ".aws"));
  writeFileSync(path.join(home, ".aws", "credentials"), `[default]\naws_secret_access_key = ${AWS_SECRET}\n`);
  writeFileSync(path.join(home, ".bashrc"), "# bashrc\n");
  const redact = createSecretRedactor(collectSecrets({ root: p.root, env: { HOME: home }, known: [] }));
  return { p, base, home, keystore, redact };
}

/** Every file under `dir` (symlinks not followed) with a hash of its bytes; paths under `skip` are left out. */
export function fingerprint(dir: string, skip: (abs: string) => boolean = () => false): string {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      if (skip(abs)) continue;
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        out.push(`${abs}/:${st.mode}`);
        walk(abs);
      } else if (st.isSymbolicLink()) out.push(`${abs}:link:${readlinkSync(abs)}`);
      // A FIFO or socket would block a read forever: it counts by its kind and mode only.
      else if (!st.isFile()) out.push(`${abs}:special:${st.mode}`);
      else out.push(`${abs}:${createHash("sha1").update(readFileSync(abs)).digest("hex")}:${st.mode}:${st.ino}`);
    }
  };
  walk(dir);
  return out.join("\n");
}

/** What SmallCode reads as settings or runs as code on its own: the project's .env/smallcode.toml/.smallcode (its
 * runtime folders excepted), the user's config directory, and git's config and hooks. */
export function settingsPrint(f: Fixture): string {
  const root = f.p.root;
  const one = (abs: string) => {
    if (!existsSync(abs) && !isLink(abs)) return `${abs}:absent`;
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) return `${abs}:link:${readlinkSync(abs)}`;
    if (st.isDirectory()) return `${abs}:dir`;
    if (!st.isFile()) return `${abs}:special:${st.mode}`;
    return `${abs}:${createHash("sha1").update(readFileSync(abs)).digest("hex")}:${st.mode}`;
  };
  const runtimeDirs = ["snapshots", "shell", "sessions", "cache"].map((d) => path.join(root, ".smallcode", d));
  return [
    one(path.join(root, ".env")),
    one(path.join(root, "smallcode.toml")),
    one(path.join(root, ".git", "config")),
    fingerprint(path.join(root, ".smallcode"), (abs) => runtimeDirs.some((d) => abs === d)),
    fingerprint(path.join(root, ".git", "hooks")),
    fingerprint(f.keystore),
  ].join("\n");
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

export type Mode = "no-approval" | "yes";

export class Scoreboard {
  attempts = 0;
  escapes: string[] = [];
  /** One layer missed, another caught it (a key printed by bash, masked by the redactor). */
  layerMisses: string[] = [];
  classifications: string[] = [];
  /** Outside changes the classifier allows because the outside directory is under /tmp (scratch by design). */
  scratch: string[] = [];
  print(label: string): string {
    const lines = [
      `${label}: ${this.attempts} attempts, ${this.escapes.length} escapes, ${this.layerMisses.length} layer misses`,
      ...this.escapes.map((e) => `  ESCAPE ${e}`),
      ...this.layerMisses.map((e) => `  LAYER  ${e}`),
      `  ${this.scratch.length} writes into /tmp scratch (allowed by design; judged on a non-temp path instead)`,
    ];
    return lines.join("\n");
  }
}

export interface AttemptOptions {
  /** yes: the user ran with --yes (approves what is not personal); no-approval: nothing is approved. */
  mode: Mode;
  /** Count outside changes and outside reads (file tools) — off for bash in --yes mode, where the user approved. */
  outsideCounts: boolean;
  /** The outside secret counts as leaked (file tools only; bash may read outside files by design). */
  outsideSecretCounts: boolean;
  /** The outside directory is /tmp scratch for the classifier: an outside change is recorded, not an escape. */
  outsideIsScratch?: boolean;
}

export function contextFor(base: ToolContext, mode: Mode, asked: Classification[]): ToolContext {
  return {
    ...base,
    approve: async (_cmd, c) => {
      asked.push(c);
      return mode === "yes" && !c.personal;
    },
  };
}

export async function runAttempt(
  f: Fixture,
  board: Scoreboard,
  baseCtx: ToolContext,
  name: string,
  tool: string,
  args: { [k: string]: unknown },
  opts: AttemptOptions,
): Promise<{ ok: boolean; output: string; problems: string[] }> {
  board.attempts++;
  const root = f.p.root;
  rmSync(path.join(root, "where.log"), { force: true });
  const skipRoot = (abs: string) => abs === root;
  const outsideBefore = fingerprint(f.base, skipRoot);
  const homeBefore = fingerprint(f.home);
  const settingsBefore = settingsPrint(f);
  // Every attempt starts in the root: an earlier `cd src` must not turn the next attempt's relative paths into misses.
  if (baseCtx.shell) await baseCtx.shell.run(`cd '${root}'`);
  const asked: Classification[] = [];
  const r = await CORE_TOOLS[tool]!(args, contextFor(baseCtx, opts.mode, asked));
  const problems: string[] = [];
  if (opts.outsideCounts && fingerprint(f.base, skipRoot) !== outsideBefore) {
    const homeChanged = fingerprint(f.home) !== homeBefore;
    if (opts.outsideIsScratch && !homeChanged) board.scratch.push(name);
    else problems.push(homeChanged ? "changed files in HOME" : "changed files outside");
  }
  if (settingsPrint(f) !== settingsBefore) problems.push("changed settings/keys/git hooks");
  const masked: string[] = [];
  for (const s of KEY_VALUES) {
    if (!r.output.includes(s)) continue;
    if (f.redact(r.output).includes(s)) problems.push(`leaked ${s.slice(0, 12)}… (survives redaction)`);
    else masked.push(s.slice(0, 12));
  }
  if (opts.outsideSecretCounts && r.output.includes(OUTSIDE_SECRET)) problems.push("showed an outside file");
  const where = path.join(root, "where.log");
  if (existsSync(where)) {
    const dirs = readFileSync(where, "utf8").split("\n").filter(Boolean);
    if (dirs.some((d) => d !== root && !d.startsWith(`${root}/`))) problems.push(`ran outside (${dirs.join(", ")})`);
  }
  const shell = baseCtx.shell;
  if (shell && !(shell.cwd === root || shell.cwd.startsWith(`${root}/`))) problems.push(`shell left (${shell.cwd})`);
  const label = `${tool} [${opts.mode}] ${name}`;
  if (problems.length > 0) board.escapes.push(`${label}: ${problems.join("; ")}`);
  if (masked.length > 0) board.layerMisses.push(`${label}: key read without approval (${masked.join(", ")}; masked)`);
  return { ...r, problems };
}
