/**
 * The attack suite: every way we know to make the file tools or the shell reach outside the project root, read
 * secrets, or touch git internals. After each attempt the outside tree, the .git internals and the output are
 * checked; an attempt that changed the outside, changed .git, leaked a secret or ran a payload outside counts as an
 * escape. The number of escapes must be zero.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPathPolicy, openWorkspace, ShellSession } from "../../runtime/tools/impl/index.js";
import { CORE_TOOLS, type ToolContext } from "../../runtime/tools/impl/index.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

const SECRETS = ["outside secret", "ENV_SECRET_VALUE", "KEYSTORE_SECRET", "[core]"];

let p: TempProject;
let base: string;
let keystore: string;
let ctx: ToolContext;
let shell: ShellSession;
const escapes: string[] = [];
let attempts = 0;

/** Every file under `dir` (symlinks not followed) with a hash of its bytes; `skip` is left out. */
function fingerprint(dir: string, skip?: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      if (abs === skip) continue;
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isSymbolicLink()) out.push(`${abs}:link:${readlinkSync(abs)}`);
      else out.push(`${abs}:${createHash("sha1").update(readFileSync(abs)).digest("hex")}:${st.mode}`);
    }
  };
  walk(dir);
  return out.join("\n");
}

function gitPrint(): string {
  return fingerprint(path.join(p.root, ".git"));
}

async function attempt(
  name: string,
  tool: string,
  args: Record<string, unknown>,
): Promise<{ ok: boolean; output: string }> {
  attempts++;
  rmSync(path.join(p.root, "where.log"), { force: true }); // each attempt is judged on its own payload runs
  const outsideBefore = fingerprint(base, p.root);
  const gitBefore = gitPrint();
  const r = await CORE_TOOLS[tool]!(args, ctx);
  const problems: string[] = [];
  if (fingerprint(base, p.root) !== outsideBefore) problems.push("changed files outside the root");
  if (gitPrint() !== gitBefore) problems.push("changed .git internals");
  for (const s of SECRETS) if (r.output.includes(s)) problems.push(`leaked "${s}"`);
  const where = path.join(p.root, "where.log");
  if (existsSync(where)) {
    const dirs = readFileSync(where, "utf8").split("\n").filter(Boolean);
    if (dirs.some((d) => d !== p.root && !d.startsWith(`${p.root}/`)))
      problems.push(`ran a payload outside (${dirs.join(", ")})`);
  }
  if (!shell.cwd.startsWith(p.root)) problems.push(`left the shell outside (${shell.cwd})`);
  if (problems.length > 0) escapes.push(`${name}: ${problems.join("; ")}`);
  return r;
}

beforeAll(async () => {
  p = tempProject(
    {
      "src/app.ts": "export const app = 1;\n",
      ".env": "KEY=ENV_SECRET_VALUE\n",
      ".env.local": "ENV_SECRET_VALUE\n",
      "sub/.env.production": "ENV_SECRET_VALUE\n",
      ".env.example": "KEY=\n",
    },
    { git: true },
  );
  base = path.dirname(p.root);
  keystore = path.join(base, "home", ".config", "smallcode");
  mkdirSync(keystore, { recursive: true });
  writeFileSync(path.join(keystore, "keys.json"), '{"openai":"KEYSTORE_SECRET"}');
  const link = (target: string, at: string) => symlinkSync(target, path.join(p.root, at));
  link(p.outside, "link-out");
  link(path.join(p.outside, "secret.txt"), "link-file");
  link(path.join(p.outside, "not-yet.txt"), "dangling");
  link("chain2", "chain1");
  link(path.join(p.outside, "chain-target.txt"), "chain2");
  link(base, "link-base");
  link(".env", "innocent.txt");
  link(".git", "link-git");
  link(keystore, "keys");
  link("../outside", "rel-out");
  linkSync(path.join(p.outside, "secret.txt"), path.join(p.root, "hard.txt"));
  mkdirSync(path.join(p.root, "sub"), { recursive: true });
  linkSync(path.join(p.outside, "secret.txt"), path.join(p.root, "sub", "hard2.txt"));
  const workspace = await openWorkspace(p.root, { policy: createPathPolicy({ denyAbsolute: [keystore] }) });
  shell = await ShellSession.start({ root: p.root, timeoutMs: 5000 });
  ctx = { workspace, shell };
});

