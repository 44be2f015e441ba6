/** /plan: the agent's TODO list, as kept in .smallcode/todo.md. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { TODO_FILE } from "../../runtime/planning/todo-file.js";
import { OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "plan",
  aliases: ["todo"],
  summary: "Show the TODO list the agent keeps (.smallcode/todo.md)",
  async run(_args, ctx) {
    const text = await readFile(join(ctx.session.cwd, TODO_FILE), "utf8").catch(() => undefined);
    if (text === undefined || text.trim() === "") {
      ctx.out.print("No TODO list yet: the agent writes one with todo_write on multi-step tasks.", "dim");
      return OK;
    }
    const items = text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("<!--") && !l.startsWith("# "));
    ctx.out.print(`TODO (${TODO_FILE})`, "heading");
    for (const l of items) {
      const done = /^\s*[-*]\s*\[[xX]\]/.test(l);
      const active = /^\s*[-*]\s*\[[~>]\]/.test(l);
      ctx.out.print(l, done ? "dim" : active ? "accent" : "plain");
    }
    return OK;
  },
};
