/** read_file(path, start_line?, end_line?): numbered lines, an outline for large files, a line for binaries. */
import { readForModel } from "../../fs/read.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, int, missing, str, type ToolArgs, type ToolContext } from "./context.js";

export function readFileTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("read_file", async () => {
    const path = str(args, "path");
    if (path === undefined) return missing("read_file", "path", '{"path": "src/index.ts"}');
    const options: Parameters<typeof readForModel>[2] = {};
    const start = int(args, "start_line");
    const end = int(args, "end_line");
    if (start !== undefined) options.startLine = start;
    if (end !== undefined) options.endLine = end;
    if (ctx.readBudgetChars !== undefined) options.budgetChars = ctx.readBudgetChars;
    const r = await readForModel(ctx.workspace, path, options);
    if (!r.ok) return fail(r.message);
    return { ok: true, output: r.text, data: { path: r.rel, kind: r.kind, totalLines: r.totalLines, shown: r.shown } };
  });
}