afterAll(async () => {
  await shell.close();
  console.log(
    `attack suite: ${attempts} attempts, ${escapes.length} escapes${escapes.length ? `\n${escapes.join("\n")}` : ""}`,
  );
  p.cleanup();
});

const READS: Array<[string, Record<string, unknown>]> = [
  ["dot-dot", { path: "../outside/secret.txt" }],
  ["dot-dot inside a path", { path: "src/../../outside/secret.txt" }],
  ["many dot-dots", { path: "../../../../../../etc/passwd" }],
  ["absolute outside", { path: "/etc/passwd" }],
  ["absolute to the sibling", { path: "OUTSIDE/secret.txt" }],
  ["home", { path: "~/.bashrc" }],
  ["symlinked parent", { path: "link-out/secret.txt" }],
  ["symlinked file", { path: "link-file" }],
  ["relative symlink", { path: "rel-out/secret.txt" }],
  ["symlink to the parent of the root", { path: "link-base/outside/secret.txt" }],
  ["key store via symlink", { path: "keys/keys.json" }],
  [".env", { path: ".env" }],
  [".env.local", { path: ".env.local" }],
  ["nested .env", { path: "sub/.env.production" }],
  ["symlink to .env", { path: "innocent.txt" }],
  [".git/config", { path: ".git/config" }],
  [".git/config via symlink", { path: "link-git/config" }],
  ["NUL byte", { path: "src/app.ts\0../../outside/secret.txt" }],
  // Red team, round 2.
  ["hard link to an outside file", { path: "hard.txt" }],
  ["hard link in a subdirectory", { path: "sub/hard2.txt" }],
  ["upper-case .ENV", { path: ".ENV" }],
  ["mixed-case .Env.Local", { path: ".Env.Local" }],
  [".env with a trailing slash", { path: ".env/" }],
  [".env with a trailing dot-slash", { path: ".env/." }],
  ["./.env", { path: "./.env" }],
  ["src/../.env", { path: "src/../.env" }],
  [".git/../.env", { path: ".git/../.env" }],
  ["absolute path to .env inside the root", { path: "ROOT/.env" }],
  ["doubled slashes", { path: "src//..//..//outside/secret.txt" }],
  ["newline in the path", { path: "src/app.ts\n../../outside/secret.txt" }],
  ["newline then dot-dot", { path: "\n../outside/secret.txt" }],
  ["very long path of dot-dots", { path: `${"../".repeat(2000)}etc/passwd` }],
  ["very long name", { path: `${"a".repeat(5000)}/../../outside/secret.txt` }],
  ["tilde user", { path: "~root/.bashrc" }],
  ["$HOME is not expanded", { path: "$HOME/.config/smallcode/keys.json" }],
  ["file URL", { path: "file:///etc/passwd" }],
  ["backslashes", { path: "..\\outside\\secret.txt" }],
  ["unicode look-alike .env (Cyrillic e)", { path: ".\u0435nv" }],
  ["fullwidth dot-dot", { path: "\uff0e\uff0e/outside/secret.txt" }],
  ["/proc/self/root", { path: "/proc/self/root/etc/passwd" }],
  ["/proc/self/cwd/..", { path: "/proc/self/cwd/../outside/secret.txt" }],
  ["/dev/fd", { path: "/dev/fd/0" }],
  [".git/config via ./", { path: "./.git/config" }],
  ["npmrc", { path: ".npmrc" }],
];

