/**
 * Comparing two runs (A = before, B = after). The verdict rests on an exact McNemar test over paired attempts:
 * attempt i of task t in A is paired with attempt i of task t in B (attempts of one task are exchangeable, so the
 * pairing keeps the per-task stratification). Pairs where only A passed count as losses, only B as wins; the
 * two-sided exact binomial test on wins vs losses gives p. p < alpha → improved or regressed, else noise.
 * Reported beside it, for reading: a per-task sign test and a paired bootstrap interval of the pass-rate change.
 */
import { bootstrapMean, mcnemarExact, median, signTest } from "./stats.js";
import { byTask } from "./summary.js";
import type { AttemptResult, RunFile } from "./types.js";

export type Verdict = "improved" | "regressed" | "noise";

export interface TaskMove {
  task: string;
  passesA: number;
  attemptsA: number;
  passesB: number;
  attemptsB: number;
  /** B's pass rate minus A's. */
  delta: number;
  move: "up" | "down" | "same";
  tokensDelta: number;
  turnsDelta: number;
  wallMsDelta: number;
}

export interface DiffResult {
  verdict: Verdict;
  alpha: number;
  pairs: number;
  /** Pairs where only B passed / only A passed. */
  wins: number;
  losses: number;
  pValue: number;
  passRateA: number;
  passRateB: number;
  /** Paired bootstrap interval (over tasks) of B − A pass rate. */
  deltaCi: { low: number; high: number };
  taskSignTest: { up: number; down: number; pValue: number };
  medianDeltas: { tokens: number; turns: number; wallMs: number };
  tasks: TaskMove[];
  onlyInA: string[];
  onlyInB: string[];
  notes: string[];
}

const cost = (xs: readonly AttemptResult[], f: (a: AttemptResult) => number): number => median(xs.map(f));

function compareMeta(a: RunFile, b: RunFile): string[] {
  const notes: string[] = [];
  if (a.mode !== b.mode) notes.push(`A is a ${a.mode} run and B a ${b.mode} run.`);
  if (a.model !== b.model) notes.push(`Different models: A ${a.model}, B ${b.model}.`);
  if (a.disable.join(",") !== b.disable.join(","))
    notes.push(`Different layers off: A [${a.disable.join(", ")}], B [${b.disable.join(", ")}].`);
  if (a.smallcodeVersion !== b.smallcodeVersion)
    notes.push(`SmallCode ${a.smallcodeVersion} (A) vs ${b.smallcodeVersion} (B).`);
  return notes;
}

/** One task's paired comparison: its wins and losses over attempts with the same index, and its move. */
function pairTask(
  task: string,
  la: readonly AttemptResult[],
  lb: readonly AttemptResult[],
): TaskMove & { wins: number; losses: number; pairs: number } {
  const bi = new Map(lb.map((x) => [x.attempt, x]));
  let wins = 0;
  let losses = 0;
  let pairs = 0;
  for (const x of la) {
    const y = bi.get(x.attempt);
    // A pair where the harness itself failed (no endpoint, no repository) says nothing about the agent.
    if (!y || x.exit === "harness_error" || y.exit === "harness_error") continue;
    pairs++;
    if (x.pass && !y.pass) losses++;
    if (!x.pass && y.pass) wins++;
  }
  const pa = la.filter((x) => x.pass).length;
  const pb = lb.filter((x) => x.pass).length;
  const delta = pb / lb.length - pa / la.length;
  const tokens = (x: AttemptResult): number => x.tokensIn + x.tokensOut;
  return {
    task,
    passesA: pa,
    attemptsA: la.length,
    passesB: pb,
    attemptsB: lb.length,
    delta,
    move: delta > 0 ? "up" : delta < 0 ? "down" : "same",
    tokensDelta: cost(lb, tokens) - cost(la, tokens),
    turnsDelta: cost(lb, (x) => x.turns) - cost(la, (x) => x.turns),
    wallMsDelta: cost(lb, (x) => x.wallMs) - cost(la, (x) => x.wallMs),
    wins,
    losses,
    pairs,
  };
}

function harnessErrors(a: RunFile, b: RunFile): string[] {
  const n = [...a.attempts, ...b.attempts].filter((x) => x.exit === "harness_error").length;
  return n > 0 ? [`${n} attempt(s) ended in a harness error; their pairs are left out of the test.`] : [];
}

