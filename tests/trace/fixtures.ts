/** A scripted session fed to the trace subscriber with a fake clock: deterministic spans for unit tests. */
import type { AgentEvent } from "../../runtime/agent/events.js";

export interface Clock {
  now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = 1_764_000_000_000): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const usage = (p: number, c: number, estimated = false) => ({ promptTokens: p, completionTokens: c, estimated });

/** Feeds a two-turn session with a guard, a failing tool, a compaction and a validation; returns the events. */
export function feedSession(
  handle: (e: AgentEvent) => void,
  clock: Clock,
  secret = "sk-fixture-secret-abcdef123456",
): AgentEvent[] {
  const events: Array<[number, AgentEvent]> = [
    [
      0,
      {
        type: "run_start",
        sessionId: "s1",
        task: "Fix </script> the bug",
        model: "qwen3:8b",
        baseUrl: "http://127.0.0.1:11434/v1",
        toolMode: "native",
        cwd: "/tmp/x",
        resumed: false,
        source: "built-in",
      },
    ],
    [
      5,
      {
        type: "model_request",
        turn: 1,
        stage: "act",
        messages: 2,
        promptTokens: 1200,
        tools: ["read_file", "bash"],
        temperature: 0.2,
        attempt: 0,
      },
    ],
    [400, { type: "model_delta", turn: 1, text: "Let" }],
    [
      800,
      {
        type: "model_response",
        turn: 1,
        stopReason: "tool_use",
        text: `Let me look. key=${secret}`,
        toolCalls: 2,
        usage: usage(1180, 42),
        durationMs: 1200,
      },
    ],
    [
      1,
      {
        type: "tool_call",
        turn: 1,
        id: "c1",
        name: "read_file",
        arguments: { path: "calc.js" },
        format: "native",
        offered: true,
      },
    ],
    [
      30,
      {
        type: "tool_result",
        turn: 1,
        id: "c1",
        name: "read_file",
        ok: true,
        output: "1 | function add(a, b) {",
        durationMs: 30,
      },
    ],
    [
      1,
      {
        type: "guard",
        turn: 1,
        guard: "read_before_write",
        hook: "beforeCall",
        action: "reject",
        message: "Read the file first.",
        triggers: 1,
      },
    ],
    [
      1,
      {
        type: "tool_call",
        turn: 1,
        id: "c2",
        name: "bash",
        arguments: { command: `curl -H "Authorization: Bearer ${secret}" x` },
        format: "native",
        offered: true,
      },
    ],
    [250, { type: "tool_result", turn: 1, id: "c2", name: "bash", ok: false, output: "exit 7", durationMs: 250 }],
    [
      2,
      {
        type: "compaction",
        turn: 2,
        detail: { kind: "compacted", turns: 3, tokensBefore: 5000, tokensAfter: 3000, usedFallback: false },
      },
    ],
    [
      3,
      {
        type: "model_request",
        turn: 2,
        stage: "act",
        messages: 6,
        promptTokens: 1500,
        tools: ["read_file", "bash"],
        temperature: 0.2,
        attempt: 0,
      },
    ],
    [
      900,
      {
        type: "model_response",
        turn: 2,
        stopReason: "stop",
        text: "Done.",
        toolCalls: 0,
        usage: usage(1490, 12, true),
        durationMs: 900,
      },
    ],
    [700, { type: "command", stage: "verify", command: "npm test", exitCode: 1, output: "1 failing", durationMs: 700 }],
    [1, { type: "warning", message: "Context truncated." }],
    [
      1,
      {
        type: "done",
        reason: "done",
        success: true,
        detail: "finished",
        text: "Done.",
        turns: 2,
        usage: { promptTokens: 2670, completionTokens: 54 },
        durationMs: 3000,
        sessionId: "s1",
        filesChanged: ["calc.js"],
      },
    ],
  ];
  for (const [dt, e] of events) {
    clock.advance(dt);
    handle(e);
  }
  return events.map(([, e]) => e);
}