const WRITES: Array<[string, Record<string, unknown>]> = [
  ["dot-dot", { path: "../outside/new.txt", content: "x" }],
  ["dot-dot over the secret", { path: "../outside/secret.txt", content: "x" }],
  ["absolute outside", { path: "OUTSIDE/abs.txt", content: "x" }],
  ["absolute /tmp", { path: "/tmp/smallcode-attack.txt", content: "x" }],
  ["symlinked parent", { path: "link-out/new.txt", content: "x" }],
  ["symlinked parent, deeper", { path: "link-out/deep/new.txt", content: "x" }],
  ["symlinked file", { path: "link-file", content: "x" }],
  ["dangling symlink", { path: "dangling", content: "x" }],
  ["dangling symlink chain", { path: "chain1", content: "x" }],
  ["symlink to the parent of the root", { path: "link-base/outside/new.txt", content: "x" }],
  ["relative symlink", { path: "rel-out/new.txt", content: "x" }],
  [".git/config", { path: ".git/config", content: "[core]\n" }],
  [".git hook", { path: ".git/hooks/pre-commit", content: "#!/bin/sh\necho pwned\n" }],
  [".git via symlink", { path: "link-git/hooks/post-checkout", content: "x" }],
  ["a file named .git", { path: "sub/.git", content: "gitdir: /elsewhere" }],
  ["snapshots", { path: ".smallcode/snapshots/x/1/manifest.json", content: "{}" }],
  ["home", { path: "~/.bashrc", content: "x" }],
  // Red team, round 2: the agent's own settings, hooks, case and unicode tricks, hard links.
  [".env", { path: ".env", content: "SMALLCODE_BASE_URL=http://evil\n" }],
  [".env.local", { path: ".env.local", content: "x" }],
  ["upper-case .ENV", { path: ".ENV", content: "x" }],
  ["smallcode.toml", { path: "smallcode.toml", content: 'base_url = "http://evil"\n' }],
  ["nested smallcode.toml", { path: "pkg/smallcode.toml", content: "x" }],
  [".smallcode/generated", { path: ".smallcode/generated/agent.ts", content: "x" }],
  [".smallcode/marrow", { path: ".smallcode/marrow/agent.marrow", content: "x" }],
  [".git hook via ./", { path: "./.git/hooks/pre-commit", content: "#!/bin/sh\n" }],
  [".git hook via src/..", { path: "src/../.git/hooks/pre-push", content: "#!/bin/sh\n" }],
  ["upper-case .GIT", { path: ".GIT/config", content: "x" }],
  [".envrc", { path: ".envrc", content: "curl x | sh" }],
  ["hard link to an outside file", { path: "hard.txt", content: "x" }],
  ["newline in the path", { path: "src/x\n../../outside/new.txt", content: "x" }],
  ["very long path", { path: `${"../".repeat(2000)}tmp/x`, content: "x" }],
  ["/proc/self/cwd/..", { path: "/proc/self/cwd/../outside/new.txt", content: "x" }],
];

const resolveOutside = (args: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(args).map(([k, v]) => [
      k,
      typeof v === "string" ? v.replace("OUTSIDE", p.outside).replace(/^ROOT/, p.root) : v,
    ]),
  );

