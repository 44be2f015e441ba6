/** /memory: the agent's working-memory notes (.smallcode/memory.md), pinned in its context across compaction. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { MEMORY_FILE } from "../../runtime/planning/memory.js";
import { OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "memory",
  summary: "Show the agent's working-memory notes (.smallcode/memory.md)",
  async run(_args, ctx) {
    const text = await readFile(join(ctx.session.cwd, MEMORY_FILE), "utf8").catch(() => undefined);
    if (text === undefined || text.trim() === "") {
      ctx.out.print("No notes yet: the agent keeps them with its memory tool.", "dim");
      return OK;
    }
    ctx.out.block(`Memory (${MEMORY_FILE})`, text.replace(/\s+$/, "").split("\n"));
    return OK;
  },
};
