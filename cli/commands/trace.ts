/**
 * `smallcode trace`: the session traces under .smallcode/traces/. `list` shows them, newest first; `show` prints one
 * session's spans as text; `export` writes its self-contained HTML timeline.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatMs } from "../../runtime/trace/html.js";
import { listTraces, readTrace, renderTimelineHtml, summarize, type TraceSpan } from "../../runtime/trace/index.js";
import type { CommandIO } from "../command.js";

export const summary = "Session traces: smallcode trace list | show <session> | export <session> [--out file.html]";

const HELP = `Usage: smallcode trace <list | show <session> | export <session> [--out FILE]> [--cwd DIR]

Every run writes a trace to .smallcode/traces/<session>.jsonl (turn it off with SMALLCODE_TRACE=false):
one span per model call, tool call, guard, validation command and compaction, with a trace id and span ids.

  list                 the sessions with traces, newest first
  show <session>       the spans of a session as text
  export <session>     write an HTML timeline (self-contained; open it in any browser)
    --out FILE         where to write it (default: .smallcode/traces/<session>.html)

<session> is a session id, a unique prefix of one, or "latest".`;

function when(ms: number): string {
  return ms ? new Date(ms).toISOString().replace("T", " ").slice(0, 19) : "—";
}

export function renderTraceList(cwd: string): string {
  const traces = listTraces(cwd);
  if (traces.length === 0) return "No traces yet in .smallcode/traces/. Run a task first.";
  return traces
    .map((t) => {
      const task = t.task ? `  ${t.task.length > 50 ? `${t.task.slice(0, 50)}…` : t.task}` : "";
      return `${t.session}  ${when(t.startMs)}  ${formatMs(t.durationMs).padStart(7)}  ${t.modelCalls} model, ${t.toolCalls} tool calls${task}`;
    })
    .join("\n");
}

function spanLine(s: TraceSpan, t0: number): string {
  const a = s.attributes ?? {};
  const detail =
    s.kind === "model"
      ? `${s.tokens ? `${s.tokens.prompt}→${s.tokens.completion} tok${s.tokens.estimated ? " (est.)" : ""}` : ""}${typeof a["timeToFirstTokenMs"] === "number" ? `, ttft ${formatMs(a["timeToFirstTokenMs"])}` : ""}, ${String(a["stopReason"] ?? "")}`
      : s.kind === "tool"
        ? String(a["arguments"] ?? "").slice(0, 80)
        : s.kind === "guard"
          ? `${String(a["action"] ?? "")}: ${String(a["message"] ?? "").slice(0, 80)}`
          : s.kind === "validation"
            ? `${String(a["command"] ?? "")} → exit ${String(a["exitCode"] ?? "")}`
            : "";
  const status = s.status === "error" ? " ✗" : "";
  return `+${formatMs(s.startMs - t0).padStart(7)} ${formatMs(s.durationMs).padStart(7)}  ${s.name}${status}  ${detail}`.trimEnd();
}

export function renderTraceShow(
  cwd: string,
  session: string,
): { ok: true; text: string } | { ok: false; message: string } {
  const read = readTrace(cwd, session);
  if (!read.ok) return read;
  const t0 = read.spans[0]?.startMs ?? 0;
  const lines = [
    `session ${read.session}  trace ${read.spans[0]?.traceId ?? "—"}  (${read.file})`,
    ...read.spans.map((s) => spanLine(s, t0)),
  ];
  if (read.skipped) lines.push(`(${read.skipped} unreadable lines skipped)`);
  return { ok: true, text: lines.join("\n") };
}

/** Writes the HTML timeline; returns the file written. */
export function exportTrace(
  cwd: string,
  session: string,
  out?: string,
): { ok: true; file: string; spans: number } | { ok: false; message: string } {
  const read = readTrace(cwd, session);
  if (!read.ok) return read;
  if (read.spans.length === 0) return { ok: false, message: `The trace of ${read.session} holds no spans yet.` };
  const file = resolve(cwd, out ?? `.smallcode/traces/${read.session}.html`);
  try {
    writeFileSync(file, renderTimelineHtml(summarize(read.session, read.file, read.spans), read.spans));
  } catch (err) {
    return { ok: false, message: `Cannot write ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { ok: true, file, spans: read.spans.length };
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { out: { type: "string", short: "o" }, cwd: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    io.stderr.write(
      `smallcode trace: ${err instanceof Error ? err.message : String(err)}. See smallcode trace --help.\n`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, session] = positionals;
  if (values.help || sub === undefined) {
    (values.help ? io.stdout : io.stderr).write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const cwd = resolve(io.cwd, values.cwd ?? ".");
  if (sub === "list") {
    io.stdout.write(`${renderTraceList(cwd)}\n`);
    return 0;
  }
  if (sub !== "show" && sub !== "export") {
    io.stderr.write(`smallcode trace: unknown subcommand "${sub}"; use list, show or export.\n`);
    return 2;
  }
  if (session === undefined) {
    io.stderr.write(
      `smallcode trace ${sub}: name a session (an id, a prefix, or "latest"). List them with smallcode trace list.\n`,
    );
    return 2;
  }
  const result = sub === "show" ? renderTraceShow(cwd, session) : exportTrace(cwd, session, values.out);
  if (!result.ok) {
    io.stderr.write(`smallcode trace ${sub}: ${result.message}\n`);
    return 1;
  }
  io.stdout.write(
    "text" in result ? `${result.text}\n` : `Wrote ${result.file} (${result.spans} spans). Open it in a browser.\n`,
  );
  return 0;
}
