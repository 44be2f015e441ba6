import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTING } from "../../runtime/routing/defaults.js";
import { findTool, isContinuation, isKnown, isOffered, mentions, selectTools } from "../../runtime/routing/select.js";
import type { RoutingDecision, RoutingSpec, RoutingState } from "../../runtime/routing/types.js";
import type { ToolSpec } from "../../runtime/tools/types.js";
import { toolSpec } from "../context/session.js";

const TOOLS: ToolSpec[] = [
  toolSpec("read_file", "read"),
  toolSpec("list_dir", "read"),
  toolSpec("grep", "search"),
  toolSpec("glob", "search"),
  toolSpec("edit_file", "write"),
  toolSpec("write_file", "create"),
  { ...toolSpec("bash", "run"), nameAliases: ["run_shell", "shell"] },
  toolSpec("todo_write", "plan"),
  toolSpec("remember", "memory"),
  toolSpec("finish", "control"),
];

const spec: RoutingSpec = { ...DEFAULT_ROUTING, holdSteps: 0 };
const state = (over: Partial<RoutingState>): RoutingState => ({
  tools: TOOLS,
  task: "",
  previousCallCategories: [],
  ...over,
});
const names = (d: RoutingDecision): string[] => d.tools.map((t) => t.name);

describe("selectTools on the first step", () => {
  // [task, categories offered]
  const cases: Array<[string, string[]]> = [
    ["Fix the failing test in tests/math.test.ts", ["control", "read", "run"]],
    ["Explain how the parser works", ["control", "read", "run", "search"]],
    ["Where is parseConfig used? Find every caller", ["control", "read", "search"]],
    ["Create a new file src/hello.ts", ["control", "create", "read"]],
    ["Plan the migration to ESM in several steps", ["control", "plan", "read"]],
    ["Remember that we use pnpm", ["control", "memory", "read"]],
    ["Search the latest contest entries", ["control", "read", "search"]],
  ];
  it.each(cases)("%s -> %j", (task, categories) => {
    expect(selectTools(spec, state({ task })).categories).toEqual(categories);
  });

  it("offers the tools of the chosen categories in the order of the full list", () => {
    const d = selectTools(spec, state({ task: "Fix the failing test" }));
    expect(names(d)).toEqual(["read_file", "list_dir", "bash", "finish"]);
    expect(d.reasons).toMatchObject({ read: "always", control: "always", run: "keyword" });
  });
});

describe("selectTools on later steps", () => {
  const first = selectTools(spec, state({ task: "Explain the parser" }));

  // [label, previous call categories, last user message, expected categories]
  const cases: Array<[string, string[], string | undefined, string[]]> = [
    ["after a read, writing becomes possible", ["read"], undefined, ["control", "read", "write"]],
    ["after a write, running becomes possible", ["write"], undefined, ["control", "read", "run", "write"]],
    ["a called category stays selected", ["search"], undefined, ["control", "read", "search", "write"]],
    ["a new user message brings its keywords", [], "now run the tests", ["control", "read", "run"]],
    ["continue keeps the previous set", [], "continue", ["control", "read", "run", "search"]],
    ["yes! keeps the previous set", [], "Yes!", ["control", "read", "run", "search"]],
    ["nothing selected falls back", [], undefined, ["control", "read", "run", "search"]],
  ];
  it.each(cases)("%s", (_label, calls, user, categories) => {
    const d = selectTools(
      spec,
      state({ task: "Explain the parser", previous: first, previousCallCategories: calls, lastUserMessage: user }),
    );
    expect(d.step).toBe(1);
    expect(d.categories).toEqual(categories);
  });

  it("applies a user message's keywords once, not on every later step", () => {
    const s1 = selectTools(
      spec,
      state({ task: "Explain the parser", previous: first, lastUserMessage: "create a fix" }),
    );
    const s2 = selectTools(spec, state({ task: "Explain the parser", previous: s1, lastUserMessage: "create a fix" }));
    expect(s1.categories).toContain("create");
    expect(s2.categories).not.toContain("create");
  });

  it("holds selected categories for holdSteps steps, then drops them", () => {
    const held: RoutingSpec = { ...spec, holdSteps: 2 };
    let d = selectTools(held, state({ task: "Fix the failing test" }));
    const seen: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      d = selectTools(held, state({ task: "Fix the failing test", previous: d, previousCallCategories: ["read"] }));
      seen.push(d.categories.includes("run"));
    }
    expect(seen).toEqual([true, true, false, false]);
  });

  it("keeps held categories when later signals point elsewhere, so the tool list stays stable", () => {
    const held: RoutingSpec = { ...spec, holdSteps: 10 };
    const d0 = selectTools(held, state({ task: "Fix the failing test" }));
    const d1 = selectTools(
      held,
      state({ task: "Fix the failing test", previous: d0, previousCallCategories: ["search"] }),
    );
    expect(d1.categories).toEqual(["control", "read", "run", "search", "write"]);
    expect(d1.reasons).toMatchObject({ run: "held", search: "after", write: "after" });
  });
});

