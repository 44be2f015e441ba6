/**
 * The execution trace of a session: a subscriber on the AgentEvent stream that writes one span per model call, tool
 * call, guard intervention, validation command, compaction and warning, under one run span, to
 * `.smallcode/traces/<session>.jsonl`. A resumed session appends to the same file under the same trace id.
 * Every text is passed through the redactor first, so configured keys and credential-shaped strings never reach disk.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AgentEvent, AgentEventOf } from "../agent/events.js";
import { JsonlTracer, newSpanId, newTraceId, type SpanOutcome, type Tracer } from "../prompt/trace.js";
import { createRedactor, type Redactor } from "./redact.js";
import { clientTtft } from "./token-monitor.js";
import { TRACES_DIR, type SpanKind, type TraceSpan } from "./types.js";

export interface SessionTraceOptions {
  /** The project root; traces go to <cwd>/.smallcode/traces/. */
  cwd: string;
  /** Keys to keep out of the trace (all configured tiers' keys). */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where spans go (default: a JsonlTracer on the session's file, opened at run_start). */
  tracer?: Tracer;
  /** Longest text kept per attribute (default 2000 characters). */
  maxText?: number;
  now?: () => number;
}

type Attrs = Record<string, string | number | boolean>;

interface Open {
  spanId: string;
  startMs: number;
  turn: number;
  attrs: Attrs;
  firstTokenMs?: number;
}

export function traceFile(cwd: string, sessionId: string): string {
  return join(cwd, TRACES_DIR, `${sessionId}.jsonl`);
}

