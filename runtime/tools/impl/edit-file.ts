/**
 * edit_file(path, old_text, new_text, replace_all?): read, locate the edit with the patcher (strictest strategy
 * first, refusing ambiguity), write atomically. On a refusal the patcher's message (closest lines, what to send next)
 * goes back to the model unchanged. An empty old_text creates a file that does not exist.
 */
import { applyEdit } from "../../patch/index.js";
import { looksBinary } from "../../fs/binary.js";
import { numberLine, splitLines } from "../../fs/read.js";
import { commitWrite, openForWrite } from "../../fs/write.js";
import type { ToolOutcome } from "../types.js";
import { bool, fail, guarded, missing, str, type ToolArgs, type ToolContext } from "./context.js";

const EXAMPLE = '{"path": "src/a.ts", "old_text": "const x = 1;", "new_text": "const x = 2;"}';

/** A few numbered lines of the new content around the edit, so the model sees the result without another read. */
function excerpt(content: string, startLine: number, newText: string): string {
  const lines = splitLines(content);
  const from = Math.max(1, startLine - 2);
  const to = Math.min(lines.length, startLine + splitLines(newText).length + 1, from + 29);
  const width = String(lines.length).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(numberLine(n, lines[n - 1] ?? "", width));
  return out.join("\n");
}

export function editFileTool(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("edit_file", async () => {
    const path = str(args, "path");
    const oldText = str(args, "old_text");
    const newText = str(args, "new_text");
    if (path === undefined) return missing("edit_file", "path", EXAMPLE);
    if (oldText === undefined) return missing("edit_file", "old_text", EXAMPLE);
    if (newText === undefined) return missing("edit_file", "new_text", EXAMPLE);
    const opened = await openForWrite(ctx.workspace, path);
    if (!opened.ok) return fail(opened.message);
    const { target, current } = opened;
    if (current !== null && looksBinary(current))
      return fail(`${target.rel} is a binary file; edit_file only edits text.`);
    const text = current?.toString("utf8") ?? "";
    if (current !== null && !Buffer.from(text, "utf8").equals(current)) {
      return fail(
        `${target.rel} is not valid UTF-8; editing it as text would change bytes outside the edit. Use bash (e.g. iconv) or write_file.`,
      );
    }
    const result = applyEdit(text, oldText, newText, {
      replaceAll: bool(args, "replace_all"),
      fileExists: current !== null,
      fileName: target.rel,
    });
    if (!result.ok) return fail(result.message, { path: target.rel, reason: result.reason });
    const done = await commitWrite(
      ctx.workspace,
      target,
      result.content,
      opened.mode,
      ctx.beforeWrite ? { beforeWrite: ctx.beforeWrite } : {},
    );
    if (!done.ok) return fail(done.message);
    const how = result.strategy === "exact" || result.strategy === "create" ? "" : ` (matched by ${result.strategy})`;
    const head =
      current === null ? `Created ${target.rel}.` : `Edited ${target.rel} at line ${result.startLine}${how}.`;
    return {
      ok: true,
      output: `${head}\n${excerpt(result.content, result.startLine, newText)}`,
      data: { path: target.rel, strategy: result.strategy, startLine: result.startLine, filesTouched: [target.rel] },
    };
  });
}
