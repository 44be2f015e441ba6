import { afterEach, describe, expect, it } from "vitest";
import { reply, type LlmServer } from "../../bench/server/index.js";
import { BUGGY_NODE_PROJECT, makeRepo, requestText, runCli, smallcode, startServer, type Repo } from "./helpers.js";

/** Each `marrowc build` type-checks and transpiles a team build: slow on a loaded two-core machine. */
const BUILD_TIMEOUT = 120_000;

let server: LlmServer | undefined;
let repo: Repo | undefined;

afterEach(async () => {
  await server?.close();
  repo?.cleanup();
});

/** A team's declarations: its budget (tool results capped at `cap` characters), a shell-backed tool and a system prompt. */
function teamMarrow(cap: string): string {
  return `budget default {
  context: 85%
  output_reserve: 4k tokens
  safety_margin: 512 tokens
  tool_result: ${cap}
  compact_at: 80%
  compact_to: 50%
  keep_recent_turns: 6
}

tool count_lines(path: string) {
  category: read
  description: "Count the lines of a file."
  shell: "wc -l < {{path}}"
}

extend agent smallcode {
  tools: [count_lines]
  system: "You are the TEAM-42 agent. Keep answers short."
}
`;
}

const LOG = Array.from({ length: 300 }, (_, i) => `entry ${i + 1}: ${"y".repeat(30)}`).join("\n") + "\n";

async function build(dir: string): Promise<void> {
  const out = await runCli("marrowc", ["build"], dir);
  expect(out.stderr).toBe("");
  expect(out.code).toBe(0);
}

/** Runs one scripted session: the team's shell tool, then a read of the long log, then an answer. */
async function session(
  dir: string,
): Promise<{ source: string; system: string; countResult: string; readResult: string }> {
  server = await startServer();
  server.enqueue(
    reply().tool("count_lines", { path: "app.log" }),
    reply().tool("read_file", { path: "app.log" }),
    reply().text("300 entries."),
  );
  const { agent, events } = smallcode(server, dir);
  const result = await agent.run("How many entries are in app.log?");
  expect(result.reason).toBe("done");
  const start = events.find((e) => e.type === "run_start");
  const last = server.chatRequests.at(-1)!.body.messages as Array<{ role: string; content: string }>;
  const tools = last.filter((m) => m.role === "tool");
  await server.close();
  server = undefined;
  return {
    source: start?.type === "run_start" ? start.source : "",
    system: last[0]!.content,
    countResult: tools[0]!.content,
    readResult: tools[1]!.content,
  };
}

describe("a team's .smallcode/marrow override", () => {
  it(
    "is built by marrowc, loaded by the agent, and a changed budget value changes what is sent",
    async () => {
      repo = makeRepo({ "app.log": LOG, ".smallcode/marrow/team.marrow": teamMarrow("4k chars") });
      await build(repo.dir);
      const before = await session(repo.dir);
      expect(before.source).toContain(".smallcode/generated");
      expect(before.system).toBe("You are the TEAM-42 agent. Keep answers short.");
      // The team's shell-backed tool ran through the persistent shell, its argument shell-quoted.
      expect(before.countResult).toMatch(/^300\b/);
      expect(before.readResult.length).toBeGreaterThan(3000);

      repo.write(".smallcode/marrow/team.marrow", teamMarrow("600 chars"));
      await build(repo.dir);
      const after = await session(repo.dir);
      expect(after.readResult.length).toBeLessThan(900);
      expect(after.readResult).toContain("entry 1:");
      expect(after.readResult).toContain("entry 300:");
    },
    BUILD_TIMEOUT,
  );

  it(
    "a team's summarize_history prompt is the one compaction sends",
    async () => {
      const files: Record<string, string> = {};
      for (const n of "abcdef")
        files[`${n}.js`] = Array.from({ length: 40 }, (_, i) => `// ${n} ${i}: ${"z".repeat(40)}`).join("\n");
      files[".smallcode/marrow/team.marrow"] = `budget default {
  context: 85%
  output_reserve: 4k tokens
  safety_margin: 512 tokens
  tool_result: 4k chars
  compact_at: 30%
  compact_to: 20%
  keep_recent_turns: 1
}

prompt summarize_history(transcript: string, focus?: string) -> string {
  model: Local
  template: """TEAM-SUMMARY-PROMPT: list the files read. {{focus}}
{{transcript}}"""
}
`;
      repo = makeRepo(files);
      await build(repo.dir);
      server = await startServer();
      let step = 0;
      server.respond((r) => {
        if (requestText(r.body).includes("TEAM-SUMMARY-PROMPT")) return reply().text("- read the first files");
        const path = "abcdef"[step++];
        return path ? reply().tool("read_file", { path: `${path}.js` }) : reply().text("Six files.");
      });
      const { agent, events } = smallcode(server, repo.dir, { contextWindow: 16000 });
      const result = await agent.run("What do the files hold?");
      expect(result.reason).toBe("done");
      expect(events.some((e) => e.type === "compaction" && e.detail.kind === "compacted" && e.detail.turns > 0)).toBe(
        true,
      );
      const texts = server.chatRequests.map((r) => requestText(r.body));
      expect(texts.some((t) => t.startsWith("TEAM-SUMMARY-PROMPT"))).toBe(true);
      expect(texts.some((t) => t.includes("You are compacting the history"))).toBe(false);
    },
    BUILD_TIMEOUT,
  );

  it("without a team build, the built-in declarations are used", async () => {
    repo = makeRepo({ "app.log": "one\n" });
    server = await startServer();
    server.enqueue(reply().text("One entry."));
    const { agent, events } = smallcode(server, repo.dir);
    await agent.run("How many entries are in app.log?");
    expect(events.find((e) => e.type === "run_start")).toMatchObject({ source: "built-in" });
    expect(server.chatRequests[0]!.body.messages[0].content).toContain("You are SmallCode");
  });
});

