/** /budget: the context window as a bar, with the share of system prompt, tools, history, tool results and free. */
import { budgetLines, printLines } from "./format.js";
import { OK, type SlashCommand } from "./types.js";

export const command: SlashCommand = {
  name: "budget",
  aliases: ["context"],
  summary: "The context window: system, tools, history, tool results and free space",
  async run(_args, ctx) {
    const b = ctx.session.budget();
    if (!b) {
      const w = ctx.session.endpoint().contextWindow;
      ctx.out.print(
        `No request sent yet${w ? ` (context window ${w} tokens)` : ""}: the breakdown appears after the first prompt.`,
        "dim",
      );
      return OK;
    }
    printLines(ctx.out, budgetLines(b));
    return OK;
  },
};
