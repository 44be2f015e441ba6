/**
 * A session trace as one self-contained HTML page: every span a bar on a shared time axis (inline SVG, drawn here so
 * it shows even with scripts off), coloured by kind, with details on hover and pinned on click (a few lines of
 * inline script over the spans embedded as JSON). No network: no fonts, scripts or styles are fetched.
 */
import type { TraceSpan } from "./types.js";
import type { TraceSummary } from "./store.js";

const COLOURS: Record<string, string> = {
  run: "#94a3b8",
  model: "#6366f1",
  tool: "#10b981",
  guard: "#f59e0b",
  validation: "#0ea5e9",
  compaction: "#a855f7",
  warning: "#ef4444",
};

const LABEL_W = 280;
const PLOT_W = 860;
const ROW_H = 22;
const AXIS_H = 28;

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** JSON safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function formatMs(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, "")}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m ${Math.round((ms % 60_000) / 1000)}s`;
}

/** A round tick step giving about eight ticks over `total` ms. */
function tickStep(total: number): number {
  const raw = Math.max(total, 1) / 8;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

function label(s: TraceSpan): string {
  const a = s.attributes ?? {};
  if (s.kind === "tool") {
    const args = typeof a["arguments"] === "string" ? a["arguments"] : "";
    return `${s.name} ${args.length > 40 ? `${args.slice(0, 40)}…` : args}`;
  }
  if (s.kind === "model" && s.tokens) return `${s.name} · ${s.tokens.prompt}→${s.tokens.completion} tok`;
  if (s.kind === "guard") return `${s.name} → ${String(a["action"] ?? "")}`;
  if (s.kind === "validation") return `${s.name}: ${String(a["command"] ?? "")}`;
  return s.name;
}

function axis(total: number): string {
  const step = tickStep(total);
  const parts: string[] = [];
  for (let t = 0; t <= total + step / 2; t += step) {
    const x = LABEL_W + (t / Math.max(total, 1)) * PLOT_W;
    parts.push(`<line x1="${x}" y1="${AXIS_H - 6}" x2="${x}" y2="100%" class="grid"/>`);
    parts.push(`<text x="${x}" y="${AXIS_H - 10}" class="tick">${formatMs(t)}</text>`);
  }
  return parts.join("");
}

function rows(spans: readonly TraceSpan[], t0: number, total: number): string {
  return spans
    .map((s, i) => {
      const y = AXIS_H + i * ROW_H;
      const x = LABEL_W + ((s.startMs - t0) / Math.max(total, 1)) * PLOT_W;
      const w = Math.max(2, (s.durationMs / Math.max(total, 1)) * PLOT_W);
      const colour = COLOURS[s.kind] ?? "#64748b";
      const cls = `span k-${s.kind}${s.status === "error" ? " error" : ""}`;
      const shape =
        s.durationMs === 0
          ? `<path d="M${x} ${y + 4} l7 7 l-7 7 l-7 -7 z" fill="${colour}" class="mark"/>`
          : `<rect x="${x}" y="${y + 4}" width="${w}" height="${ROW_H - 8}" rx="3" fill="${colour}" class="bar"/>`;
      const ttft = s.attributes?.["timeToFirstTokenMs"];
      // The wait for the first token, drawn lighter over the start of a model call's bar.
      const wait =
        typeof ttft === "number" && s.durationMs > 0
          ? `<rect x="${x}" y="${y + 4}" width="${Math.min(w, (ttft / s.durationMs) * w)}" height="${ROW_H - 8}" rx="3" fill="#fff" opacity="0.3" class="wait"/>`
          : "";
      const text = escapeHtml(label(s).slice(0, 60));
      return (
        `<g class="${cls}" data-i="${i}" tabindex="0"><rect x="0" y="${y}" width="${LABEL_W + PLOT_W + 20}" height="${ROW_H}" class="row"/>` +
        `<text x="8" y="${y + 15}" class="label">${text}</text>${shape}${wait}</g>`
      );
    })
    .join("\n");
}

const STYLE = `
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#0f172a;color:#e2e8f0}
header{padding:16px 20px;border-bottom:1px solid #1e293b}h1{font-size:17px;margin:0 0 4px}
.meta{color:#94a3b8}.meta b{color:#e2e8f0;font-weight:600}
.legend{display:flex;gap:14px;margin-top:8px;flex-wrap:wrap}.legend span::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;background:var(--c)}
main{display:flex;gap:0}#chart{overflow:auto;flex:1;min-width:0;padding:8px 12px 16px 0}
svg text{fill:#cbd5e1;font-size:12px}.tick{fill:#64748b;text-anchor:middle;font-size:11px}
.grid{stroke:#1e293b}.row{fill:transparent}.span:hover .row,.span.pinned .row{fill:#1e293b}
.span{cursor:pointer}.span.error .bar,.span.error .mark{stroke:#f87171;stroke-width:2}
.span.error .label{fill:#fca5a5}
#details{width:360px;border-left:1px solid #1e293b;padding:12px 16px;font-size:12px;overflow:auto;max-height:100vh;position:sticky;top:0}
#details h2{font-size:14px;margin:0 0 8px}#details table{border-collapse:collapse;width:100%}
#details td{vertical-align:top;padding:3px 4px;border-bottom:1px solid #1e293b}#details td:first-child{color:#94a3b8;white-space:nowrap}
#details pre{white-space:pre-wrap;word-break:break-word;margin:0;font:11px/1.35 ui-monospace,Menlo,monospace}
#tip{position:fixed;pointer-events:none;background:#020617;border:1px solid #334155;border-radius:4px;padding:6px 8px;font-size:12px;display:none;max-width:420px}
`;

const SCRIPT = `
const spans = JSON.parse(document.getElementById("spans").textContent);
const t0 = spans.length ? Math.min(...spans.map(s => s.startMs)) : 0;
const fmt = ms => ms < 1000 ? Math.round(ms) + "ms" : (ms / 1000).toFixed(2) + "s";
const esc = s => String(s).replace(/[&<>"]/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"})[c]);
function rowsOf(s) {
  const r = [["kind", s.kind], ["status", s.status], ["start", "+" + fmt(s.startMs - t0)], ["duration", fmt(s.durationMs)], ["turn", s.turn], ["outcome", s.outcome], ["span", s.spanId], ["parent", s.parentSpanId || "—"]];
  if (s.tokens) r.push(["tokens", s.tokens.prompt + " prompt, " + s.tokens.completion + " completion" + (s.tokens.estimated ? " (estimated)" : " (measured)")]);
  for (const [k, v] of Object.entries(s.attributes || {})) r.push([k, v]);
  return r;
}
function show(i) {
  const s = spans[i];
  document.querySelectorAll(".span.pinned").forEach(e => e.classList.remove("pinned"));
  document.querySelector('.span[data-i="' + i + '"]').classList.add("pinned");
  document.getElementById("details").innerHTML = "<h2>" + esc(s.name) + "</h2><table>" +
    rowsOf(s).map(([k, v]) => "<tr><td>" + esc(k) + "</td><td><pre>" + esc(v) + "</pre></td></tr>").join("") + "</table>";
}
const tip = document.getElementById("tip");
document.querySelectorAll(".span").forEach(g => {
  const i = Number(g.dataset.i), s = spans[i];
  g.addEventListener("click", () => show(i));
  g.addEventListener("keydown", e => { if (e.key === "Enter") show(i); });
  g.addEventListener("mousemove", e => {
    tip.style.display = "block"; tip.style.left = (e.clientX + 14) + "px"; tip.style.top = (e.clientY + 10) + "px";
    tip.innerHTML = "<b>" + esc(s.name) + "</b><br>" + fmt(s.durationMs) + " at +" + fmt(s.startMs - t0) +
      (s.tokens ? "<br>" + s.tokens.prompt + " → " + s.tokens.completion + " tokens" : "") + (s.status === "error" ? "<br>failed" : "");
  });
  g.addEventListener("mouseleave", () => { tip.style.display = "none"; });
});
// #span=N pins a span on load, so a link can point at one call.
const pinned = /^#span=([0-9]+)$/.exec(location.hash);
if (pinned && spans[Number(pinned[1])]) show(Number(pinned[1]));
`;

/** The page for one session's spans. */
export function renderTimelineHtml(summary: TraceSummary, spans: readonly TraceSpan[]): string {
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs || (a.kind === "run" ? -1 : 1));
  const t0 = ordered.length ? Math.min(...ordered.map((s) => s.startMs)) : 0;
  const total = Math.max(1, ...ordered.map((s) => s.startMs + s.durationMs - t0));
  const height = AXIS_H + ordered.length * ROW_H + 8;
  const tokens = ordered.filter((s) => s.kind === "model" && s.tokens);
  const promptTok = tokens.reduce((n, s) => n + (s.tokens?.prompt ?? 0), 0);
  const complTok = tokens.reduce((n, s) => n + (s.tokens?.completion ?? 0), 0);
  const errors = ordered.filter((s) => s.status === "error").length;
  const legend =
    Object.entries(COLOURS)
      .map(([k, c]) => `<span style="--c:${c}">${k}</span>`)
      .join("") + `<span style="--c:#c7d2fe">waiting for the first token</span>`;
  const started = summary.startMs
    ? new Date(summary.startMs).toISOString().replace("T", " ").slice(0, 19) + " UTC"
    : "—";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>SmallCode trace ${escapeHtml(summary.session)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(summary.task ?? "SmallCode session")}</h1>
<div class="meta">session <b>${escapeHtml(summary.session)}</b> · model <b>${escapeHtml(summary.model ?? "—")}</b> · started <b>${started}</b> · <b>${formatMs(total)}</b> · <b>${summary.modelCalls}</b> model calls · <b>${summary.toolCalls}</b> tool calls · <b>${promptTok}</b> prompt + <b>${complTok}</b> completion tokens${errors ? ` · <b>${errors}</b> failed` : ""}</div>
<div class="legend">${legend}</div></header>
<main><div id="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${LABEL_W + PLOT_W + 20} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="timeline of ${ordered.length} spans">
${axis(total)}
${rows(ordered, t0, total)}
</svg></div><aside id="details"><h2>Details</h2><p>Click a bar to see its details; hover for a summary.</p></aside></main>
<div id="tip"></div>
<script id="spans" type="application/json">${scriptJson(ordered)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