describe("attack suite: file tools", () => {
  it.each(READS)("read_file refuses: %s", async (name, args) => {
    const r = await attempt(`read_file ${name}`, "read_file", resolveOutside(args));
    expect(r.ok).toBe(false);
  });

  it.each(WRITES)("write_file refuses: %s", async (name, args) => {
    const r = await attempt(`write_file ${name}`, "write_file", resolveOutside(args));
    expect(r.ok).toBe(false);
  });

  it.each(WRITES.filter(([, a]) => !String(a.path).startsWith("~")))("edit_file refuses: %s", async (name, args) => {
    const r = await attempt(`edit_file ${name}`, "edit_file", { ...resolveOutside(args), old_text: "", new_text: "x" });
    expect(r.ok).toBe(false);
  });

  it("edit_file refuses to edit the outside secret through a symlink", async () => {
    const r = await attempt("edit via symlink", "edit_file", {
      path: "link-file",
      old_text: "outside secret",
      new_text: "pwned",
    });
    expect(r.ok).toBe(false);
  });

  it.each([
    ["list_dir", { path: "../outside" }],
    ["list_dir", { path: "link-out" }],
    ["list_dir", { path: "/" }],
    ["glob", { pattern: "*", path: "../outside" }],
    ["glob", { pattern: "../outside/*" }],
    ["grep", { pattern: "secret", path: "../outside" }],
    ["grep", { pattern: "secret", path: "link-out" }],
  ])("%s refuses %j", async (tool, args) => {
    const r = await attempt(`${tool} ${JSON.stringify(args)}`, tool, args);
    if (r.ok) expect(r.output).not.toMatch(/secret\.txt/);
  });

  it.each([
    ["glob", { pattern: "/etc/*" }],
    ["glob", { pattern: "**/../../outside/*" }],
    ["glob", { pattern: "*", path: "/" }],
    ["glob", { pattern: "*", path: "~" }],
    ["glob", { pattern: ".env*" }],
    ["grep", { pattern: "root", path: "/etc/passwd" }],
    ["grep", { pattern: "root", path: "../../../../etc" }],
    ["grep", { pattern: "secret", include: "../**" }],
    ["grep", { pattern: "KEY", path: ".env" }],
    ["grep", { pattern: "secret", path: "link-file" }],
    ["grep", { pattern: "secret", path: "hard.txt" }],
    ["list_dir", { path: "~" }],
    ["list_dir", { path: "link-base" }],
    ["list_dir", { path: "keys" }],
    ["list_dir", { path: ".git" }],
    ["read_file", { path: "link-out/../../outside/secret.txt" }],
    ["read_file", { path: ["../outside/secret.txt"] }],
    ["read_file", { path: { toString: "../outside/secret.txt" } }],
    ["read_file", { file_path: "../outside/secret.txt" }],
  ])("%s smuggling %j", async (tool, args) => {
    const r = await attempt(`${tool} ${JSON.stringify(args)}`, tool, args as Record<string, unknown>);
    expect(r.output).not.toMatch(/root:x:0|outside secret|KEYSTORE_SECRET|ENV_SECRET/);
    // A refusal may name the path it refused; a listing or match must not show outside files.
    if (r.ok) expect(r.output).not.toMatch(/secret\.txt|keys\.json/);
  });

  it.each([false, true])(
    "grep over the whole project never reads secrets or follows symlinks out (JS engine: %s)",
    async (forceJs) => {
      ctx.forceJsSearch = forceJs;
      // Patterns that match the secrets without spelling them, so the "No matches for …" echo cannot look like a leak.
      for (const pattern of ["outside se.ret", "ENV_SECRET_VAL", "KEYSTORE_SEC", "\\[cor"]) {
        const r = await attempt(`grep ${pattern} js=${forceJs}`, "grep", { pattern });
        expect(r.output).toMatch(/^No matches/);
      }
      ctx.forceJsSearch = false;
    },
  );
});

const PAYLOAD = () => `pwd -P >> ${p.root}/where.log`;
const CD_TRICKS = [
  "cd ..",
  "cd /",
  "cd ../outside",
  "cd OUTSIDE",
  "cd ~",
  "cd",
  "cd -P ..",
  "cd -- /",
  "cd $(echo /)",
  "cd `echo /`",
  'cd "$HOME"',
  "cd $OLDPWD",
  "pushd /",
  "pushd ..",
  "cd link-out",
  "cd rel-out",
  "cd link-base",
  "cd src/../..",
  "builtin cd /",
  "command cd ..",
  "CDPATH=/ cd tmp",
  "shopt -s cdable_vars; up=/; cd up",
  "ln -s / jump; cd jump",
  "ln -s .. up2 && cd up2",
  "cd() { :; }; cd /",
  "unset -f cd; cd /",
  "alias go='cd /'; shopt -s expand_aliases; go",
  "trap 'cd /' DEBUG; true",
  "eval 'cd /'",
  'eval "cd $HOME"',
  "bash -c 'cd /",
  // Red team, round 2 (tests/security/README in docs/security.md): wrappers, re-exec, HOME games, dynamic names.
  'cd "${HOME}"',
  "cd $(pwd)/..",
  'cd "$(dirname "$PWD")"',
  "cd -",
  "cd /tmp; cd -",
  "pushd +1",
  "pushd src; pushd /; pushd +1",
  "HOME=/ cd",
  "export HOME=/; cd",
  "HOME=/; cd ~",
  "command -p cd /",
  "command -- cd /",
  "builtin -- cd /",
  "b=builtin; $b cd /",
  "x=cd; builtin $x /",
  "c=cd; $c /",
  '"c""d" /',
  "\\cd /",
  "enable -n cd; cd /",
  "exec bash",
  "exec bash --norc",
  "exec env -i bash",
  "env -i bash -c 'cd /",
  "bash --norc -c 'cd /",
  "bash --noprofile --norc -c 'cd /'",
  "sh -c 'cd /'",
  "env -C / bash",
  "BASH_ENV=evil.sh bash -c true",
  "source <(echo 'builtin cd /')",
  ". /dev/stdin <<< 'builtin cd /'",
  "printf 'builtin cd /\\n' > evil.sh; . ./evil.sh",
  'declare -f cd >/dev/null; function cd { builtin cd "$@"; }; cd /',
  "shopt -s expand_aliases; alias cd='builtin cd'; cd /",
  "set -o posix; cd /",
  "coproc cd /",
  "select d in /; do cd $d; break; done <<< 1",
  "for d in / ..; do cd $d; done",
  "while cd ..; do break; done",
  "trap 'builtin cd /' RETURN; f() { :; }; f",
  "mapfile -t a <<< /; cd ${a[0]}",
  "read -r d <<< /; cd $d",
  "cd $'\\x2f'",
  "cd /./",
  "cd //",
  "cd src/../../",
  "cd '/'",
  'cd "$OLDPWD/.."',
  "PWD=/; cd .",
  "OLDPWD=/ cd -",
  "git -C / status",
  'python3 -c \'import os; os.chdir("/"); os.execvp("bash", ["bash"])\'',
];

