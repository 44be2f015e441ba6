/** list_dir(path?): a directory's visible children (gitignore respected), sorted, capped. */
import { listDir } from "../../fs/list.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, str, type ToolArgs, type ToolContext } from "./context.js";

export function listDirTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("list_dir", async () => {
    const options: Parameters<typeof listDir>[2] = { forceJs: ctx.forceJsSearch ?? false };
    if (ctx.listCap !== undefined) options.cap = ctx.listCap;
    const r = await listDir(ctx.workspace, str(args, "path"), options);
    if (!r.ok) return fail(r.message);
    return { ok: true, output: r.text, data: { entries: r.entries.length, omitted: r.omitted, engine: r.engine } };
  });
}
