/** /clear: clears the screen and starts a fresh agent session (the next prompt is a new task). */
import { OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "clear",
  aliases: ["new", "reset"],
  summary: "Clear the screen and start a new conversation (files are kept; /undo still works)",
  async run(_args, ctx) {
    if (ctx.session.busy) return { ok: false, message: "A prompt is running; interrupt it (Esc) first." };
    ctx.session.clear();
    ctx.clearScreen();
    ctx.out.print("New conversation. The next message starts a new task.", "dim");
    return OK;
  },
};
