/**
 * The session log: one JSONL file per session under `.smallcode/sessions/<id>.jsonl`. Every history message and every
 * event (but streaming deltas) is appended synchronously as it happens, so killing the process at any moment loses
 * nothing already done; a torn last line is skipped on load. `--continue` and `--resume ID` rebuild the history from it.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ContextSnapshot, ToolResultMeta } from "../context/types.js";
import type { ChatMessage } from "../model/types.js";
import type { AgentEvent } from "./events.js";

export const SESSIONS_DIR = join(".smallcode", "sessions");

export type SessionRecord =
  | { kind: "meta"; version: 1; sessionId: string; task: string; cwd: string; model: string; startedAt: string }
  | { kind: "resume"; at: string; followUp: string }
  | { kind: "message"; message: ChatMessage; meta?: ToolResultMeta }
  | { kind: "event"; event: AgentEvent }
  /** The context engine's state when a run ended (compaction included), so a resume continues exactly. */
  | { kind: "context"; snapshot: ContextSnapshot };

export interface LoadedSession {
  sessionId: string;
  task: string;
  /** The history in order, as appended (compaction is redone by the engine when needed). */
  messages: Array<{ message: ChatMessage; meta?: ToolResultMeta }>;
  /**
   * The context engine's state at the end of the last run, when nothing was appended after it (a run killed before
   * its end leaves none: the history is then replayed from the messages).
   */
  context?: ContextSnapshot;
  /** How the last run of the session ended, when it got that far. */
  lastDone?: Extract<AgentEvent, { type: "done" }>;
  /** Lines that could not be read (a torn write at a kill). */
  skippedLines: number;
}

export class SessionLog {
  readonly file: string;

  constructor(
    readonly dir: string,
    readonly sessionId: string,
  ) {
    this.file = join(dir, `${sessionId}.jsonl`);
  }

  /** Appends one record and returns once it is in the file (synchronous on purpose: nothing is buffered). */
  append(record: SessionRecord): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(record)}\n`);
    } catch {
      // An unwritable log must not end the run; the loop reports it once through a warning event.
      this.failed = true;
    }
  }

  failed = false;
}

/** Reads a session file; undefined when it does not exist or has no meta record. */
export function loadSession(dir: string, sessionId: string): LoadedSession | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, `${sessionId}.jsonl`), "utf8");
  } catch {
    return undefined;
  }
  let meta: Extract<SessionRecord, { kind: "meta" }> | undefined;
  const messages: LoadedSession["messages"] = [];
  let lastDone: LoadedSession["lastDone"];
  let context: ContextSnapshot | undefined;
  let skippedLines = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let record: SessionRecord;
    try {
      record = JSON.parse(line) as SessionRecord;
    } catch {
      skippedLines++;
      continue;
    }
    if (record.kind === "meta" && !meta) meta = record;
    else if (record.kind === "message") {
      messages.push(record.meta ? { message: record.message, meta: record.meta } : { message: record.message });
      context = undefined;
    } else if (record.kind === "context") context = record.snapshot;
    else if (record.kind === "event" && record.event.type === "done") lastDone = record.event;
  }
  if (!meta) return undefined;
  return {
    sessionId: meta.sessionId,
    task: meta.task,
    messages,
    skippedLines,
    ...(lastDone ? { lastDone } : {}),
    ...(context ? { context } : {}),
  };
}

/** The id of the most recently written session in `dir`, if any. */
export function latestSessionId(dir: string): string | undefined {
  let best: { id: string; mtime: number } | undefined;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (!name.endsWith(".jsonl")) continue;
    const mtime = statSync(join(dir, name)).mtimeMs;
    if (!best || mtime > best.mtime || (mtime === best.mtime && name > `${best.id}.jsonl`)) {
      best = { id: name.slice(0, -".jsonl".length), mtime };
    }
  }
  return best?.id;
}
