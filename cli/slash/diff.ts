/** /diff: what this session changed, file by file, as unified diffs against the state before its first edit. */
import { capLines, diffLines, printLines } from "./format.js";
import { OK, type SlashCommand } from "./types.js";

const MAX_LINES_PER_FILE = 200;

export const command: SlashCommand = {
  name: "diff",
  summary: "Show what this session changed (unified diff per file); /diff --stat for a summary",
  usage: "/diff [--stat] [path]",
  async run(args, ctx) {
    const stat = /(^|\s)--stat(\s|$)/.test(args);
    const only = args.replace(/--stat/, "").trim();
    const changes = (await ctx.session.fileChanges()).filter((c) => only === "" || c.path === only);
    if (changes.length === 0) {
      ctx.out.print(only ? `This session did not change ${only}.` : "This session has not changed any file.", "dim");
      return OK;
    }
    for (const c of changes) {
      const body = diffLines(c.before ?? "", c.after ?? "");
      const added = body.filter((l) => l.style === "add").length;
      const removed = body.filter((l) => l.style === "del").length;
      const what = c.before === null ? "created" : c.after === null ? "deleted" : "modified";
      ctx.out.print(`${c.path}  ${what}  +${added} -${removed}`, "accent");
      if (!stat) printLines(ctx.out, capLines(body, MAX_LINES_PER_FILE));
    }
    return OK;
  },
};
