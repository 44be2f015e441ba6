/**
 * The ablation switches (`disable` on AgentOptions, `--disable NAME` and `--naive` in `smallcode bench`): what the loop
 * uses instead of each of SmallCode's compensation layers, so the benchmark can show what each layer buys.
 *
 * - parser off: only native tool_calls whose arguments pass a strict `JSON.parse`, plus fenced JSON blocks
 *   (```json {"name": …, "arguments": {…}} ```); tool names must match exactly; no repair, aliases or coercion.
 * - patch off: edit_file applies `old_text` only where it occurs exactly once (no fuzzy strategies, plain refusals).
 * - guards off: an empty detector registry (agent.ts).
 * - context off: no eviction or compaction, only a hard cut of the oldest messages (naive-context.ts).
 */
import { commitWrite, openForWrite } from "../fs/write.js";
import type { OpenAITool } from "../model/types.js";
import { fail, guarded, missing, str, type ToolArgs, type ToolContext } from "../tools/impl/context.js";
import { CORE_TOOLS, type ToolImpl } from "../tools/impl/index.js";
import type { ToolOutcome } from "../tools/types.js";
import type { ParsedToolCall, ToolCallDiagnostic, ToolCallInput, ToolCallParseResult } from "../toolcall/types.js";

export const ABLATION_LAYERS = ["parser", "patch", "guards", "context"] as const;
/** A compensation layer the loop can run without. */
export type AblationLayer = (typeof ABLATION_LAYERS)[number];

/** Prompt-mode tool instructions for the strict parser: the only text format it reads is fenced JSON. */
export const STRICT_PROMPT_MODE_TOOLS = [
  "# Tools",
  "You can call these tools:",
  "{{tools}}",
  "",
  "To call a tool, write exactly one fenced JSON block per call:",
  "```json",
  '{"name": "read_file", "arguments": {"path": "src/app.py"}}',
  "```",
  "The result comes back in the next message. When the task is done, answer without any tool call.",
].join("\n");

const FENCED_JSON = /```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/g;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function strictCall(
  name: unknown,
  args: unknown,
  names: ReadonlySet<string>,
  format: "native" | "fenced-json",
): ParsedToolCall | ToolCallDiagnostic {
  const tool = typeof name === "string" ? name : "";
  if (!names.has(tool)) {
    return { code: "unknown_tool", message: `Unknown tool "${tool}".`, format, ...(tool ? { tool } : {}) };
  }
  let value: unknown = args ?? {};
  if (typeof args === "string") {
    try {
      value = args.trim() === "" ? {} : JSON.parse(args);
    } catch {
      return { code: "unreadable_arguments", message: `The arguments of ${tool} are not valid JSON.`, format, tool };
    }
  }
  if (!isObject(value)) {
    return { code: "invalid_arguments", message: `The arguments of ${tool} must be a JSON object.`, format, tool };
  }
  return { name: tool, arguments: value, format, repairs: [] };
}

/** The parser with SmallCode's forgiving layer off: native calls with strict JSON, else fenced JSON blocks. */
export function parseStrict(input: ToolCallInput, tools: readonly OpenAITool[]): ToolCallParseResult {
  const names = new Set(tools.map((t) => t.function.name));
  const calls: ParsedToolCall[] = [];
  const diagnostics: ToolCallDiagnostic[] = [];
  const keep = (r: ParsedToolCall | ToolCallDiagnostic): void => {
    if ("code" in r) diagnostics.push(r);
    else calls.push(r);
  };
  const text = typeof input.text === "string" ? input.text : "";
  const natives = Array.isArray(input.nativeToolCalls) ? input.nativeToolCalls : [];
  if (natives.length > 0) {
    for (const n of natives) keep(strictCall(n.name, n.arguments, names, "native"));
    return { calls, diagnostics, text };
  }
  let rest = text;
  for (const m of text.matchAll(FENCED_JSON)) {
    let value: unknown;
    try {
      value = JSON.parse(m[1] ?? "");
    } catch {
      continue; // a fenced block that is not JSON is prose (code shown to the user)
    }
    if (!isObject(value) || typeof value["name"] !== "string") continue;
    keep(strictCall(value["name"], value["arguments"], names, "fenced-json"));
    rest = rest.replace(m[0], "");
  }
  return { calls, diagnostics, text: rest.trim() };
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** edit_file with the patcher off: `old_text` must occur exactly once, byte for byte. */
export function exactEditFile(args: ToolArgs, ctx: ToolContext): Promise<ToolOutcome> {
  return guarded("edit_file", async () => {
    const example = '{"path": "src/a.ts", "old_text": "const x = 1;", "new_text": "const x = 2;"}';
    const path = str(args, "path");
    const oldText = str(args, "old_text");
    const newText = str(args, "new_text");
    if (path === undefined) return missing("edit_file", "path", example);
    if (oldText === undefined) return missing("edit_file", "old_text", example);
    if (newText === undefined) return missing("edit_file", "new_text", example);
    const opened = await openForWrite(ctx.workspace, path);
    if (!opened.ok) return fail(opened.message);
    const { target, current } = opened;
    const text = current?.toString("utf8") ?? "";
    let content: string;
    if (current === null) {
      if (oldText !== "") return fail(`${target.rel} does not exist.`);
      content = newText;
    } else {
      const n = oldText === "" ? 0 : countOccurrences(text, oldText);
      if (n === 0) return fail(`old_text was not found in ${target.rel}.`, { path: target.rel, reason: "not_found" });
      if (n > 1) return fail(`old_text occurs ${n} times in ${target.rel}.`, { path: target.rel, reason: "ambiguous" });
      content = text.replace(oldText, () => newText);
    }
    const done = await commitWrite(
      ctx.workspace,
      target,
      content,
      opened.mode,
      ctx.beforeWrite ? { beforeWrite: ctx.beforeWrite } : {},
    );
    if (!done.ok) return fail(done.message);
    const head = current === null ? `Created ${target.rel}.` : `Edited ${target.rel}.`;
    return {
      ok: true,
      output: `${head}\n${newText}`,
      data: { path: target.rel, strategy: current === null ? "create" : "exact", filesTouched: [target.rel] },
    };
  });
}

/** The core tools, with edit_file replaced by the exact-only version when the patch layer is off. */
export function toolImpls(disabled: ReadonlySet<AblationLayer>): Readonly<Record<string, ToolImpl>> {
  return disabled.has("patch") ? { ...CORE_TOOLS, edit_file: exactEditFile } : CORE_TOOLS;
}
