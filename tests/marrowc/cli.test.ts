/** marrowc's command line: exit codes, rendering, --format json, --check, and the usage errors. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, runMarrowc, tempDir } from "./helpers.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
afterAll(cleanup);

const GOOD = `model Local {
  provider: openai_compat
  name: "qwen3:8b"
}
`;
const BROKEN = `model Local {
  provider: openai_compat
  name: "qwen3:8b"
  contxt_window: 32k tokens
}

prompt p(x: string) -> string {
  model: Nope
  template: "{{y}}"
}
`;

async function withFiles(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe("usage errors exit 2", () => {
  it.each([
    [[], /Usage:/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["build", "--bogus"], /unknown option '--bogus' for build/],
    [["build", "--out"], /--out needs a directory/],
    [["build", "--check", "--watch"], /cannot be combined/],
    [["check"], /check needs at least one .marrow file/],
    [["check", "a.marrow", "--format", "xml"], /--format takes json or text/],
  ])("marrowc %j", async (argv, message) => {
    const run = await runMarrowc(argv, await tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("names a file that does not exist", async () => {
    const run = await runMarrowc(["check", "missing.marrow"], await tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read missing.marrow");
  });

  it("says what to do when there is nothing to build", async () => {
    const run = await runMarrowc(["build"], await tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nothing to build .*\.smallcode\/marrow/);
  });

  it("prints help on request with exit 0", async () => {
    const run = await runMarrowc(["help"], await tempDir());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("marrowc build [--check] [--out DIR] [--watch]");
  });
});

describe("marrowc check", () => {
  it("passes a clean file", async () => {
    const dir = await withFiles({ "good.marrow": GOOD });
    const run = await runMarrowc(["check", "good.marrow"], dir);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("no problems");
  });

  it("prints every error with file:line:col, the line, an underline and a hint, and exits 1", async () => {
    const dir = await withFiles({ "bad.marrow": BROKEN });
    const run = await runMarrowc(["check", "bad.marrow"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("bad.marrow:4:3");
    expect(run.stderr).toContain("contxt_window: 32k tokens");
    expect(run.stderr).toMatch(/~~~/);
    expect(run.stderr).toMatch(/context_window/); // did you mean
    expect(run.stderr).toContain("bad.marrow:8:");
    expect(run.stderr).toContain("bad.marrow:9:");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("gives the same diagnostics as JSON", async () => {
    const dir = await withFiles({ "bad.marrow": BROKEN });
    const run = await runMarrowc(["check", "bad.marrow", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const rows = JSON.parse(run.stdout) as { code: string; line?: number; span?: { line: number } }[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => /^MS\d{4}$/.test(r.code))).toBe(true);
  });

  it("follows imports relative to the importing file", async () => {
    const dir = await withFiles({
      "lib/models.marrow": GOOD,
      "main.marrow": `import "./lib/models.marrow"\nprompt p(x: string) -> string {\n  model: Local\n  template: "{{x}}"\n}\n`,
    });
    const run = await runMarrowc(["check", "main.marrow"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });
});

describe("marrowc build in this repository", () => {
  it("finds generated/ up to date (what npm test checks)", async () => {
    const run = await runMarrowc(["build", "--check"], repoRoot);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/generated\/ is up to date \(9 files\)/);
  });
});

describe("marrowc build with errors in team files", () => {
  it("exits 1, renders the diagnostics, and writes nothing", async () => {
    const dir = await withFiles({ ".smallcode/marrow/team.marrow": "tool broken( {\n" });
    const run = await runMarrowc(["build"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(".smallcode/marrow/team.marrow:1:");
    expect(run.stderr).toContain("was not changed");
    const check = await runMarrowc(["build", "--check"], dir);
    expect(check.code).toBe(1);
  });
});
