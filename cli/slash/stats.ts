/** /stats: what this interactive session has done so far. */
import { formatDuration, formatTokens } from "./format.js";
import { OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "stats",
  summary: "Prompts, model calls, tokens, tool calls, guard interventions and time of this session",
  async run(_args, ctx) {
    const s = ctx.session;
    const u = s.usage();
    const calls = u.measuredCalls + u.estimatedCalls;
    const ended = s.history.filter((h) => h.done);
    const failed = ended.filter((h) => h.done && !h.done.success).length;
    const ep = s.endpoint();
    ctx.out.block("Session", [
      `session     ${s.id ?? "(none yet)"}`,
      `model       ${ep.model ?? "?"} at ${ep.baseUrl ?? "?"}`,
      `prompts     ${s.history.length} (${failed} ended without finishing)`,
      `model calls ${calls} (${u.measuredCalls} measured by the server, ${u.estimatedCalls} estimated)`,
      `tokens      ${formatTokens(u.promptTokens)} in · ${formatTokens(u.completionTokens)} out`,
      `tool calls  ${u.toolCalls} (${u.failedToolCalls} failed)`,
      `guards      ${u.guardInterventions} interventions`,
      `files       ${s.changedFiles().length} changed`,
      `time        ${formatDuration(u.busyMs)} working, ${formatDuration(u.elapsedMs)} since start`,
    ]);
    return OK;
  },
};
