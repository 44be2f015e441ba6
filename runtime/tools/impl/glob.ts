/** glob(pattern, path?): matching files (gitignore respected), sorted, capped. */
import { globFiles, type GlobOptions } from "../../fs/list.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, missing, str, type ToolArgs, type ToolContext } from "./context.js";

export function globTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("glob", async () => {
    const pattern = str(args, "pattern");
    if (pattern === undefined) return missing("glob", "pattern", '{"pattern": "src/**/*.ts"}');
    const options: GlobOptions = { forceJs: ctx.forceJsSearch ?? false };
    const path = str(args, "path");
    if (path !== undefined) options.path = path;
    if (ctx.listCap !== undefined) options.cap = ctx.listCap;
    const r = await globFiles(ctx.workspace, pattern, options);
    if (!r.ok) return fail(r.message);
    return { ok: true, output: r.text, data: { matches: r.entries.length, omitted: r.omitted, engine: r.engine } };
  });
}
