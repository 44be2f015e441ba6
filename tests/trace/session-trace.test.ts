import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { SmallCode } from "../../cli/api.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import { parseTrace, readTrace, TokenMonitor, type TraceSpan } from "../../runtime/trace/index.js";
import { BUGGY_NODE_PROJECT, makeRepo, PLAIN_PROJECT, type Repo } from "../e2e/helpers.js";

const KEY = "sk-trace-secret-0123456789abcdef";

let server: LlmServer | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await server?.close();
  repo?.cleanup();
  server = undefined;
  repo = undefined;
});

/** A run against the test server whose key comes from the project's .env, as a user would set it up. */
async function tracedRun(
  replies: Parameters<LlmServer["enqueue"]>,
  env: Record<string, string> = {},
  files: Record<string, string> = PLAIN_PROJECT,
) {
  server = await startLlmServer({ apiKey: KEY });
  repo = makeRepo(files);
  repo.write(".env", `SMALLCODE_BASE_URL=${server.baseUrl}\nSMALLCODE_MODEL=test-model\nSMALLCODE_API_KEY=${KEY}\n`);
  server.enqueue(...replies);
  const agent = new SmallCode({
    cwd: repo.dir,
    toolMode: "native",
    env: { HOME: join(repo.dir, "no-home"), ...env },
    client: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5000 },
  });
  const events: AgentEvent[] = [];
  const tokens = new TokenMonitor();
  agent.on("*", (e) => {
    events.push(e);
    tokens.handle(e);
  });
  const result = await agent.run("The test fails. Fix calc.js.");
  return { result, events, tokens, dir: repo.dir };
}

function spansOf(dir: string, session: string): { text: string; spans: TraceSpan[] } {
  const text = readFileSync(join(dir, ".smallcode", "traces", `${session}.jsonl`), "utf8");
  return { text, spans: parseTrace(text).spans };
}

