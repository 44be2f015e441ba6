/** /help: every command with its summary, or one command's usage. */
import { findCommand } from "./registry.js";
import { fail, OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "help",
  aliases: ["?"],
  summary: "List the commands, or explain one: /help [command]",
  usage: "/help [command]",
  async run(args, ctx) {
    const name = args.replace(/^\//, "").trim();
    if (name !== "") {
      const c = findCommand(ctx.commands, name);
      if (!c) return fail(`No command /${name}. Type /help for the list.`);
      const aliases = c.aliases?.length ? `  (also ${c.aliases.map((a) => `/${a}`).join(", ")})` : "";
      ctx.out.block(`/${c.name}${aliases}`, [c.summary, ...(c.usage ? [`Usage: ${c.usage}`] : [])]);
      return OK;
    }
    const width = Math.max(...ctx.commands.map((c) => c.name.length)) + 2;
    const rows = ctx.commands.map((c) => `/${c.name.padEnd(width)}${c.summary}`);
    const keys =
      ctx.mode === "tui"
        ? [
            "",
            "Enter sends · a trailing \\ or Ctrl-J adds a line · ↑/↓ history",
            "Tab completes @path · PgUp/PgDn scroll the transcript",
            "Esc or Ctrl-C interrupts · Ctrl-C twice on an empty prompt quits",
          ]
        : ["", "A trailing \\ continues the input on the next line · Ctrl-C interrupts · Ctrl-D quits"];
    ctx.out.block("Commands", [...rows, ...keys]);
    return OK;
  },
};
