/** /quit: ends the interactive session (a running prompt is interrupted first). */
import { OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "quit",
  aliases: ["exit", "q"],
  summary: "Leave SmallCode",
  async run(_args, ctx) {
    ctx.quit();
    return OK;
  },
};