describe("edge cases", () => {
  it("always offers tools whose category the spec does not declare", () => {
    const extra = [...TOOLS, toolSpec("web_fetch", "web")];
    const d = selectTools(spec, state({ tools: extra, task: "Fix the bug" }));
    expect(names(d)).toContain("web_fetch");
    expect(d.reasons.web).toBe("always");
  });

  it("offers everything when the spec declares no categories", () => {
    const empty: RoutingSpec = { categories: [], always: [], fallback: [], continuePhrases: [], holdSteps: 0 };
    expect(names(selectTools(empty, state({ task: "anything" })))).toEqual(TOOLS.map((t) => t.name));
  });
});

describe("offered versus known", () => {
  const d = selectTools(spec, state({ task: "Explain the parser" })); // no write tools offered
  // [name, offered, known]
  const cases: Array<[string, boolean, boolean]> = [
    ["read_file", true, true],
    ["edit_file", false, true],
    ["run_shell", true, true],
    ["BASH", true, true],
    ["delete_everything", false, false],
  ];
  it.each(cases)("%s: offered %s, known %s", (name, offered, known) => {
    expect(isOffered(d, name)).toBe(offered);
    expect(isKnown(TOOLS, name)).toBe(known);
  });

  it("resolves an alias to its tool", () => {
    expect(findTool(TOOLS, "shell")?.name).toBe("bash");
  });
});

describe("keyword and continuation matching", () => {
  // [text, keyword, matches]
  const cases: Array<[string, string, boolean]> = [
    ["the tests fail", "test", true],
    ["testing it", "test", true],
    ["the latest run", "test", false],
    ["FIXED it", "fix", true],
    ["a fixture", "fix", false],
    ["go on, please", "go on", true],
  ];
  it.each(cases)("%j mentions %j: %s", (text, keyword, expected) => {
    expect(mentions(text, keyword)).toBe(expected);
  });

  // [message, is a continuation]
  const replies: Array<[string, boolean]> = [
    ["continue", true],
    ["Go on.", true],
    ["yes", true],
    ["yes, and add tests", false],
    ["", false],
  ];
  it.each(replies)("%j is a continuation: %s", (message, expected) => {
    expect(isContinuation(spec, message)).toBe(expected);
  });
});

describe("categories with awkward names", () => {
  it("treats a category called constructor like any other", () => {
    const odd: RoutingSpec = { ...spec, categories: [{ name: "constructor", keywords: ["build"], after: [] }] };
    const tools = [toolSpec("read_file", "read"), toolSpec("make", "constructor")];
    expect(names(selectTools(odd, state({ tools, task: "Explain it" })))).toEqual(["read_file"]);
    expect(names(selectTools(odd, state({ tools, task: "Build it" })))).toEqual(["read_file", "make"]);
  });
});
