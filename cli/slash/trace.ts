/** /trace: the session traces: list them, show one as text, or export one as an HTML timeline. */
import { exportTrace, renderTraceList, renderTraceShow } from "../commands/trace.js";
import { fail, OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "trace",
  summary: "Session traces: /trace list | show [session] | export [session] [file.html]",
  usage: "/trace [list | show [session] | export [session] [file]]",
  async run(args, ctx) {
    const [sub = "list", session, out] = args.split(/\s+/).filter(Boolean);
    const cwd = ctx.session.cwd;
    const which = session ?? ctx.session.id ?? "latest";
    if (sub === "list") {
      ctx.out.block("Traces", renderTraceList(cwd).split("\n"));
      return OK;
    }
    if (sub === "show") {
      const r = renderTraceShow(cwd, which);
      if (!r.ok) return fail(r.message);
      ctx.out.block(`Trace ${which}`, r.text.split("\n"), "code");
      return OK;
    }
    if (sub === "export") {
      const r = exportTrace(cwd, which, out);
      if (!r.ok) return fail(r.message);
      ctx.out.print(`Wrote ${r.file} (${r.spans} spans). Open it in a browser.`, "success");
      return OK;
    }
    return fail(`/trace ${sub}: use /trace list, /trace show [session] or /trace export [session] [file].`);
  },
};
