/**
 * Resuming a logged session. When the last run saved its context (a `context` record with nothing after it), the
 * engine was already restored from it (setup.ts: ContextEngine.restore), so its compaction carries on; otherwise the
 * history is replayed into the new engine (not logged again). Either way turn numbering, the files read and changed,
 * the guards' view of the earlier turns, and the TODO list and notes carry on, and the follow-up message is appended
 * and logged.
 */
import type { LoopParts } from "./loop-parts.js";
import { pinEditedFiles } from "./execute.js";
import { seedPlanningFromFiles } from "./planning-pins.js";
import { rebuildTurns } from "./resume-history.js";
import type { LoadedSession, SessionLog } from "./session-log.js";

export function replay(
  p: LoopParts,
  log: SessionLog,
  session: LoadedSession,
  followUp: string,
  restored: boolean,
): void {
  for (const { message, meta } of session.messages) {
    if (message.role === "tool") {
      if (!restored) {
        p.engine.appendToolResult(message.toolCallId, message.content, {
          ...meta,
          ...(message.name ? { name: message.name } : {}),
        });
      }
      for (const r of meta?.reads ?? []) p.state.filesRead.add(r);
      for (const w of meta?.writes ?? []) {
        p.counters.filesChanged.add(w);
        p.state.filesRead.delete(w);
      }
    } else if (!restored) p.engine.append(message);
    if (message.role === "assistant") p.state.turn++;
  }
  rebuildTurns(p, session.messages);
  if (p.counters.filesChanged.size > 0) pinEditedFiles(p);
  seedPlanningFromFiles(p);
  log.append({ kind: "resume", at: new Date().toISOString(), followUp });
  p.append({ role: "user", content: followUp });
  p.counters.lastUserMessage = followUp;
}
