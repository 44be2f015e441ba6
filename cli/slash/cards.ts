/**
 * Agent events as compact cards of styled lines, shared by the TUI and classic mode: a file edit shows its diff, a
 * shell call its command, exit code and capped output, a guard intervention is marked as such.
 */
import type { AgentEvent, AgentEventOf } from "../../runtime/agent/events.js";
import { capLines, diffLines, formatDuration, line, shellCard, type StyledLine } from "./format.js";

const DIFF_LINES = 14;
const OUTPUT_LINES = 6;

function str(args: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = args[k];
    if (typeof v === "string") return v;
  }
  return undefined;
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** What a call is about in a few words: its path, command or pattern. */
export function callSubject(name: string, args: Record<string, unknown>): string {
  const main = str(args, "path", "file_path", "command", "pattern", "query", "action");
  return main !== undefined ? oneLine(main, 70) : oneLine(JSON.stringify(args), 70);
}

/** The line shown while a call runs. */
export function pendingCard(call: AgentEventOf<"tool_call">): StyledLine[] {
  return [line(`… ${call.name} ${callSubject(call.name, call.arguments)}`, "dim")];
}

function editCard(call: AgentEventOf<"tool_call">, result: AgentEventOf<"tool_result">): StyledLine[] {
  const path = str(call.arguments, "path", "file_path", "filepath", "filename", "file") ?? "?";
  const before = str(call.arguments, "old_text", "old_str", "old_string", "search", "find", "original") ?? "";
  const after = str(call.arguments, "new_text", "new_str", "new_string", "replace", "replacement") ?? "";
  const start = typeof result.data?.["startLine"] === "number" ? result.data["startLine"] : 1;
  const body = diffLines(before, after, start, 1);
  const added = body.filter((l) => l.style === "add").length;
  const removed = body.filter((l) => l.style === "del").length;
  return [line(`✎ edit ${path}  +${added} -${removed}`, "accent"), ...capLines(body, DIFF_LINES)];
}

function writeCard(call: AgentEventOf<"tool_call">, result: AgentEventOf<"tool_result">): StyledLine[] {
  const path = str(call.arguments, "path", "file_path", "filepath", "filename", "file") ?? "?";
  const content = str(call.arguments, "content", "text", "contents") ?? "";
  const created = result.data?.["created"] === true;
  const n = content === "" ? 0 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0);
  const head = line(`✎ ${created ? "create" : "write"} ${path}  ${n} lines`, "accent");
  if (!created) return [head, line(`  ${oneLine(result.output, 90)}`, "dim")];
  return [head, ...capLines(diffLines("", content, 1, 0).slice(1), DIFF_LINES)];
}

/** The finished card of one call. */
export function resultCard(
  call: AgentEventOf<"tool_call"> | undefined,
  result: AgentEventOf<"tool_result">,
): StyledLine[] {
  const args = call?.arguments ?? {};
  const handled = result.handledBy ? ` (answered by guard ${result.handledBy})` : "";
  if (result.ok && call && (result.name === "edit_file" || result.name === "write_file") && !result.handledBy) {
    return result.name === "edit_file" ? editCard(call, result) : writeCard(call, result);
  }
  const command =
    str(args, "command") ?? (typeof result.data?.["command"] === "string" ? result.data["command"] : undefined);
  if (command !== undefined && typeof result.data?.["exitCode"] === "number") {
    return shellCard(command, result.data["exitCode"], result.output, OUTPUT_LINES);
  }
  if (!result.ok) {
    return [
      line(`✗ ${result.name} ${callSubject(result.name, args)}${handled}`, result.handledBy ? "guard" : "error"),
      ...capLines(
        result.output
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => line(`  ${l}`, "dim")),
        3,
      ),
    ];
  }
  const took = result.durationMs >= 1000 ? `  ${formatDuration(result.durationMs)}` : "";
  return [line(`✓ ${result.name} ${callSubject(result.name, args)}${handled}${took}`, "dim")];
}

/** Lines for the events that are not streaming text or tool calls; undefined for silent ones. */
export function eventLines(event: AgentEvent): StyledLine[] | undefined {
  switch (event.type) {
    case "guard":
      return [
        line(
          `⚑ guard ${event.guard} → ${event.action}${event.message ? `: ${oneLine(event.message, 200)}` : ""}`,
          "guard",
        ),
      ];
    case "warning":
      return [line(`! ${event.message}`, "warning")];
    case "compaction":
      return event.detail.kind === "compacted"
        ? [
            line(
              `· compacted ${event.detail.turns} old turns (${event.detail.tokensBefore} → ${event.detail.tokensAfter} tokens)`,
              "dim",
            ),
          ]
        : undefined;
    case "command":
      return [line(`[${event.stage}]`, "dim"), ...shellCard(event.command, event.exitCode, event.output, OUTPUT_LINES)];
    case "model_response":
      return event.stopReason === "error" && event.error
        ? [line(`✗ model call failed: ${event.error}`, "error")]
        : undefined;
    case "done":
      return [doneLine(event)];
    default:
      return undefined;
  }
}

export function doneLine(e: AgentEventOf<"done">): StyledLine {
  const files = e.filesChanged.length > 0 ? ` · changed ${e.filesChanged.join(", ")}` : "";
  const stats = `${formatDuration(e.durationMs)} · ${e.turns} turns${files}`;
  if (e.success) return line(`✓ done · ${stats}`, "success");
  if (e.reason === "aborted") return line(`■ interrupted · ${stats}`, "warning");
  return line(`✗ ${e.detail} · ${stats}`, "error");
}
