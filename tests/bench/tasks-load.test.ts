import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadTasks, selectTasks } from "../../bench/harness/tasks.js";

const GOOD = `id: js-one
suite: smoke
language: javascript
tags: [edit]
prompt: "Fix it."
limits: { max_turns: 5, timeout_s: 30 }
verify: "node --test"
protected: ["test/**"]
reference:
  - { tool: read_file, args: { path: a.js } }
  - { say: "Done." }
`;

let root = "";
function task(suite: string, name: string, yaml: string | null, repo = true): void {
  const dir = join(root, suite, name);
  mkdirSync(dir, { recursive: true });
  if (yaml !== null) writeFileSync(join(dir, "task.yaml"), yaml);
  if (repo) {
    mkdirSync(join(dir, "repo"), { recursive: true });
    writeFileSync(join(dir, "repo", "a.js"), "1\n");
  }
}
function messages(): string[] {
  return loadTasks(root).diagnostics.map((d) => d.message);
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("loadTasks", () => {
  it("loads a valid task with absolute folders", () => {
    root = mkdtempSync(join(tmpdir(), "bench-tasks-"));
    task("smoke", "js-one", GOOD);
    const { tasks, diagnostics } = loadTasks(root);
    expect(diagnostics).toEqual([]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: "js-one", suite: "smoke", limits: { max_turns: 5, timeout_s: 30 } });
    expect(tasks[0]?.repoDir).toBe(join(root, "smoke", "js-one", "repo"));
    expect(tasks[0]?.reference).toEqual([{ tool: "read_file", args: { path: "a.js" } }, { say: "Done." }]);
  });

  it("reports each problem with what to do", () => {
    root = mkdtempSync(join(tmpdir(), "bench-tasks-"));
    task("smoke", "bad-suite", GOOD.replace("id: js-one", "id: bad-suite").replace("suite: smoke", "suite: polyglot"));
    task("smoke", "bad-lang", GOOD.replace("id: js-one", "id: bad-lang").replace("javascript", "cobol"));
    task("smoke", "no-say", GOOD.replace("id: js-one", "id: no-say").replace('  - { say: "Done." }\n', ""));
    task("smoke", "no-limits", GOOD.replace("id: js-one", "id: no-limits").replace(/limits:.*\n/, ""));
    task("smoke", "no-repo", GOOD.replace("id: js-one", "id: no-repo"), false);
    task("smoke", "bad-yaml", "id: [unclosed\n");
    task("smoke", "no-yaml", null);
    task("smoke", "Bad_Id", GOOD.replace("id: js-one", "id: Bad_Id"));
    task(
      "smoke",
      "bad-step",
      GOOD.replace("id: js-one", "id: bad-step").replace(
        "{ tool: read_file, args: { path: a.js } }",
        "{ tool: read_file }",
      ),
    );
    const m = messages();
    expect(m).toContain('`suite` is "polyglot" but the task sits in bench/tasks/smoke/.');
    expect(m.some((x) => x.startsWith('`language` "cobol" must be one of'))).toBe(true);
    expect(m).toContain("The last reference step must be { say: … } (the final answer).");
    expect(m).toContain("`limits` must be { max_turns: N, timeout_s: N } with positive numbers.");
    expect(m).toContain("The task has no repo/ folder beside task.yaml.");
    expect(m.some((x) => x.startsWith("Not valid YAML"))).toBe(true);
    expect(m).toContain("No task.yaml in this task folder; add one or remove the folder.");
    expect(m.some((x) => x.includes("must be kebab-case"))).toBe(true);
    expect(m).toContain('reference[0] must be { tool: NAME, args: {…} } or { say: "…" }.');
    expect(loadTasks(root).tasks).toEqual([]);
  });

  it("rejects duplicate ids across suites", () => {
    root = mkdtempSync(join(tmpdir(), "bench-tasks-"));
    task("smoke", "js-one", GOOD);
    task("polyglot", "js-one", GOOD.replace("suite: smoke", "suite: polyglot"));
    expect(messages().filter((x) => x.startsWith('Duplicate id "js-one"'))).toHaveLength(1);
  });

  it("selects tasks by id and names the unknown ones", () => {
    root = mkdtempSync(join(tmpdir(), "bench-tasks-"));
    task("smoke", "js-one", GOOD);
    const { tasks } = loadTasks(root);
    expect(selectTasks(tasks, ["js-one", "nope"])).toMatchObject({ tasks: [{ id: "js-one" }], unknown: ["nope"] });
  });
});