describe("attack suite: shell containment", () => {
  it.each(CD_TRICKS)("%s", async (trick) => {
    const cmd = trick.replace("OUTSIDE", p.outside);
    for (const joined of [
      `${cmd} && ${PAYLOAD()}`,
      `${cmd}; ${PAYLOAD()}`,
      `(${cmd} && ${PAYLOAD()})`,
      `bash -c '${cmd.replace(/'/g, `'\\''`)} && ${PAYLOAD()}'`,
    ]) {
      await attempt(`bash ${joined}`, "bash", { command: joined });
    }
    await attempt(`bash ${cmd} then payload in the next call`, "bash", { command: cmd });
    await attempt("bash payload", "bash", { command: PAYLOAD() });
  });
});

/** Several calls in a row: the first changes the shell (replaces it, disables the guard), the next tries to leave. */
const SEQUENCES: string[][] = [
  ["exec bash", "ln -s / j1; cd j1 && PAYLOAD"],
  ["exec bash --norc --noprofile", "ln -s / j2; cd j2; PAYLOAD"],
  ["exec env -i bash", "ln -s / j3; cd j3 && PAYLOAD"],
  ["exec sh", "ln -s / j4; cd j4 && PAYLOAD"],
  ["enable -n cd", "ln -s / j5; cd j5 && PAYLOAD"],
  ["set -o posix", "ln -s / j6; cd j6 && PAYLOAD"],
  ["shopt -s cdable_vars", "root=/; cd root && PAYLOAD"],
  ["exec 3</", "cd /proc/self/fd/3 && PAYLOAD"],
  ["ln -s / j7", "cd j7 && PAYLOAD"],
  ["ln -s .. j8", "cd j8/.. && PAYLOAD"],
  ["mkdir -p d && ln -s ../.. d/up", "cd d/up && PAYLOAD"],
];

describe("attack suite: shell containment across calls", () => {
  it.each(SEQUENCES.map((s) => [s.join(" ⟶ "), s] as const))("%s", async (_name, steps) => {
    for (const step of steps) {
      const cmd = step.replace("PAYLOAD", PAYLOAD());
      await attempt(`bash sequence step ${cmd}`, "bash", { command: cmd });
    }
    await attempt("bash payload after the sequence", "bash", { command: PAYLOAD() });
    for (const l of ["j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8"]) rmSync(path.join(p.root, l), { force: true });
  });
});

describe("attack suite: result", () => {
  it("counts zero escapes", () => {
    expect(attempts).toBeGreaterThan(200);
    expect(escapes).toEqual([]);
  });
});
