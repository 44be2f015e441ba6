/** The prompt functions generated from marrow/prompts.marrow, run against the project's test server over real HTTP. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import {
  is_task_done,
  plan_steps,
  summarize_history,
  summarize_historySpec,
  type SummarizeHistoryParams,
} from "../../generated/prompts.js";
import {
  JsonlTracer,
  MemoryCache,
  MemoryTracer,
  pooledClients,
  runPrompt,
  type PromptRuntime,
  type PromptSpec,
} from "../../runtime/prompt/index.js";

let server: LlmServer;
let dir: string;
beforeAll(async () => {
  server = await startLlmServer();
  dir = await mkdtemp(join(tmpdir(), "emitted-prompts-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

const sleeps: number[] = [];
function runtime(extra: Partial<PromptRuntime> = {}): PromptRuntime {
  return {
    ...extra,
    clientFor: pooledClients({ retry: { maxAttempts: 1 } }),
    env: { SMALLCODE_BASE_URL: server.baseUrl, SMALLCODE_MODEL: "served-model" },
    sleep: async (ms) => void sleeps.push(ms),
  };
}
const temperatures = () => server.chatRequests.map((r) => r.body.temperature as number);

describe("generated prompt functions", () => {
  it("send the model named by env(), with the declared temperature and output cap", async () => {
    server.enqueue(reply().text("- read a.ts").stop());
    const result = await summarize_history({ transcript: "read a.ts" }, runtime());
    expect(result).toMatchObject({ ok: true, value: "- read a.ts", model: "served-model" });
    const body = server.chatRequests[0]?.body;
    expect(body.model).toBe("served-model");
    expect(body.temperature).toBe(0.1);
    expect(body.messages[0].content).toContain("Transcript:\nread a.ts");
  });

  it("cache: a miss calls the model, the same transcript hits, another misses", async () => {
    const cache = new MemoryCache();
    server.enqueue(reply().text("summary one").stop(), reply().text("summary two").stop());
    const a = await summarize_history({ transcript: "t1" }, runtime({ cache }));
    const b = await summarize_history({ transcript: "t1" }, runtime({ cache }));
    const c = await summarize_history({ transcript: "t2" }, runtime({ cache }));
    expect([a, b, c].map((r) => r.ok && [r.value, r.cached])).toEqual([
      ["summary one", false],
      ["summary one", true],
      ["summary two", false],
    ]);
    expect(server.chatRequests).toHaveLength(2);
  });

  it("timeout: a hanging server ends in a typed timeout, not an exception", async () => {
    server.enqueue(reply().hang());
    const spec: PromptSpec<SummarizeHistoryParams, string> = { ...summarize_historySpec, timeoutMs: 250 };
    delete spec.retry;
    const result = await runPrompt(spec, { transcript: "x" }, runtime());
    expect(result).toMatchObject({ ok: false, reason: "timeout" });
  });

  it("retry: invalid JSON is re-asked at a lower, then a higher temperature, with exponential backoff", async () => {
    sleeps.length = 0;
    server.enqueue(
      reply().text("Step one: read the code").stop(),
      reply().text('{"steps": "read"}').stop(),
      reply().text('```json\n{"steps": [{"title": "read", "done_when": "file read"}]}\n```').stop(),
    );
    const result = await plan_steps({ task: "fix the bug", project: "node" }, runtime());
    expect(result).toMatchObject({
      ok: true,
      attempts: 3,
      value: { steps: [{ title: "read", done_when: "file read" }] },
    });
    expect(temperatures()).toEqual([0.2, 0.1, 0.5]);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("repair prompt: the re-ask carries the bad reply and says what was wrong", async () => {
    server.enqueue(reply().text("   ").stop(), reply().text("- fixed it").stop());
    const result = await summarize_history({ transcript: "fixed it" }, runtime());
    expect(result).toMatchObject({ ok: true, value: "- fixed it", attempts: 2 });
    const messages = server.chatRequests[1]?.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[2]?.content).toContain("the reply is empty");
  });

  it("constraints: an answer outside the allowed words is retried until it fits", async () => {
    server.enqueue(reply().text("Probably.").stop(), reply().text("no").stop());
    const result = await is_task_done({ task: "t", summary: "s" }, runtime());
    expect(result).toMatchObject({ ok: true, value: "no", attempts: 2 });
  });

  it("budget: an oversized transcript is refused before anything is sent", async () => {
    const transcript = "edited src/file.ts and ran the tests again\n".repeat(4000);
    const result = await summarize_history({ transcript }, runtime());
    expect(result).toMatchObject({ ok: false, reason: "over_budget", attempts: 0, limit: 24000 });
    expect(server.chatRequests).toHaveLength(0);
  });

  it("spans: every call and attempt is written as a JSONL record of one trace", async () => {
    const file = join(dir, "trace.jsonl");
    const tracer = new JsonlTracer(file);
    server.enqueue(reply().text("").stop(), reply().text("- done").usage({ prompt: 50, completion: 3 }).stop());
    await summarize_history({ transcript: "t" }, runtime({ tracer, traceId: "run-1" }));
    const memory = new MemoryTracer();
    await summarize_history({ transcript: "t" }, runtime({ tracer: memory, cache: new MemoryCache() }));
    await tracer.flush();
    const spans = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(spans.map((s) => [s["name"], s["attempt"], s["outcome"], s["traceId"]])).toEqual([
      ["model served-model", 1, "ok", "run-1"],
      ["model served-model", 2, "ok", "run-1"],
      ["prompt summarize_history", 2, "ok", "run-1"],
    ]);
    expect(spans[1]?.["tokens"]).toEqual({ prompt: 50, completion: 3, estimated: false });
    expect(memory.spans.at(-1)).toMatchObject({ name: "prompt summarize_history", outcome: "model_error" });
  });
});
