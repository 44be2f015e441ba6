/**
 * Resuming a logged session: the history is replayed into the new run's context engine (not logged again), turn
 * numbering and the files changed carry on, and the follow-up message is appended and logged.
 */
import type { LoopParts } from "./loop-parts.js";
import { pinEditedFiles } from "./execute.js";
import type { LoadedSession, SessionLog } from "./session-log.js";

export function replay(p: LoopParts, log: SessionLog, session: LoadedSession, followUp: string): void {
  for (const { message, meta } of session.messages) {
    if (message.role === "tool") {
      p.engine.appendToolResult(message.toolCallId, message.content, {
        ...meta,
        ...(message.name ? { name: message.name } : {}),
      });
      for (const r of meta?.reads ?? []) p.state.filesRead.add(r);
      for (const w of meta?.writes ?? []) {
        p.counters.filesChanged.add(w);
        p.state.filesRead.delete(w);
      }
    } else p.engine.append(message);
    if (message.role === "assistant") p.state.turn++;
  }
  if (p.counters.filesChanged.size > 0) pinEditedFiles(p);
  log.append({ kind: "resume", at: new Date().toISOString(), followUp });
  p.append({ role: "user", content: followUp });
  p.counters.lastUserMessage = followUp;
}
