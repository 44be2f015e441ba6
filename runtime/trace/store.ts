/** Reading session traces back: the list under `.smallcode/traces/`, and one session's spans. Never throws. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TRACES_DIR, type TraceSpan } from "./types.js";

export interface TraceSummary {
  session: string;
  file: string;
  spans: number;
  /** Epoch ms of the earliest span. */
  startMs: number;
  durationMs: number;
  modelCalls: number;
  toolCalls: number;
  task?: string;
  model?: string;
}

export type TraceRead =
  { ok: true; session: string; file: string; spans: TraceSpan[]; skipped: number } | { ok: false; message: string };

function isSpan(v: unknown): v is TraceSpan {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s["spanId"] === "string" &&
    typeof s["startMs"] === "number" &&
    typeof s["durationMs"] === "number" &&
    typeof s["name"] === "string"
  );
}

/** Spans of one JSONL file; lines that are not spans (a torn last line after a crash) are counted and skipped. */
export function parseTrace(text: string): { spans: TraceSpan[]; skipped: number } {
  const spans: TraceSpan[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isSpan(v)) spans.push({ ...v, kind: v.kind ?? "model", status: v.status ?? "ok", turn: v.turn ?? 0 });
      else skipped++;
    } catch {
      skipped++;
    }
  }
  spans.sort((a, b) => a.startMs - b.startMs);
  return { spans, skipped };
}

function sessionIds(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => f.slice(0, -".jsonl".length));
  } catch {
    return [];
  }
}

export function summarize(session: string, file: string, spans: readonly TraceSpan[]): TraceSummary {
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const run = spans.find((s) => s.kind === "run");
  const task = run?.attributes?.["task"];
  const model = run?.attributes?.["model"];
  return {
    session,
    file,
    spans: spans.length,
    startMs: spans.length ? start : 0,
    durationMs: spans.length ? end - start : 0,
    modelCalls: spans.filter((s) => s.kind === "model").length,
    toolCalls: spans.filter((s) => s.kind === "tool").length,
    ...(typeof task === "string" ? { task } : {}),
    ...(typeof model === "string" ? { model } : {}),
  };
}

/** Every session trace in the project, newest first. */
export function listTraces(cwd: string): TraceSummary[] {
  const dir = join(cwd, TRACES_DIR);
  const out: TraceSummary[] = [];
  for (const session of sessionIds(dir)) {
    const file = join(dir, `${session}.jsonl`);
    try {
      out.push(summarize(session, file, parseTrace(readFileSync(file, "utf8")).spans));
    } catch {
      // Unreadable files are left out of the list.
    }
  }
  const mtime = (f: string) => {
    try {
      return statSync(f).mtimeMs;
    } catch {
      return 0;
    }
  };
  return out.sort((a, b) => (b.startMs || mtime(b.file)) - (a.startMs || mtime(a.file)));
}

/** One session's trace: its id, "latest", or a unique prefix of an id. */
export function readTrace(cwd: string, session: string): TraceRead {
  const dir = join(cwd, TRACES_DIR);
  const ids = sessionIds(dir);
  if (ids.length === 0)
    return {
      ok: false,
      message: `No traces in ${dir}. Run a task first (tracing is on unless SMALLCODE_TRACE=false).`,
    };
  let id: string | undefined;
  if (session === "latest") id = listTraces(cwd)[0]?.session;
  else if (ids.includes(session)) id = session;
  else {
    const matches = ids.filter((i) => i.startsWith(session));
    if (matches.length > 1)
      return {
        ok: false,
        message: `"${session}" matches ${matches.length} sessions (${matches.slice(0, 3).join(", ")} …); give more of the id.`,
      };
    id = matches[0];
  }
  if (id === undefined)
    return { ok: false, message: `No trace for session "${session}" in ${dir}. List them with: smallcode trace list` };
  const file = join(dir, `${id}.jsonl`);
  try {
    const { spans, skipped } = parseTrace(readFileSync(file, "utf8"));
    return { ok: true, session: id, file, spans, skipped };
  } catch (err) {
    return { ok: false, message: `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
