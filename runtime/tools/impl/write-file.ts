/** write_file(path, content): atomic write inside the root, keeping the mode; snapshots the file first. */
import { writeWithinRoot } from "../../fs/write.js";
import type { ToolOutcome } from "../types.js";
import { fail, guarded, missing, str, type ToolArgs, type ToolContext } from "./context.js";

export function writeFileTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("write_file", async () => {
    const path = str(args, "path");
    const content = str(args, "content");
    if (path === undefined) return missing("write_file", "path", '{"path": "src/new.ts", "content": "…"}');
    if (content === undefined) return missing("write_file", "content", '{"path": "src/new.ts", "content": "…"}');
    const r = await writeWithinRoot(
      ctx.workspace,
      path,
      content,
      ctx.beforeWrite ? { beforeWrite: ctx.beforeWrite } : {},
    );
    if (!r.ok) return fail(r.message);
    const lines = content === "" ? 0 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0);
    const verb = r.created ? "Created" : r.previous?.equals(Buffer.from(content)) ? "Rewrote (unchanged)" : "Overwrote";
    return {
      ok: true,
      output: `${verb} ${r.rel}: ${lines} lines, ${r.bytes} bytes.`,
      data: { path: r.rel, created: r.created, bytes: r.bytes, filesTouched: [r.rel] },
    };
  });
}
