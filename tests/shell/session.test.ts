import { existsSync, readFileSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ShellSession, type ShellOptions } from "../../runtime/shell/index.js";
import { tempProject, type TempProject } from "../fs/helpers.js";
import { markedProcesses, newMark, waitUntil } from "./helpers.js";

let p: TempProject;
let s: ShellSession | null = null;
let mark = "";

afterEach(async () => {
  await s?.close();
  s = null;
  p.cleanup();
});

async function start(options: Partial<ShellOptions> = {}): Promise<ShellSession> {
  p = tempProject({ "sub/keep.txt": "k\n" });
  mark = newMark();
  s = await ShellSession.start({ root: p.root, env: { SMALLCODE_TEST_MARK: mark }, ...options });
  return s;
}

describe("persistent shell: state", () => {
  it("acceptance: `cd sub && export X=1`, then `pwd; echo $X` in a later call shows both", async () => {
    const sh = await start();
    expect((await sh.run("cd sub && export X=1")).exitCode).toBe(0);
    const r = await sh.run("pwd; echo $X");
    expect(r.output).toBe(`${p.root}/sub\n1\n`);
    expect(r.cwd).toBe(`${p.root}/sub`);
  });

  it("keeps shell variables, functions and `declare`d variables between calls", async () => {
    const sh = await start();
    await sh.run("Y=2; greet() { echo hi-$1; }; declare Z=3");
    expect((await sh.run("echo $Y $Z; greet you")).output).toBe("2 3\nhi-you\n");
  });
});

describe("persistent shell: exact results", () => {
  it.each([
    ["true", 0],
    ["false", 1],
    ["(exit 42)", 42],
    ["no-such-command-xyz 2>/dev/null", 127],
    ["sh -c 'kill -TERM $$'", 143],
    ["test 1 -eq 2", 1],
  ])("%s exits %i", async (cmd, code) => {
    const sh = await start();
    expect((await sh.run(cmd)).exitCode).toBe(code);
  });

  it("reports `exit N` exactly, restarts the shell in the same directory with exports, and says so", async () => {
    const sh = await start();
    await sh.run("cd sub; export KEEP=yes");
    const r = await sh.run("echo bye; exit 7");
    expect(r.exitCode).toBe(7);
    expect(r.output).toBe("bye\n");
    expect(r.notes.join(" ")).toMatch(/ended the shell \(exit 7\)\. A new shell was started in .*\/sub/);
    expect((await sh.run("pwd; echo $KEEP")).output).toBe(`${p.root}/sub\nyes\n`);
  });

  it("returns output byte-exact: no trailing newline added, stderr interleaved", async () => {
    const sh = await start();
    expect((await sh.run("printf 'a\\nb'")).output).toBe("a\nb");
    expect((await sh.run("echo out; echo err >&2; printf end")).output).toBe("out\nerr\nend");
    expect((await sh.run("printf ''")).output).toBe("");
  });

  it("is not fooled by output that looks like a delimiter", async () => {
    const sh = await start();
    const fake =
      "for i in $(seq 1 50); do head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n'; echo; done; echo __DONE__ 0";
    const r = await sh.run(fake);
    expect(r.exitCode).toBe(0);
    expect(r.output.split("\n")).toHaveLength(52);
    expect(r.output.endsWith("__DONE__ 0\n")).toBe(true);
    const next = await sh.run("echo still-in-sync");
    expect(next.output).toBe("still-in-sync\n");
  });

  it("runs multi-line scripts and here-documents", async () => {
    const sh = await start();
    const r = await sh.run("cat <<'EOF'\nline $HOME\nEOF\nif true; then\n  echo yes\nfi");
    expect(r.output).toBe("line $HOME\nyes\n");
  });
});

describe("persistent shell: non-interactive", () => {
  it("closes stdin, so commands that read input end at once", async () => {
    const sh = await start();
    expect((await sh.run("read x; echo rc=$?")).output).toBe("rc=1\n");
    const r = await sh.run("cat");
    expect(r).toMatchObject({ exitCode: 0, output: "", timedOut: false });
  });

  it("sets pagers, prompts and CI for non-interactive use", async () => {
    const sh = await start();
    const r = await sh.run('echo "$PAGER $GIT_PAGER $CI $GIT_TERMINAL_PROMPT $DEBIAN_FRONTEND"');
    expect(r.output).toBe("cat cat 1 0 noninteractive\n");
  });
});