describe("session traces, end to end", () => {
  it("writes one JSONL file per session: one trace id, a span per model call, tool call and validation", async () => {
    const { result, dir, events } = await tracedRun(
      [
        reply().text("Reading.").tool("read_file", { path: "calc.js" }),
        reply().tool("edit_file", { path: "calc.js", old_text: "return a - b;", new_text: "return a + b;" }),
        reply().tool("bash", { command: "exit 3" }),
        reply().text("Fixed."),
      ],
      {},
      BUGGY_NODE_PROJECT,
    );
    expect(result.reason).toBe("done");
    expect(readdirSync(join(dir, ".smallcode", "traces"))).toEqual([`${result.sessionId}.jsonl`]);
    const { spans } = spansOf(dir, result.sessionId);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(spans[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
    const kinds = spans.map((s) => s.kind);
    expect(kinds.filter((k) => k === "run")).toHaveLength(1);
    expect(kinds.filter((k) => k === "model")).toHaveLength(4);
    expect(spans.filter((s) => s.kind === "tool").map((s) => [s.name, s.status])).toEqual([
      ["tool read_file", "ok"],
      ["tool edit_file", "ok"],
      ["tool bash", "error"],
    ]);
    // `exit 3` ends the tool call in failure; the span says so, as the event did.
    const bashResult = events.find((e) => e.type === "tool_result" && e.name === "bash");
    expect(bashResult).toMatchObject({ ok: false });
    const validation = spans.find((s) => s.kind === "validation");
    expect(validation).toMatchObject({
      status: "ok",
      attributes: { stage: "verify", command: expect.stringMatching(/^npm test/), exitCode: 0 },
    });
    // Parents: everything under the run span; tool calls under the model call that made them.
    const run = spans.find((s) => s.kind === "run")!;
    const models = spans.filter((s) => s.kind === "model");
    for (const s of spans.filter((x) => x.kind !== "run" && x.kind !== "tool")) expect(s.parentSpanId).toBe(run.spanId);
    const tools = spans.filter((s) => s.kind === "tool");
    expect(tools.map((t) => models.findIndex((m) => m.spanId === t.parentSpanId))).toEqual([0, 1, 2]);
    // Measured tokens where the server reported them.
    // Each model span carries the usage its response reported.
    const usages = events.flatMap((e) => (e.type === "model_response" ? [e.usage] : []));
    expect(models.map((m) => m.tokens)).toEqual(
      usages.map((u) => ({ prompt: u.promptTokens, completion: u.completionTokens, estimated: u.estimated })),
    );
    expect(models[0]!.tokens!.prompt).toBeGreaterThan(0);
    expect(run.attributes).toMatchObject({
      reason: "done",
      success: true,
      model: "test-model",
      filesChanged: "calc.js",
    });
    // The key was used (the server demands it) but no file SmallCode wrote holds it: traces, session log, caches.
    expect(server!.chatRequests[0]!.headers["authorization"]).toBe(`Bearer ${KEY}`);
    const written = readdirSync(join(dir, ".smallcode"), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    expect(written.length).toBeGreaterThan(2);
    for (const f of written) expect(readFileSync(join(f.parentPath, f.name), "utf8"), f.name).not.toContain(KEY);
    // Spans sit inside the run on the time axis.
    for (const s of spans) {
      expect(s.startMs).toBeGreaterThanOrEqual(run.startMs);
      expect(s.startMs + s.durationMs).toBeLessThanOrEqual(run.startMs + run.durationMs + 1);
    }
  });

  it("keeps keys and Authorization headers out of the trace, wherever the model or a tool puts them", async () => {
    const { result, dir } = await tracedRun(
      [
        reply()
          .text(`The key is ${KEY} and the header Authorization: Bearer ${KEY}`)
          .tool("bash", { command: `echo ${KEY}; echo "Authorization: Bearer other-token-value"` }),
        reply().text(`Done; ${KEY}.`),
      ],
      { SMALLCODE_APPROVAL: "auto" },
    );
    expect(result.sessionId).not.toBe("");
    // The key did reach the server (the run was authenticated) …
    expect(server!.chatRequests[0]!.headers["authorization"]).toBe(`Bearer ${KEY}`);
    // … and the tool really printed it, so the trace had something to hide (the agent's own redaction,
    // runtime/security, masks tool results before they reach events; the trace's mask is the second line).
    const { text, spans } = spansOf(dir, result.sessionId);
    const masked = (o: string) => o.includes("[sk-…cdef]") || o.includes("[redacted API key]");
    expect(spans.some((s) => s.kind === "tool" && masked(String(s.attributes?.["output"])))).toBe(true);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(3, 20));
    expect(text).not.toContain("other-token-value");
    expect(text).toContain("Authorization: Bearer [redacted]");
  });

  it("no trace when SMALLCODE_TRACE=false", async () => {
    const { result, dir } = await tracedRun([reply().text("Nothing to do.")], { SMALLCODE_TRACE: "false" });
    expect(result.success).toBe(true);
    expect(() => readdirSync(join(dir, ".smallcode", "traces"))).toThrow();
  });

  it("a resumed session appends to its trace under the same trace id", async () => {
    const first = await tracedRun([reply().text("First answer.")]);
    server!.enqueue(reply().text("Second answer."));
    const again = new SmallCode({ cwd: first.dir, toolMode: "native", env: { HOME: join(first.dir, "no-home") } });
    const second = await again.run("and now?", { resume: first.result.sessionId });
    expect(second.sessionId).toBe(first.result.sessionId);
    const read = readTrace(first.dir, "latest");
    if (!read.ok) throw new Error(read.message);
    expect(read.spans.filter((s) => s.kind === "run")).toHaveLength(2);
    expect(new Set(read.spans.map((s) => s.traceId)).size).toBe(1);
  });
});

describe("token monitor, end to end", () => {
  it("per call: measured or estimated tokens and the time to the first token", async () => {
    const { tokens } = await tracedRun([
      reply()
        .text("Let me read it first, slowly.")
        .tool("read_file", { path: "calc.js" })
        .usage({ prompt: 2345, completion: 56 })
        .delay(60),
      reply().text("Nothing to change after all.").noUsage(),
    ]);
    expect(tokens.calls).toHaveLength(2);
    const [a, b] = tokens.calls;
    expect(a).toMatchObject({
      turn: 1,
      promptTokens: 2345,
      completionTokens: 56,
      estimated: false,
      stopReason: "tool_use",
    });
    expect(a!.timeToFirstTokenMs).toBeGreaterThanOrEqual(50);
    expect(b!.estimated).toBe(true);
    expect(b!.promptTokens).toBeGreaterThan(0);
    expect(b!.completionTokens).toBeGreaterThan(0);
    expect(tokens.totals()).toMatchObject({ calls: 2, promptTokens: 2345 + b!.promptTokens, estimatedCalls: 1 });
  });
});
