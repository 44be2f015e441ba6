import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  detectProject,
  projectSummary,
  readProjectInstructions,
  renderProjectSummary,
} from "../../runtime/project/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-summary-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const NODE = {
  "package.json": JSON.stringify({ scripts: { test: "vitest run", lint: "eslint ." } }),
  "pnpm-lock.yaml": "",
  "src/index.ts": "",
  "README.md": "",
  "node_modules/x/index.js": "",
  ".git/HEAD": "",
};

describe("project instructions", () => {
  it("reads AGENTS.md before CLAUDE.md, and CLAUDE.md when it is the only one", () => {
    const both = project({ "AGENTS.md": "Use tabs.\n", "CLAUDE.md": "Use spaces.\n" });
    expect(readProjectInstructions(both, 1000)).toEqual({ file: "AGENTS.md", text: "Use tabs.", truncated: false });
    const claude = project({ "CLAUDE.md": "Run make test before finishing.\n" });
    expect(readProjectInstructions(claude, 1000)?.file).toBe("CLAUDE.md");
    expect(readProjectInstructions(project({ "AGENTS.md": "  \n" }), 1000)).toBeUndefined();
  });
  it("caps a long file at a line break and says how to read the rest", () => {
    const long = Array.from({ length: 200 }, (_, i) => `Rule ${i}: keep functions short.`).join("\n");
    const got = readProjectInstructions(project({ "AGENTS.md": long }), 300);
    expect(got?.truncated).toBe(true);
    expect(got?.text.length).toBeLessThan(400);
    expect(got?.text).toMatch(/short\.\n\[… AGENTS\.md continues; read it with read_file for the rest\.\]$/);
  });
});

describe("project summary", () => {
  it("names the kind, manager, commands, layout (dirs first, noise hidden) and instructions", () => {
    const dir = project({ ...NODE, "AGENTS.md": "Never edit generated/." });
    expect(projectSummary(dir)).toBe(
      [
        "Project: node (pnpm)",
        "Test: pnpm test",
        "Lint: pnpm lint",
        "Layout: src/ AGENTS.md README.md package.json pnpm-lock.yaml",
        "",
        "Project instructions (AGENTS.md):",
        "Never edit generated/.",
      ].join("\n"),
    );
  });
  it("says when no command was found, and lists other kinds present", () => {
    const dir = project({ "notes.txt": "" });
    expect(projectSummary(dir)).toBe("Project: unknown\nNo lint, build or test command found.\nLayout: notes.txt");
    const mixed = project({ "go.mod": "module x", Makefile: "lint:\n\t@true\n" });
    expect(projectSummary(mixed).split("\n")[0]).toBe("Project: go, also make");
  });
  it("stays within its caps", () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${String(i).padStart(2, "0")}.txt`, ""]));
    const dir = project({ ...many, "AGENTS.md": "x".repeat(5000) });
    const limits = { maxChars: 600, maxEntries: 10, maxInstructionChars: 200 };
    const text = renderProjectSummary(detectProject(dir), limits);
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text).toContain("… and 41 more");
  });
  it("is the same text on every call (stable prompt prefix)", () => {
    const dir = project(NODE);
    expect(projectSummary(dir)).toBe(projectSummary(dir));
  });
});