describe("persistent shell: timeouts and cleanup", () => {
  it("acceptance: `sleep 100 & sleep 100` with a 1 s timeout leaves no process behind", async () => {
    const sh = await start({ timeoutMs: 1000 });
    await sh.run("cd sub; export KEEP=1");
    const bashBefore = sh.pid;
    const r = await sh.run("sleep 100 & sleep 100");
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.notes.join(" ")).toMatch(/Timed out after 1 s: the command and every process it started were killed/);
    expect(sh.pid).not.toBe(bashBefore);
    // Only the new bash is left with our mark.
    expect(await waitUntil(() => markedProcesses(mark).length === 1)).toBe(true);
    expect(markedProcesses(mark)).toEqual([sh.pid]);
    expect((await sh.run("pwd; echo $KEEP")).output).toBe(`${p.root}/sub\n1\n`);
  });

  it("a timeout kills grandchildren, including ones in their own process group or session", async () => {
    const sh = await start({ timeoutMs: 1000 });
    const r = await sh.run("bash -c 'sleep 100 & sleep 100' & (set -m; sleep 100 &) ; setsid sleep 100 & sleep 100");
    expect(r.timedOut).toBe(true);
    expect(await waitUntil(() => markedProcesses(mark).length === 1)).toBe(true);
  });

  it("close() leaves nothing running, background jobs, nohup and setsid included", async () => {
    const sh = await start();
    await sh.run("sleep 100 & nohup sleep 100 >/dev/null 2>&1 & setsid sleep 100 & (sleep 100 &)");
    // Background jobs may still be starting when the command returns (a loaded machine): wait until all are up.
    expect(await waitUntil(() => markedProcesses(mark).length >= 5)).toBe(true);
    await sh.close();
    s = null;
    expect(await waitUntil(() => markedProcesses(mark).length === 0)).toBe(true);
  });

  it("close() during a running command ends it and starts no new shell", async () => {
    const sh = await start({ timeoutMs: 20_000 });
    const running = sh.run("sleep 100");
    await waitUntil(() => markedProcesses(mark).length >= 2);
    await sh.close();
    s = null;
    const r = await running;
    expect(r.exitCode).not.toBe(0);
    expect(r.notes.join(" ")).toMatch(/closed while the command ran/);
    expect(await waitUntil(() => markedProcesses(mark).length === 0)).toBe(true);
  });

  it("kills a command whose output floods past the byte limit", async () => {
    const sh = await start({ maxOutputBytes: 2_000_000, timeoutMs: 20_000 });
    const r = await sh.run("yes flood");
    expect(r.exitCode).toBeNull();
    expect(r.notes.join(" ")).toMatch(/Output passed 2000000 bytes/);
    expect((await sh.run("echo ok")).output).toBe("ok\n");
  });
});

describe("persistent shell: output cap", () => {
  it("keeps head and tail, saves the full output under .smallcode/ and says where", async () => {
    const sh = await start({ outputCap: 1000 });
    const r = await sh.run("seq 1 20000");
    expect(r.truncated).toBe(true);
    expect(r.output.startsWith("1\n2\n3\n")).toBe(true);
    expect(r.output.endsWith("19999\n20000\n")).toBe(true);
    expect(r.output.length).toBeLessThan(1300);
    expect(r.fullOutputPath).toMatch(/^\.smallcode\/shell\/.+\.log$/);
    expect(r.output).toContain(`saved to ${r.fullOutputPath}`);
    const full = readFileSync(path.join(p.root, r.fullOutputPath!), "utf8");
    expect(full).toBe(Array.from({ length: 20000 }, (_, i) => `${i + 1}\n`).join(""));
  });
});

describe("persistent shell: containment", () => {
  it("refuses cd out of the root before running, and the cwd stays", async () => {
    const sh = await start();
    for (const cmd of ["cd ..", "cd /", "cd $(echo /)", "pushd /tmp", "(cd / && touch x)", "cd ~"]) {
      const r = await sh.run(cmd);
      expect(r.refused, cmd).toMatch(/^Containment:/);
      expect(r.cwd).toBe(p.root);
    }
  });

  it("refuses a cd through a symlink that leads outside", async () => {
    const sh = await start();
    symlinkSync(p.outside, path.join(p.root, "up"));
    expect((await sh.run("cd up")).refused).toMatch(/would leave the project root/);
  });

  it("undoes a cd that escapes at run time (a symlink made in the same command), so `&&` payloads never run outside", async () => {
    const sh = await start();
    const r = await sh.run(`ln -s ${p.outside} esc && cd esc && pwd -P > ran-in.txt`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/containment: .*outside is outside the project root; moved back/);
    expect(r.cwd).toBe(p.root);
    expect(existsSync(path.join(p.outside, "ran-in.txt")) || existsSync(path.join(p.root, "ran-in.txt"))).toBe(false);
  });

  it("refuses ways around the guard: builtin cd, redefining cd, CDPATH, cdable_vars, OLDPWD", async () => {
    const sh = await start();
    for (const cmd of [
      "builtin cd /",
      "command cd ..",
      "cd() { :; }",
      "unset -f cd",
      "CDPATH=/ cd tmp",
      "shopt -s cdable_vars",
      "OLDPWD=/; cd -",
    ]) {
      expect((await sh.run(cmd)).refused, cmd).toMatch(/^Containment:/);
    }
  });

  it("checks a sourced script before running it", async () => {
    const sh = await start();
    p.write("evil.sh", "cd /\n");
    p.write("fine.sh", "cd sub\n");
    expect((await sh.run(". ./evil.sh")).refused).toMatch(/would leave the project root/);
    expect((await sh.run("source fine.sh && pwd")).output).toBe(`${p.root}/sub\n`);
  });

  it("allows cd anywhere inside the root", async () => {
    const sh = await start();
    expect((await sh.run("cd sub && cd .. && cd sub && pwd")).output).toBe(`${p.root}/sub\n`);
  });
});
