/** /config: the effective settings and where each came from (keys masked); `/config reload` re-reads the files. */
import { loadSettings, renderSettings } from "../../runtime/config/index.js";
import { fail, OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "config",
  aliases: ["settings"],
  summary: "The effective settings and where each came from (keys masked); /config reload re-reads them",
  usage: "/config [reload]",
  async run(args, ctx) {
    if (args !== "" && args !== "reload") return fail(`/config takes nothing or "reload", not "${args}".`);
    const loaded = loadSettings({ cwd: ctx.session.cwd, env: ctx.env });
    if (!loaded.ok) return fail(loaded.message);
    if (args === "reload") {
      await ctx.session.reloadSettings();
      ctx.out.print("Settings re-read; the next prompt uses them.", "success");
    }
    ctx.out.block("Settings", renderSettings(loaded).split("\n"));
    return OK;
  },
};
