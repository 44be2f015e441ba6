import { execSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectProject } from "../../runtime/project/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-project-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: "p", version: "1.0.0", scripts, ...extra });

/** Runs a detected command for real; returns its exit code. */
function runs(command: string, cwd: string): number {
  try {
    execSync(command, { cwd, stdio: "pipe", timeout: 60_000 });
    return 0;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

describe("detectProject: node", () => {
  it.each([
    ["package-lock.json", "npm", "npm test", "npm run lint"],
    ["pnpm-lock.yaml", "pnpm", "pnpm test", "pnpm lint"],
    ["yarn.lock", "yarn", "yarn test", "yarn lint"],
    ["bun.lockb", "bun", "bun run test", "bun run lint"],
  ])("%s → %s", (lockfile, manager, test, lint) => {
    const dir = project({ "package.json": pkg({ test: "vitest", lint: "eslint .", build: "tsc" }), [lockfile]: "" });
    const info = detectProject(dir);
    expect(info).toMatchObject({ kind: "node", kinds: ["node"], packageManager: manager });
    expect(info.commands).toEqual({
      test,
      lint,
      build: manager === "npm" || manager === "bun" ? `${manager} run build` : `${manager} build`,
    });
    expect(info.evidence).toContain(lockfile);
  });
  it("reads the packageManager field without a lockfile, skips npm's placeholder test, uses typecheck as build", () => {
    const dir = project({
      "package.json": pkg(
        { test: 'echo "Error: no test specified" && exit 1', typecheck: "tsc --noEmit" },
        { packageManager: "pnpm@9.1.0" },
      ),
    });
    const info = detectProject(dir);
    expect(info.packageManager).toBe("pnpm");
    expect(info.commands).toEqual({ build: "pnpm typecheck" });
  });
  it("gives a test command that really runs the project's tests", () => {
    const dir = project({
      "package.json": pkg({ test: "node test.js" }),
      "test.js": "if (1 + 1 !== 2) process.exit(1);\n",
    });
    const info = detectProject(dir);
    expect(info.commands.test).toBe("npm test");
    expect(runs(info.commands.test ?? "", dir)).toBe(0);
    writeFileSync(join(dir, "test.js"), "process.exit(3);\n");
    expect(runs(info.commands.test ?? "", dir)).not.toBe(0);
  });
});

describe("detectProject: python", () => {
  it("uses pytest when pyproject configures it, with ruff and mypy", () => {
    const dir = project({
      "pyproject.toml":
        "[project]\nname='x'\n\n[tool.pytest.ini_options]\naddopts='-q'\n\n[tool.ruff]\nline-length=100\n\n[tool.mypy]\nstrict=true\n",
    });
    const info = detectProject(dir);
    expect(info).toMatchObject({ kind: "python", pythonTests: "pytest" });
    expect(info.commands).toEqual({ test: "python3 -m pytest -q", lint: "ruff check .", build: "mypy ." });
  });
  it.each([
    [{ "requirements.txt": "requests\npytest>=7\n" }],
    [{ "setup.py": "", "tests/conftest.py": "" }],
    [{ "setup.cfg": "[tool:pytest]\ntestpaths = tests\n" }],
    [{ "tox.ini": "[pytest]\n" }],
  ])("recognises pytest from %j", (files) => {
    expect(detectProject(project(files)).commands.test).toBe("python3 -m pytest -q");
  });
  it("falls back to unittest, and the command really runs the tests", () => {
    const dir = project({
      "calc.py": "def add(a, b):\n    return a + b\n",
      "test_calc.py":
        "import unittest\nfrom calc import add\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n",
    });
    const info = detectProject(dir);
    expect(info).toMatchObject({ kind: "python", pythonTests: "unittest", commands: { test: "python3 -m unittest" } });
    expect(runs("python3 -m unittest", dir)).toBe(0);
    writeFileSync(join(dir, "calc.py"), "def add(a, b):\n    return a - b\n");
    expect(runs("python3 -m unittest", dir)).not.toBe(0);
  });
});

describe("detectProject: rust, go, java, make", () => {
  it("rust: cargo build and test, clippy only when configured", () => {
    const info = detectProject(project({ "Cargo.toml": "[package]\nname='x'\n" }));
    expect(info).toMatchObject({ kind: "rust", commands: { build: "cargo build", test: "cargo test" } });
    expect(info.commands.lint).toBeUndefined();
    expect(detectProject(project({ "Cargo.toml": "", "clippy.toml": "" })).commands.lint).toBe("cargo clippy");
  });
  it("go: vet, build and test over every package", () => {
    expect(detectProject(project({ "go.mod": "module x\n" }))).toMatchObject({
      kind: "go",
      commands: { lint: "go vet ./...", build: "go build ./...", test: "go test ./..." },
    });
  });
  it("java: maven (wrapper preferred) and gradle", () => {
    expect(detectProject(project({ "pom.xml": "<project/>" }))).toMatchObject({
      kind: "java",
      javaBuild: "maven",
      commands: { build: "mvn -q compile", test: "mvn -q test" },
    });
    expect(detectProject(project({ "pom.xml": "", mvnw: "" })).commands.test).toBe("./mvnw -q test");
    expect(detectProject(project({ "build.gradle.kts": "", gradlew: "" }))).toMatchObject({
      javaBuild: "gradle",
      commands: { test: "./gradlew -q test", build: "./gradlew -q build -x test" },
    });
  });
  it("make alone: its targets are the commands, and make test really runs", () => {
    const dir = project({
      Makefile: "CC := gcc\n.PHONY: test\nall:\n\t@true\nlint:\n\t@true\ntest:\n\t@test -f ok\n%.o: %.c\n\t@true\n",
    });
    const info = detectProject(dir);
    expect(info).toMatchObject({
      kind: "make",
      kinds: ["make"],
      commands: { lint: "make lint", build: "make all", test: "make test" },
    });
    expect(runs("make test", dir)).not.toBe(0);
    writeFileSync(join(dir, "ok"), "");
    expect(runs("make test", dir)).toBe(0);
  });
  it("a Makefile fills only what the language leaves open", () => {
    const dir = project({ "go.mod": "module x\n", Makefile: "test:\n\tgo test -race ./...\nrelease:\n\t@true\n" });
    const info = detectProject(dir);
    expect(info.kinds).toEqual(["go", "make"]);
    expect(info.commands.test).toBe("go test ./...");
    const node = detectProject(project({ "package.json": pkg({ test: "node t.js" }), Makefile: "lint:\n\t@true\n" }));
    expect(node.commands).toEqual({ test: "npm test", lint: "make lint" });
  });
  it("an empty or unreadable folder is unknown, with no commands", () => {
    expect(detectProject(project({}))).toMatchObject({ kind: "unknown", kinds: [], commands: {} });
    expect(detectProject(join(tmpdir(), "smallcode-no-such-dir-xyz"))).toMatchObject({ kind: "unknown" });
  });
});
