/** Helpers that drive a ContextEngine through a scripted session (synthetic reads, edits and shell runs). */
import type { ChatMessage } from "../../runtime/model/types.js";
import { ContextEngine, type ContextEngineOptions } from "../../runtime/context/engine.js";
import { estimateMessagesTokens, estimateTokens } from "../../runtime/context/tokens.js";
import type { AssembleResult, BudgetSpec } from "../../runtime/context/types.js";
import type { ToolSpec } from "../../runtime/tools/types.js";
import { toOpenAITool } from "../../runtime/tools/types.js";

let ids = 0;

export function fileText(lines: number, tag: string): string {
  return Array.from(
    { length: lines },
    (_, i) => `  const ${tag}_${i} = compute(${i}, "${tag}"); // line ${i + 1}`,
  ).join("\n");
}

export function read(engine: ContextEngine, path: string, content: string): string {
  const id = `c${ids++}`;
  engine.appendAssistant("", [{ id, name: "read_file", arguments: JSON.stringify({ path }) }]);
  engine.appendToolResult(id, content, { reads: [path] });
  return id;
}

export function edit(engine: ContextEngine, path: string, oldText: string, newText: string): string {
  const id = `c${ids++}`;
  const args = JSON.stringify({ path, old_text: oldText, new_text: newText });
  engine.appendAssistant("Editing.", [{ id, name: "edit_file", arguments: args }]);
  engine.appendToolResult(id, `Edited ${path}: 1 hunk.`, { writes: [path] });
  return id;
}

export function shell(engine: ContextEngine, command: string, output: string, ok = true): string {
  const id = `c${ids++}`;
  engine.appendAssistant("", [{ id, name: "bash", arguments: JSON.stringify({ command }) }]);
  engine.appendToolResult(id, output, { ok });
  return id;
}

export function makeEngine(
  window: number,
  budget: Partial<BudgetSpec> = {},
  extra: Partial<ContextEngineOptions> = {},
) {
  return new ContextEngine({
    window,
    system: "You are SmallCode, a careful coding agent. Use the tools to read, edit and test code.",
    task: "Fix the failing test in tests/math.test.ts.",
    budget: {
      name: "test",
      contextShare: 0.85,
      outputReserve: 512,
      safetyMargin: 64,
      toolResultChars: 4000,
      compactAt: 0.8,
      compactTo: 0.5,
      keepRecentTurns: 3,
      ...budget,
    },
    ...extra,
  });
}

/** Independent recount of an assembled request: messages plus tool schemas, calibrated as the engine does. */
export function recount(engine: ContextEngine, result: Extract<AssembleResult, { ok: true }>): number {
  const tools = result.tools.reduce((n, t) => n + estimateTokens(JSON.stringify(t)) + 4, 0);
  return engine.calibrator.adjust(estimateMessagesTokens(result.messages) + tools);
}

export function toolSpec(name: string, category: string, description = `The ${name} tool.`): ToolSpec {
  return {
    name,
    description,
    category,
    pure: category === "read" || category === "search",
    parameters: { type: "object", properties: { path: { type: "string", description: "A path." } }, required: [] },
    nameAliases: [],
    paramAliases: {},
    compact: `${name}(path)`,
  };
}

export function schemaTokens(tools: readonly ToolSpec[]): number {
  return tools.reduce((n, t) => n + estimateTokens(JSON.stringify(toOpenAITool(t))), 0);
}

export async function assembleOk(engine: ContextEngine, tools: readonly ToolSpec[] = []) {
  const r = await engine.assemble({ tools });
  if (!r.ok) throw new Error(`assemble failed: ${r.message}`);
  return r;
}

export function contents(messages: readonly ChatMessage[]): string {
  return messages.map((m) => m.content).join("\n");
}
