/** /profile: the detected model profile: tool-call mode, context window, compatibility flags. */
import { join } from "node:path";
import { resolveCompat } from "../../runtime/model/compat.js";
import { probeToolMode } from "../../runtime/model/probe.js";
import { fail, OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "profile",
  summary: "The detected model profile: tool-call mode, context window and compatibility flags",
  async run(_args, ctx) {
    const ep = ctx.session.endpoint();
    if (!ep.baseUrl || !ep.model) return fail("No model yet: set an endpoint with /provider or SMALLCODE_BASE_URL.");
    const override = ep.toolMode;
    const decision = await probeToolMode(
      { baseUrl: ep.baseUrl, model: ep.model },
      { cacheDir: join(ctx.session.cwd, ".smallcode", "cache"), ...(override ? { override } : {}) },
    );
    const compat = resolveCompat(ep.model, ep.baseUrl);
    const b = ctx.session.budget();
    const window = b?.window ?? ep.contextWindow;
    ctx.out.block(`Profile of ${ep.model}`, [
      `endpoint        ${ep.baseUrl}${ep.source ? ` (${ep.source})` : ""}`,
      `tool calling    ${decision.mode} (${decision.source}: ${decision.reason})`,
      `context window  ${window !== undefined ? `${window} tokens` : "unknown (the default of the agent applies)"}`,
      ...(b ? [`request budget  ${b.budget} tokens (the rest is kept for the reply and a margin)`] : []),
      "compat flags",
      ...Object.entries(compat).map(([k, v]) => `  ${k.padEnd(18)} ${Array.isArray(v) ? v.join(", ") : String(v)}`),
    ]);
    return OK;
  },
};