export function diffRuns(a: RunFile, b: RunFile, alpha = 0.05): DiffResult {
  const ta = byTask(a.attempts);
  const tb = byTask(b.attempts);
  let wins = 0;
  let losses = 0;
  let pairs = 0;
  const tasks: TaskMove[] = [];
  for (const [task, la] of ta) {
    const lb = tb.get(task);
    if (!lb) continue;
    const { wins: w, losses: l, pairs: n, ...move } = pairTask(task, la, lb);
    wins += w;
    losses += l;
    pairs += n;
    tasks.push(move);
  }
  const deltas = tasks.map((t) => t.delta);
  const pValue = mcnemarExact(losses, wins);
  const verdict: Verdict = pValue < alpha && wins !== losses ? (wins > losses ? "improved" : "regressed") : "noise";
  const up = tasks.filter((t) => t.move === "up").length;
  const down = tasks.filter((t) => t.move === "down").length;
  const common = new Set(tasks.map((t) => t.task));
  const paired = (r: RunFile): AttemptResult[] => r.attempts.filter((x) => common.has(x.task));
  const rate = (xs: AttemptResult[]): number => (xs.length === 0 ? 0 : xs.filter((x) => x.pass).length / xs.length);
  return {
    verdict,
    alpha,
    pairs,
    wins,
    losses,
    pValue,
    passRateA: rate(paired(a)),
    passRateB: rate(paired(b)),
    deltaCi: bootstrapMean(deltas, { seed: 7 }),
    taskSignTest: { up, down, pValue: signTest(up, up + down) },
    medianDeltas: {
      tokens: median(tasks.map((t) => t.tokensDelta)),
      turns: median(tasks.map((t) => t.turnsDelta)),
      wallMs: median(tasks.map((t) => t.wallMsDelta)),
    },
    tasks,
    onlyInA: [...ta.keys()].filter((t) => !tb.has(t)),
    onlyInB: [...tb.keys()].filter((t) => !ta.has(t)),
    notes: [...compareMeta(a, b), ...harnessErrors(a, b)],
  };
}

export const VERDICT_EXIT: Record<Verdict, number> = { improved: 0, regressed: 1, noise: 2 };

const signed = (x: number, digits = 0): string => `${x > 0 ? "+" : ""}${x.toFixed(digits)}`;

export function renderDiff(d: DiffResult, nameA: string, nameB: string): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `A: ${nameA}`,
    `B: ${nameB}`,
    ...d.notes.map((n) => `note: ${n}`),
    "",
    `pass rate ${pct(d.passRateA)} → ${pct(d.passRateB)} (B − A ${signed(100 * (d.passRateB - d.passRateA), 1)} points, 95% CI [${signed(100 * d.deltaCi.low, 1)}, ${signed(100 * d.deltaCi.high, 1)}])`,
    `paired attempts: ${d.pairs}; only B passed ${d.wins}, only A passed ${d.losses}; exact McNemar p = ${d.pValue.toPrecision(3)}`,
    `tasks up ${d.taskSignTest.up}, down ${d.taskSignTest.down} (sign test p = ${d.taskSignTest.pValue.toPrecision(3)})`,
    `median change per task: ${signed(d.medianDeltas.tokens)} tokens, ${signed(d.medianDeltas.turns, 1)} turns, ${signed(d.medianDeltas.wallMs / 1000, 2)} s`,
  ];
  const moved = d.tasks.filter((t) => t.move !== "same").sort((x, y) => x.delta - y.delta);
  if (moved.length > 0) {
    lines.push("", "moves:");
    for (const t of moved)
      lines.push(
        `  ${t.move === "up" ? "▲" : "▼"} ${t.task.padEnd(30)} ${t.passesA}/${t.attemptsA} → ${t.passesB}/${t.attemptsB}   tokens ${signed(t.tokensDelta)}, turns ${signed(t.turnsDelta, 1)}, time ${signed(t.wallMsDelta / 1000, 1)} s`,
      );
  }
  if (d.onlyInA.length > 0) lines.push(`only in A (ignored): ${d.onlyInA.join(", ")}`);
  if (d.onlyInB.length > 0) lines.push(`only in B (ignored): ${d.onlyInB.join(", ")}`);
  const why =
    d.verdict === "noise"
      ? `no difference at α = ${d.alpha} (p = ${d.pValue.toPrecision(3)})`
      : `p = ${d.pValue.toPrecision(3)} < α = ${d.alpha}`;
  lines.push("", `verdict: ${d.verdict.toUpperCase()} — ${why}`);
  return lines.join("\n");
}