describe("every routing category, message, limit and prompt is the team's to change", () => {
  const offeredTools = (body: { tools?: Array<{ function: { name: string } }> }): string[] =>
    (body.tools ?? []).map((t) => t.function.name).sort();

  async function firstRequestTools(dir: string, task: string): Promise<string[]> {
    server = await startServer();
    server.enqueue(reply().text("It is in parser.js."));
    const { agent } = smallcode(server, dir);
    await agent.run(task);
    const tools = offeredTools(server.chatRequests[0]!.body);
    await server.close();
    server = undefined;
    return tools;
  }

  it(
    "a routing category changed in .smallcode/marrow changes the tools the first request offers",
    async () => {
      repo = makeRepo({ "parser.js": "export function parse() {}\n" });
      const task = "Where is the parser defined?";
      // Built-in routing: "where" selects search; nothing selects run, so bash is not offered.
      const builtin = await firstRequestTools(repo.dir, task);
      expect(builtin).toEqual(["glob", "grep", "list_dir", "read_file"]);

      repo.write(
        ".smallcode/marrow/team.marrow",
        'extend routing default { categories: { run: { keywords: ["parser"] } } }\n',
      );
      await build(repo.dir);
      const team = await firstRequestTools(repo.dir, task);
      expect(team).toEqual(["bash", "glob", "grep", "list_dir", "read_file"]);
    },
    BUILD_TIMEOUT,
  );

  it(
    "the team's system prompt, prompt-mode tool text, format-error message and limit are what the agent uses",
    async () => {
      repo = makeRepo({
        ...BUGGY_NODE_PROJECT,
        ".smallcode/marrow/team.marrow": `extend agent smallcode {
  system: "TEAM-SYSTEM working in {{cwd}}."
  tools_prompt: """TEAM-TOOLS:
{{tools}}
Call a tool with <tool_call>{"name": …, "arguments": {…}}</tool_call>."""
  messages { format_error: """TEAM-FORMAT-ERROR:
{{problems}}""" }
  loop { max_format_errors: 2 }
}
`,
      });
      await build(repo.dir);
      server = await startServer();
      const broken = '<tool_call>\n{"name": "deploy_to_production", "arguments": {"target": "prod"}}\n</tool_call>';
      server.respond(() => reply().text(broken));
      const { agent } = smallcode(server, repo.dir, { toolMode: "prompt", guardRegistry: {} });
      const result = await agent.run("Read calc.js.");
      // The built-in limit is 3 unreadable replies (three requests, see formats.test.ts); the team's is 2.
      expect(result.reason).toBe("format_error");
      expect(server.chatRequests).toHaveLength(2);
      const system = server.chatRequests[0]!.body.messages[0].content as string;
      expect(system).toMatch(/^TEAM-SYSTEM working in \/\S+\./);
      expect(system).toContain("TEAM-TOOLS:\n- read_file(");
      expect(system).not.toContain("You are SmallCode");
      const feedback = requestText(server.chatRequests[1]!.body);
      expect(feedback).toContain("TEAM-FORMAT-ERROR:\n- ");
      expect(feedback).toContain("deploy_to_production");
      expect(feedback).not.toContain("could not be used");
    },
    BUILD_TIMEOUT,
  );
});
