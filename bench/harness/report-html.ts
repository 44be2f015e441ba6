/**
 * The self-contained HTML report of one run: metadata, pass rates by suite and language with 95 % intervals, tokens
 * per task, where the guards fired, and a per-task table. No scripts, no external assets; inline SVG only.
 */
import { median } from "./stats.js";
import { byTask, ci, pct } from "./summary.js";
import { barChart, esc, type Bar } from "./svg.js";
import type { GroupSummary, RunFile } from "./types.js";

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.pass{color:#1a7f37}.fail{color:#c0392b}
svg text{font:12px system-ui,sans-serif;fill:#333}svg .ci{stroke:#222;stroke-width:1.3}.meta td:first-child{color:#666}
.note{color:#666;font-size:12px}`;

function rateBars(groups: Record<string, GroupSummary>): Bar[] {
  return Object.entries(groups).map(([name, g]) => ({
    label: name,
    value: g.pass1 * 100,
    low: g.pass1Ci.low * 100,
    high: g.pass1Ci.high * 100,
    text: `${pct(g.pass1)} ${ci(g.pass1Ci)}`,
    title: `${g.passes}/${g.attempts} attempts passed over ${g.tasks} tasks`,
  }));
}

function metaTable(run: RunFile): string {
  const rows: [string, string | undefined][] = [
    ["run", run.runId],
    ["mode", run.mode],
    ["model", run.model],
    ["profile", run.profile],
    ["quantisation", run.quantization],
    ["context window", run.contextWindow?.toString()],
    ["SmallCode", run.smallcodeVersion],
    ["layers off", run.disable.length > 0 ? run.disable.join(", ") : "none"],
    ["repeats", String(run.repeat)],
    ["seed", String(run.seed)],
    ["started", run.startedAt],
    ["finished", run.finishedAt],
    ["node / platform", `${run.node} / ${run.platform}`],
  ];
  return `<table class="meta">${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v ?? "")}</td></tr>`)
    .join("")}</table>`;
}

function taskTable(run: RunFile): string {
  const rows = [...byTask(run.attempts)].map(([id, list]) => {
    const passes = list.filter((a) => a.pass).length;
    const exits = [...new Set(list.filter((a) => !a.pass).map((a) => a.exit))].join(", ");
    const guards = list.reduce((n, a) => n + a.guardInterventions, 0);
    const first = list[0];
    const tail = list.find((a) => !a.pass)?.verify.tail ?? "";
    return (
      `<tr><td title="${esc(tail)}">${esc(id)}</td><td>${esc(first?.suite ?? "")}</td><td>${esc(first?.language ?? "")}</td>` +
      `<td class="n ${passes === list.length ? "pass" : "fail"}">${passes}/${list.length}</td>` +
      `<td class="n">${median(list.map((a) => a.turns))}</td><td class="n">${Math.round(median(list.map((a) => a.tokensIn + a.tokensOut)))}</td>` +
      `<td class="n">${(median(list.map((a) => a.wallMs)) / 1000).toFixed(1)}</td><td class="n">${guards}</td>` +
      `<td class="n">${list.reduce((n, a) => n + a.parseRepairs, 0)}</td><td>${esc(exits)}</td></tr>`
    );
  });
  return `<table><tr><th>task</th><th>suite</th><th>language</th><th>passed</th><th>turns</th><th>tokens</th><th>s</th><th>guards</th><th>repairs</th><th>failure exits</th></tr>${rows.join("")}</table>`;
}

export function renderReportHtml(run: RunFile): string {
  const s = run.summary;
  const tokenBars: Bar[] = [...byTask(run.attempts)].map(([id, list]) => {
    const v = Math.round(median(list.map((a) => a.tokensIn + a.tokensOut)));
    return { label: id, value: v, text: v.toLocaleString("en-US") };
  });
  const guardBars: Bar[] = Object.entries(s.guardInterventions)
    .sort((a, b) => b[1] - a[1])
    .map(([g, n]) => ({ label: g, value: n, text: String(n) }));
  const guardTasks = [...byTask(run.attempts)]
    .map(([id, list]) => ({ id, n: list.reduce((k, a) => k + a.guardInterventions, 0) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .map((x) => ({ label: x.id, value: x.n, text: String(x.n) }));
  const k = s.k;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SmallCode benchmark ${esc(run.runId)}</title><style>${CSS}</style></head>
<body>
<h1>SmallCode benchmark — ${esc(run.model)}</h1>
<p><strong>${pct(s.pass1)}</strong> pass@1 ${ci(s.pass1Ci)} over ${s.tasks} tasks × ${run.repeat} (${s.passes}/${s.attempts} attempts)${k > 1 ? `; pass@${k} ${pct(s.passK)} ${ci(s.passKCi)}` : ""}.
Median per attempt: ${s.medianTurns} turns, ${Math.round(s.medianTokensIn).toLocaleString("en-US")} tokens in, ${Math.round(s.medianTokensOut).toLocaleString("en-US")} out, ${(s.medianWallMs / 1000).toFixed(1)} s.</p>
${metaTable(run)}
<p class="note">Every verdict comes from the task's own tests run in the repository the agent left (protected test files restored first). Intervals: Wilson 95 % for pass@1, bootstrap over tasks for pass@k.${run.mode === "sim" ? " Simulator runs measure robustness to simulated small-model noise, not a real model's skill." : ""}</p>
<h2>Pass rate by suite</h2>${barChart(rateBars(s.bySuite), { max: 100 })}
<h2>Pass rate by language</h2>${barChart(rateBars(s.byLanguage), { max: 100 })}
<h2>Tokens per task (median, in + out)</h2>${barChart(tokenBars, { color: "#8a6fb0", labelWidth: 210 })}
<h2>Where the guards fired</h2>${guardBars.length > 0 ? `${barChart(guardBars, { color: "#c98a2b" })}<h3>by task</h3>${barChart(guardTasks, { color: "#c98a2b", labelWidth: 210 })}` : "<p>No guard fired in this run.</p>"}
<h2>Tasks</h2>${taskTable(run)}
</body></html>
`;
}
