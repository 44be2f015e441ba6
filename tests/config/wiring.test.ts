/** SmallCode and `smallcode run` use the resolved settings; options and flags win over them. */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { SmallCode, type SmallCodeOptions } from "../../cli/api.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { makeDirs, type Dirs } from "./helpers.js";

const KEY = "sk-wiring-key-000111222";

let d: Dirs;
let server: LlmServer;
beforeEach(async () => {
  d = makeDirs();
  server = await startLlmServer({ apiKey: KEY, models: ["cfg-model", "flag-model"] });
  d.put("README.md", "# demo\n");
});
afterEach(async () => {
  await server.close();
  d.cleanup();
});

async function run(options: SmallCodeOptions = {}, task = "Look around.") {
  const agent = new SmallCode({
    cwd: d.project,
    env: d.env,
    client: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
    ...options,
  });
  const events: AgentEvent[] = [];
  agent.on("*", (e) => events.push(e));
  const result = await agent.run(task);
  return { result, events };
}

const sudo = () => reply().tool("bash", { command: "sudo -n true 2>/dev/null; echo ran-it" });

describe("SmallCode with settings from files", () => {
  it("takes endpoint, model and key from .env, and the limits and tool mode from smallcode.toml", async () => {
    d.put(".env", `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=cfg-model\nSMALLCODE_API_KEY=${KEY}\n`);
    d.put("smallcode.toml", 'tool_mode = "prompt"\nmax_turns = 1\ncontext_window = 16384\nrequest_timeout = "20s"\n');
    server.enqueue(
      reply().text('```json\n{"name": "read_file", "arguments": {"path": "README.md"}}\n```'),
      reply().text("more"),
    );
    const { result, events } = await run();
    expect(result.reason).toBe("limits");
    expect(result.turns).toBe(1);
    const chat = server.chatRequests[0]!;
    expect(chat.body.model).toBe("cfg-model");
    expect(chat.headers["authorization"]).toBe(`Bearer ${KEY}`);
    expect(chat.body.tools).toBeUndefined(); // prompt mode: tools described in the prompt
    expect(events.find((e) => e.type === "run_start")).toMatchObject({ model: "cfg-model", toolMode: "prompt" });
  });

  it("options (flags) win over every source", async () => {
    d.put(".env", `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=cfg-model\nSMALLCODE_API_KEY=${KEY}\n`);
    d.put("smallcode.toml", "max_turns = 1\n");
    server.enqueue(reply().tool("read_file", { path: "README.md" }), reply().text("Done."));
    const { result } = await run({ model: "flag-model", maxTurns: 5, toolMode: "native" });
    expect(result.reason).toBe("done");
    expect(server.chatRequests.map((r) => r.body.model)).toEqual(["flag-model", "flag-model"]);
  });

  it("a bad setting ends the run before any request, naming the file and the key", async () => {
    d.put(".env", `SMALLCODE_BASE_URL=${server.baseUrl}\n`);
    d.put("smallcode.toml", 'aproval = "auto"\n');
    const { result } = await run();
    expect(result).toMatchObject({ success: false, reason: "error" });
    expect(result.detail).toContain('smallcode.toml:1: unknown key "aproval"; did you mean "approval"?');
    expect(server.requests).toHaveLength(0);
  });

  it("approval = auto approves commands that need approval; deny refuses them even when a callback would allow", async () => {
    d.put(".env", `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=cfg-model\nSMALLCODE_API_KEY=${KEY}\n`);
    const asked: string[] = [];
    const approve = async (command: string) => {
      asked.push(command);
      return "once" as const;
    };
    const output = (events: AgentEvent[]) =>
      events.flatMap((e) => (e.type === "tool_result" ? [e.output] : [])).join("\n");

    server.enqueue(sudo(), reply().text("Done."));
    const auto = await run({ toolMode: "native", env: { ...d.env, SMALLCODE_APPROVAL: "auto" } });
    expect(output(auto.events)).toContain("ran-it");

    server.enqueue(sudo(), reply().text("Done."));
    const deny = await run({ toolMode: "native", approve, env: { ...d.env, SMALLCODE_APPROVAL: "deny" } });
    expect(asked).toEqual([]);
    expect(output(deny.events)).not.toContain("ran-it");

    server.enqueue(sudo(), reply().text("Done."));
    const ask = await run({ toolMode: "native", approve });
    expect(asked).toHaveLength(1);
    expect(output(ask.events)).toContain("ran-it");
  });

  it("warns about unknown SMALLCODE_ variables on the event stream", async () => {
    d.put(
      ".env",
      `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=cfg-model\nSMALLCODE_API_KEY=${KEY}\nSMALLCODE_MAXTURNS=3\n`,
    );
    server.enqueue(reply().text("Done."));
    const { events } = await run({ toolMode: "native" });
    expect(events).toContainEqual({
      type: "warning",
      message:
        ".env:4: SMALLCODE_MAXTURNS is not a SmallCode setting; did you mean SMALLCODE_MAX_TURNS? (it is ignored).",
    });
  });
});

describe("the user's settings apply in any project", () => {
  it("reads ~/.config/smallcode/.env", async () => {
    d.put(
      join(d.user, ".env"),
      `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=cfg-model\nSMALLCODE_API_KEY=${KEY}\n`,
    );
    server.enqueue(reply().text("Done."));
    const { result } = await run({ toolMode: "native" });
    expect(result.success).toBe(true);
    expect(server.chatRequests[0]!.headers["authorization"]).toBe(`Bearer ${KEY}`);
  });
});
