/**
 * Summarising attempts: pass@1 and pass@k per run, suite and language with intervals, medians of the costs, and
 * where the guards fired; plus the plain-text table printed at the end of a run.
 */
import { bootstrapMean, median, passAtK, wilson } from "./stats.js";
import type { AttemptResult, GroupSummary, RunSummary } from "./types.js";

/** Attempts grouped by task id, in first-seen order. */
export function byTask(attempts: readonly AttemptResult[]): Map<string, AttemptResult[]> {
  const m = new Map<string, AttemptResult[]>();
  for (const a of attempts) {
    const list = m.get(a.task) ?? [];
    list.push(a);
    m.set(a.task, list);
  }
  return m;
}

export function summarizeGroup(attempts: readonly AttemptResult[], k: number, seed = 1): GroupSummary {
  const tasks = byTask(attempts);
  const passes = attempts.filter((a) => a.pass).length;
  const perTask1: number[] = [];
  const perTaskK: number[] = [];
  for (const list of tasks.values()) {
    const c = list.filter((a) => a.pass).length;
    perTask1.push(passAtK(list.length, c, 1));
    perTaskK.push(passAtK(list.length, c, k));
  }
  const avg = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    tasks: tasks.size,
    attempts: attempts.length,
    passes,
    pass1: avg(perTask1),
    pass1Ci: wilson(passes, attempts.length),
    passK: avg(perTaskK),
    passKCi: bootstrapMean(perTaskK, { seed }),
  };
}

function groupBy(attempts: readonly AttemptResult[], key: (a: AttemptResult) => string): Map<string, AttemptResult[]> {
  const m = new Map<string, AttemptResult[]>();
  for (const a of attempts) m.set(key(a), [...(m.get(key(a)) ?? []), a]);
  return m;
}

export function summarize(attempts: readonly AttemptResult[], k: number, seed = 1): RunSummary {
  const bySuite: Record<string, GroupSummary> = {};
  for (const [s, list] of groupBy(attempts, (a) => a.suite)) bySuite[s] = summarizeGroup(list, k, seed);
  const byLanguage: Record<string, GroupSummary> = {};
  for (const [l, list] of groupBy(attempts, (a) => a.language)) byLanguage[l] = summarizeGroup(list, k, seed);
  const guardInterventions: Record<string, number> = {};
  for (const a of attempts)
    for (const [g, n] of Object.entries(a.guards)) guardInterventions[g] = (guardInterventions[g] ?? 0) + n;
  return {
    ...summarizeGroup(attempts, k, seed),
    k,
    bySuite,
    byLanguage,
    medianTokensIn: median(attempts.map((a) => a.tokensIn)),
    medianTokensOut: median(attempts.map((a) => a.tokensOut)),
    medianTurns: median(attempts.map((a) => a.turns)),
    medianWallMs: median(attempts.map((a) => a.wallMs)),
    guardInterventions,
  };
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function ci(i: { low: number; high: number }): string {
  return `[${(i.low * 100).toFixed(0)}–${(i.high * 100).toFixed(0)}]`;
}

function row(label: string, g: GroupSummary, k: number): string {
  const kCol = k > 1 ? `  ${pct(g.passK).padStart(6)} ${ci(g.passKCi).padEnd(9)}` : "";
  return `${label.padEnd(14)} ${String(g.tasks).padStart(5)} ${`${g.passes}/${g.attempts}`.padStart(9)}  ${pct(g.pass1).padStart(6)} ${ci(g.pass1Ci).padEnd(9)}${kCol}`;
}

/** The summary table printed when a run ends. */
export function renderSummaryTable(attempts: readonly AttemptResult[], s: RunSummary): string {
  const k = s.k;
  const head = `${"".padEnd(14)} ${"tasks".padStart(5)} ${"passed".padStart(9)}  ${"pass@1".padStart(6)} ${"95% CI".padEnd(9)}${k > 1 ? `  ${`pass@${k}`.padStart(6)} 95% CI` : ""}`;
  const lines = [head];
  for (const [name, g] of Object.entries(s.bySuite)) lines.push(row(name, g, k));
  for (const [name, g] of Object.entries(s.byLanguage)) lines.push(row(`  ${name}`, g, k));
  lines.push(row("all", s, k));
  lines.push("");
  lines.push(
    `median per attempt: ${s.medianTurns} turns, ${Math.round(s.medianTokensIn)} tokens in, ${Math.round(s.medianTokensOut)} out, ${(s.medianWallMs / 1000).toFixed(1)} s`,
  );
  const guards = Object.entries(s.guardInterventions).sort((a, b) => b[1] - a[1]);
  if (guards.length > 0) lines.push(`guards fired: ${guards.map(([g, n]) => `${g} ×${n}`).join(", ")}`);
  const failed = [...byTask(attempts)].filter(([, list]) => list.some((a) => !a.pass));
  if (failed.length > 0) {
    lines.push("");
    lines.push("failed attempts:");
    for (const [id, list] of failed) {
      const fails = list.filter((a) => !a.pass);
      const why = fails[0] ? `${fails[0].exit}${fails[0].detail ? `: ${fails[0].detail.slice(0, 70)}` : ""}` : "";
      lines.push(`  ${id.padEnd(32)} ${fails.length}/${list.length}  ${why}`);
    }
  }
  return lines.join("\n");
}
