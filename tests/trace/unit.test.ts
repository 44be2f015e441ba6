import { describe, expect, it } from "vitest";
import { MemoryTracer } from "../../runtime/prompt/trace.js";
import {
  createRedactor,
  renderTokenTable,
  SessionTrace,
  TokenMonitor,
  type TraceSpan,
} from "../../runtime/trace/index.js";
import { fakeClock, feedSession } from "./fixtures.js";

const SECRET = "sk-fixture-secret-abcdef123456";

function traced(): { spans: TraceSpan[]; text: string } {
  const tracer = new MemoryTracer();
  const clock = fakeClock();
  const trace = new SessionTrace({ cwd: "/nowhere", tracer, secrets: [SECRET], now: clock.now });
  feedSession((e) => trace.handle(e), clock, SECRET);
  const spans = tracer.spans as TraceSpan[];
  return { spans, text: JSON.stringify(spans) };
}

describe("SessionTrace", () => {
  it("turns each event into a span with the right kind, timing, status and parent", () => {
    const { spans } = traced();
    const byName = (n: string) => spans.find((s) => s.name === n)!;
    expect(spans.map((s) => [s.kind, s.name, s.status])).toEqual([
      ["model", "model turn 1", "ok"],
      ["tool", "tool read_file", "ok"],
      ["guard", "guard read_before_write", "ok"],
      ["tool", "tool bash", "error"],
      ["compaction", "compaction", "ok"],
      ["model", "model turn 2", "ok"],
      ["validation", "validate verify", "error"],
      ["warning", "warning", "ok"],
      ["run", "run", "ok"],
    ]);
    const run = byName("run");
    const m1 = byName("model turn 1");
    expect(run.durationMs).toBe(5 + 400 + 800 + 1 + 30 + 1 + 1 + 250 + 2 + 3 + 900 + 700 + 1 + 1 - 0);
    expect(m1.startMs - run.startMs).toBe(5);
    expect(m1.durationMs).toBe(1200);
    expect(m1.attributes?.["timeToFirstTokenMs"]).toBe(400);
    expect(m1.tokens).toEqual({ prompt: 1180, completion: 42, estimated: false });
    expect(byName("model turn 2").tokens?.estimated).toBe(true);
    expect(byName("model turn 2").attributes?.["timeToFirstTokenMs"]).toBeUndefined();
    expect(byName("tool read_file")).toMatchObject({ parentSpanId: m1.spanId, durationMs: 30, turn: 1 });
    expect(byName("tool bash").parentSpanId).toBe(m1.spanId);
    expect(byName("guard read_before_write")).toMatchObject({
      parentSpanId: run.spanId,
      durationMs: 0,
      attributes: { action: "reject" },
    });
    expect(byName("validate verify")).toMatchObject({
      durationMs: 700,
      attributes: { exitCode: 1, command: "npm test" },
    });
    expect(run.parentSpanId).toBeUndefined();
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  });

  it("redacts the configured key and credential-shaped text in every attribute", () => {
    const { text } = traced();
    expect(text).not.toContain(SECRET);
    expect(text).toContain("[sk-…3456]");
    expect(text).toContain("Authorization: Bearer [redacted]");
  });

  it("caps long texts", () => {
    const tracer = new MemoryTracer();
    const trace = new SessionTrace({ cwd: "/nowhere", tracer, maxText: 10 });
    trace.handle({ type: "warning", message: "x".repeat(50) });
    expect((tracer.spans[0] as TraceSpan).attributes?.["message"]).toBe("xxxxxxxxxx… (40 more characters)");
  });
});

describe("redaction", () => {
  const r = createRedactor(["my-own-local-secret"]);
  const table: Array<[string, string]> = [
    ["token my-own-local-secret here", "token [my-…cret] here"],
    ["Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]"],
    ['{"authorization":"Basic dXNlcjpwYXNz"}', '{"authorization":"Basic [redacted]"}'],
    ["key sk-or-v1-0123456789abcdef0123", "key sk-[redacted]"],
    ["OPENAI_API_KEY=sk-abc GITHUB_TOKEN: ghp_123", "OPENAI_API_KEY=[redacted] GITHUB_TOKEN: [redacted]"],
    ["nothing hidden: sk-short", "nothing hidden: sk-short"],
    ["secret: abc", "secret: [redacted]"],
    ['{"apiKey":"abc123xyz","x":1}', '{"apiKey":"[redacted]","x":1}'],
    ["password: hunter2 and db_password=s3cret", "password: [redacted] and db_password=[redacted]"],
    ['{"max_tokens": 100, "promptTokens": 5}', '{"max_tokens": 100, "promptTokens": 5}'],
  ];
  for (const [input, output] of table) it(input, () => expect(r(input)).toBe(output));
});

describe("TokenMonitor", () => {
  it("measures time to first token, speed, and sums measured and estimated calls", () => {
    const clock = fakeClock();
    const m = new TokenMonitor(clock.now);
    feedSession((e) => m.handle(e), clock);
    expect(m.calls).toEqual([
      {
        turn: 1,
        stage: "act",
        attempt: 0,
        promptEstimate: 1200,
        promptTokens: 1180,
        completionTokens: 42,
        estimated: false,
        durationMs: 1200,
        stopReason: "tool_use",
        timeToFirstTokenMs: 400,
        tokensPerSecond: 52.5,
      },
      {
        turn: 2,
        stage: "act",
        attempt: 0,
        promptEstimate: 1500,
        promptTokens: 1490,
        completionTokens: 12,
        estimated: true,
        durationMs: 900,
        stopReason: "stop",
        tokensPerSecond: 13.3,
      },
    ]);
    expect(m.totals()).toEqual({
      calls: 2,
      promptTokens: 2670,
      completionTokens: 54,
      estimatedCalls: 1,
      medianTimeToFirstTokenMs: 400,
    });
    const table = renderTokenTable(m);
    expect(table).toMatch(/^turn\s+stage\s+prompt\s+completion\s+source\s+ttft\s+time\s+tok\/s$/m);
    expect(table).toMatch(/^1\s+act\s+1180\s+42\s+measured\s+400ms\s+1200ms\s+52\.5$/m);
    expect(table).toMatch(/^2\s+act\s+1490\s+12\s+estimated\s+—\s+900ms\s+13\.3$/m);
    expect(table).toContain(
      "Total: 2 calls, 2670 prompt + 54 completion tokens (1 of 2 estimated: the server sent no usage)",
    );
  });

  it("prefers the client's own time to first token when the event carries it (tool-call-only replies)", () => {
    const clock = fakeClock();
    const m = new TokenMonitor(clock.now);
    m.handle({
      type: "model_request",
      turn: 1,
      stage: "act",
      messages: 2,
      promptTokens: 10,
      tools: [],
      temperature: 0,
      attempt: 0,
    });
    clock.advance(500);
    const response = {
      type: "model_response",
      turn: 1,
      stopReason: "tool_use",
      text: "",
      toolCalls: 1,
      usage: { promptTokens: 10, completionTokens: 5, estimated: false },
      durationMs: 500,
    } as const;
    m.handle({ ...response, timeToFirstTokenMs: 120 } as typeof response);
    expect(m.calls[0]?.timeToFirstTokenMs).toBe(120);
  });

  it("says so when there were no calls", () => {
    expect(renderTokenTable(new TokenMonitor())).toBe("No model calls yet.");
  });
});
