/** grep(pattern, path?, include?, ignore_case?, literal?, context?): matches with line numbers and context. */
import { grepFiles, type GrepOptions } from "../../fs/grep.js";
import type { ToolOutcome } from "../types.js";
import { bool, fail, guarded, int, missing, str, type ToolArgs, type ToolContext } from "./context.js";

export function grepTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("grep", async () => {
    const pattern = str(args, "pattern");
    if (pattern === undefined) return missing("grep", "pattern", '{"pattern": "function main", "include": "*.ts"}');
    const options: GrepOptions = {
      ignoreCase: bool(args, "ignore_case"),
      literal: bool(args, "literal"),
      forceJs: ctx.forceJsSearch ?? false,
    };
    const path = str(args, "path");
    const include = str(args, "include");
    const context = int(args, "context");
    if (path !== undefined) options.path = path;
    if (include !== undefined) options.include = include;
    if (context !== undefined) options.context = context;
    if (ctx.grepCap !== undefined) options.maxMatches = ctx.grepCap;
    const r = await grepFiles(ctx.workspace, pattern, options);
    if (!r.ok) return fail(r.message);
    return {
      ok: true,
      output: r.text,
      data: { matches: r.matches, files: r.files, omitted: r.omitted, engine: r.engine },
    };
  });
}
