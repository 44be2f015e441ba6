import { describe, expect, it, afterEach } from "vitest";
import { openWorkspace, ripgrepAvailable } from "../../runtime/fs/index.js";
import { CORE_TOOLS, type ToolContext } from "../../runtime/tools/impl/index.js";
import { tempProject, type TempProject } from "./helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

const FILES = {
  ".gitignore": "dist/\n*.log\n",
  "src/a.ts": "export const alpha = 1;\nconst beta = 2;\nexport function gamma() {\n  return alpha + beta;\n}\n",
  "src/b.ts": "import { alpha } from './a.js';\nconsole.log(alpha);\n",
  "src/nested/c.md": "# Alpha notes\n",
  "dist/out.js": "alpha alpha alpha\n",
  "debug.log": "alpha in a log\n",
  ".env": "API_KEY=alpha-secret\n",
  "README.md": "Alpha project\n",
};

const rgPresent = await ripgrepAvailable();
// Every combination the tools can take: inside a git repo or not, JS engine forced or not.
const modes = [
  { name: "git repo, default engines", git: true, forceJs: false },
  { name: "git repo, JS engines forced", git: true, forceJs: true },
  { name: "no git, default engines", git: false, forceJs: false },
  { name: "no git, JS engines forced", git: false, forceJs: true },
];

describe.each(modes)("list_dir, glob and grep ($name)", ({ git, forceJs }) => {
  const ctx = async (): Promise<ToolContext> => ({ workspace: await openWorkspace(p.root), forceJsSearch: forceJs });

  it("list_dir shows sub-directories with counts, then files, leaving gitignored ones out", async () => {
    p = tempProject(FILES, { git });
    const r = await CORE_TOOLS.list_dir!({}, await ctx());
    expect(r.output).toBe("./\nsrc/ (3 files)\n.env\n.gitignore\nREADME.md");
    const sub = await CORE_TOOLS.list_dir!({ path: "src" }, await ctx());
    expect(sub.output).toBe("src/\nnested/ (1 file)\na.ts\nb.ts");
  });

  it("glob matches by name at any depth without a slash, by path with one, sorted", async () => {
    p = tempProject(FILES, { git });
    expect((await CORE_TOOLS.glob!({ pattern: "*.ts" }, await ctx())).output).toBe("src/a.ts\nsrc/b.ts");
    expect((await CORE_TOOLS.glob!({ pattern: "src/**/*.md" }, await ctx())).output).toBe("src/nested/c.md");
    expect((await CORE_TOOLS.glob!({ pattern: "*.js" }, await ctx())).output).toBe("No files match *.js.");
  });

  it("grep shows path:line: text, skips ignored and secret files, and honours ignore_case", async () => {
    p = tempProject(FILES, { git });
    const r = await CORE_TOOLS.grep!({ pattern: "alpha" }, await ctx());
    expect(r.output).toBe(
      [
        "src/a.ts:1: export const alpha = 1;",
        "src/a.ts:4:   return alpha + beta;",
        "src/b.ts:1: import { alpha } from './a.js';",
        "src/b.ts:2: console.log(alpha);",
      ].join("\n"),
    );
    expect(r.data).toMatchObject({ matches: 4, files: 2, engine: forceJs || !rgPresent ? "js" : "rg" });
    const ci = await CORE_TOOLS.grep!({ pattern: "alpha", ignore_case: true, include: "*.md" }, await ctx());
    expect(ci.output).toBe("README.md:1: Alpha project\nsrc/nested/c.md:1: # Alpha notes");
  });

  it("grep shows context lines with '-' separators", async () => {
    p = tempProject(FILES, { git });
    const r = await CORE_TOOLS.grep!({ pattern: "function gamma", context: 1, path: "src" }, await ctx());
    expect(r.output).toBe(
      "src/a.ts-2- const beta = 2;\nsrc/a.ts:3: export function gamma() {\nsrc/a.ts-4-   return alpha + beta;",
    );
  });

  it("caps results and says how many were left out", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) many[`f/${String(i).padStart(2, "0")}.txt`] = "needle\n";
    p = tempProject(many, { git });
    const c: ToolContext = { ...(await ctx()), listCap: 10, grepCap: 5 };
    const g = await CORE_TOOLS.glob!({ pattern: "*.txt" }, c);
    expect(g.output.split("\n")).toHaveLength(11);
    expect(g.output).toMatch(/… 20 more matches left out\. Narrow the pattern\.$/);
    const s = await CORE_TOOLS.grep!({ pattern: "needle" }, c);
    expect(s.output.split("\n").filter((l) => l.includes(":1:"))).toHaveLength(5);
    expect(s.output).toMatch(/… 25 more matches left out \(30 in 30 files\)/);
  });

  it("searches a file named outright even when it is gitignored (a saved shell log)", async () => {
    p = tempProject(FILES, { git });
    const r = await CORE_TOOLS.grep!({ pattern: "alpha", path: "debug.log" }, await ctx());
    expect(r.output).toBe("debug.log:1: alpha in a log");
  });

  it("reports an invalid regex with a way out", async () => {
    p = tempProject(FILES, { git });
    const r = await CORE_TOOLS.grep!({ pattern: "foo(" }, await ctx());
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/literal=true/);
    const lit = await CORE_TOOLS.grep!({ pattern: "gamma(", literal: true }, await ctx());
    expect(lit.output).toBe("src/a.ts:3: export function gamma() {");
  });
});

describe("engines", () => {
  it.skipIf(!rgPresent)("uses ripgrep when it is on PATH", async () => {
    p = tempProject(FILES);
    const r = await CORE_TOOLS.grep!({ pattern: "beta" }, { workspace: await openWorkspace(p.root) });
    expect(r.data).toMatchObject({ engine: "rg" });
  });

  it("lists via git inside a repository and via the JS walker when forced", async () => {
    p = tempProject(FILES, { git: true });
    const ws = await openWorkspace(p.root);
    expect((await CORE_TOOLS.list_dir!({}, { workspace: ws })).data).toMatchObject({ engine: "git" });
    expect((await CORE_TOOLS.list_dir!({}, { workspace: ws, forceJsSearch: true })).data).toMatchObject({
      engine: "js",
    });
  });
});