/** The trace id already used by a session's file, so a resumed run continues it. */
function existingTraceId(file: string): string | undefined {
  try {
    const first = readFileSync(file, "utf8").split("\n", 1)[0] ?? "";
    const id = (JSON.parse(first) as { traceId?: unknown }).traceId;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

export class SessionTrace {
  readonly #o: SessionTraceOptions;
  readonly #redact: Redactor;
  readonly #now: () => number;
  #tracer: Tracer | undefined;
  #traceId = newTraceId();
  #run: Open | undefined;
  #model: Open | undefined;
  readonly #tools = new Map<string, Open>();
  #file: string | undefined;

  constructor(options: SessionTraceOptions) {
    this.#o = options;
    this.#redact = createRedactor(options.secrets ?? []);
    this.#now = options.now ?? Date.now;
    this.#tracer = options.tracer;
  }

  /** The JSONL file, once the run has started (undefined with an injected tracer). */
  get file(): string | undefined {
    return this.#file;
  }

  get traceId(): string {
    return this.#traceId;
  }

  /** Feed every AgentEvent here (e.g. `smallcode.on("*", (e) => trace.handle(e))`). */
  handle(event: AgentEvent): void {
    switch (event.type) {
      case "run_start":
        return this.#start(event);
      case "model_request":
        return this.#modelRequest(event);
      case "model_delta":
        if (this.#model && this.#model.firstTokenMs === undefined) this.#model.firstTokenMs = this.#now();
        return;
      case "model_response":
        return this.#modelResponse(event);
      case "tool_call":
        return this.#toolCall(event);
      case "tool_result":
        return this.#toolResult(event);
      case "guard":
        return this.#instant("guard", `guard ${event.guard}`, event.turn, "ok", {
          guard: event.guard,
          hook: event.hook,
          action: event.action,
          message: event.message,
          triggers: event.triggers,
        });
      case "command":
        return this.#command(event);
      case "compaction":
        return this.#instant("compaction", "compaction", event.turn, "ok", { detail: JSON.stringify(event.detail) });
      case "warning":
        return this.#instant("warning", "warning", 0, "ok", { message: event.message });
      case "done":
        return this.#done(event);
      case "stage":
        return;
    }
  }

  /** Resolves when every span written so far is on disk. */
  flush(): Promise<void> {
    return this.#tracer?.flush() ?? Promise.resolve();
  }

  #text(s: string): string {
    const max = this.#o.maxText ?? 2000;
    const r = this.#redact(s);
    return r.length > max ? `${r.slice(0, max)}… (${r.length - max} more characters)` : r;
  }

  #attrs(a: Attrs): Attrs {
    const out: Attrs = {};
    for (const [k, v] of Object.entries(a)) out[k] = typeof v === "string" ? this.#text(v) : v;
    return out;
  }

  #start(e: AgentEventOf<"run_start">): void {
    if (!this.#tracer) {
      this.#file = traceFile(this.#o.cwd, e.sessionId);
      if (e.resumed) this.#traceId = existingTraceId(this.#file) ?? this.#traceId;
      this.#tracer = new JsonlTracer(this.#file);
    }
    this.#run = {
      spanId: newSpanId(),
      startMs: this.#now(),
      turn: 0,
      attrs: {
        session: e.sessionId,
        task: e.task,
        model: e.model,
        baseUrl: e.baseUrl,
        toolMode: e.toolMode,
        resumed: e.resumed,
      },
    };
  }

  #write(
    kind: SpanKind,
    name: string,
    open: Open,
    end: number,
    outcome: SpanOutcome,
    status: "ok" | "error",
    extra: Partial<TraceSpan> = {},
  ): void {
    const parent =
      kind === "run" ? undefined : kind === "tool" ? (this.#model?.spanId ?? this.#run?.spanId) : this.#run?.spanId;
    const span: TraceSpan = {
      traceId: this.#traceId,
      spanId: open.spanId,
      ...(parent !== undefined ? { parentSpanId: parent } : {}),
      name: this.#text(name),
      kind,
      startMs: open.startMs,
      durationMs: Math.max(0, end - open.startMs),
      attempt: 1,
      outcome,
      status,
      turn: open.turn,
      ...extra,
      attributes: this.#attrs(open.attrs),
    };
    this.#tracer?.write(span);
  }

  #instant(
    kind: SpanKind,
    name: string,
    turn: number,
    outcome: SpanOutcome,
    attrs: Attrs,
    status: "ok" | "error" = "ok",
  ): void {
    const now = this.#now();
    this.#write(kind, name, { spanId: newSpanId(), startMs: now, turn, attrs }, now, outcome, status);
  }

  #modelRequest(e: AgentEventOf<"model_request">): void {
    this.#model = {
      spanId: newSpanId(),
      startMs: this.#now(),
      turn: e.turn,
      attrs: {
        stage: e.stage,
        messages: e.messages,
        estimatedPromptTokens: e.promptTokens,
        tools: e.tools.join(", "),
        temperature: e.temperature,
        attempt: e.attempt,
      },
    };
  }

  #modelResponse(e: AgentEventOf<"model_response">): void {
    const open = this.#model ?? { spanId: newSpanId(), startMs: this.#now() - e.durationMs, turn: e.turn, attrs: {} };
    const end = this.#now();
    const attrs: Attrs = { ...open.attrs, stopReason: e.stopReason, toolCalls: e.toolCalls, text: e.text };
    const ttft = clientTtft(e) ?? (open.firstTokenMs !== undefined ? open.firstTokenMs - open.startMs : undefined);
    if (ttft !== undefined) attrs["timeToFirstTokenMs"] = ttft;
    if (e.error) attrs["error"] = e.error;
    const outcome: SpanOutcome =
      e.stopReason === "aborted"
        ? "aborted"
        : e.stopReason === "error"
          ? /time(d)? ?out/i.test(e.error ?? "")
            ? "timeout"
            : "model_error"
          : "ok";
    const attempt = typeof open.attrs["attempt"] === "number" ? open.attrs["attempt"] : 1;
    this.#write(
      "model",
      `model turn ${e.turn}`,
      { ...open, attrs },
      end,
      outcome,
      e.stopReason === "error" ? "error" : "ok",
      {
        attempt,
        tokens: { prompt: e.usage.promptTokens, completion: e.usage.completionTokens, estimated: e.usage.estimated },
      },
    );
    // The model span stays the parent of this turn's tool calls; it is closed, only its id is kept.
    this.#model = { ...open, attrs: {} };
  }

  #toolCall(e: AgentEventOf<"tool_call">): void {
    this.#tools.set(e.id, {
      spanId: newSpanId(),
      startMs: this.#now(),
      turn: e.turn,
      attrs: { tool: e.name, arguments: JSON.stringify(e.arguments), format: e.format, offered: e.offered },
    });
  }

  #toolResult(e: AgentEventOf<"tool_result">): void {
    const open = this.#tools.get(e.id) ?? {
      spanId: newSpanId(),
      startMs: this.#now() - e.durationMs,
      turn: e.turn,
      attrs: { tool: e.name },
    };
    this.#tools.delete(e.id);
    const attrs: Attrs = { ...open.attrs, ok: e.ok, output: e.output };
    if (e.handledBy) attrs["handledBy"] = e.handledBy;
    this.#write("tool", `tool ${e.name}`, { ...open, attrs }, this.#now(), "ok", e.ok ? "ok" : "error");
  }

  #command(e: AgentEventOf<"command">): void {
    const end = this.#now();
    const open: Open = {
      spanId: newSpanId(),
      startMs: end - e.durationMs,
      turn: 0,
      attrs: { stage: e.stage, command: e.command, exitCode: e.exitCode ?? "none", output: e.output },
    };
    this.#write("validation", `validate ${e.stage}`, open, end, "ok", e.exitCode === 0 ? "ok" : "error");
  }

  #done(e: AgentEventOf<"done">): void {
    const run = this.#run ?? { spanId: newSpanId(), startMs: this.#now() - e.durationMs, turn: 0, attrs: {} };
    const attrs: Attrs = {
      ...run.attrs,
      reason: e.reason,
      success: e.success,
      detail: e.detail,
      turns: e.turns,
      promptTokens: e.usage.promptTokens,
      completionTokens: e.usage.completionTokens,
      filesChanged: e.filesChanged.join(", "),
    };
    this.#write(
      "run",
      "run",
      { ...run, attrs },
      this.#now(),
      e.reason === "aborted" ? "aborted" : "ok",
      e.success ? "ok" : "error",
    );
    this.#run = undefined;
  }
}
