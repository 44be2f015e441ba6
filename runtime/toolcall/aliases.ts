/** Building parser options from the agent's declared tools (their nameAliases and paramAliases). */
import type { ToolSpec } from "../tools/types.js";
import type { ToolCallParseOptions } from "./types.js";

export function aliasOptionsFromSpecs(
  specs: readonly Pick<ToolSpec, "name" | "nameAliases" | "paramAliases">[],
): ToolCallParseOptions {
  const tools: Record<string, string[]> = {};
  const params: Record<string, Record<string, string[]>> = {};
  for (const s of specs) {
    if (s.nameAliases.length > 0) tools[s.name] = [...s.nameAliases];
    if (Object.keys(s.paramAliases).length > 0) params[s.name] = { ...s.paramAliases };
  }
  return { aliases: { tools, params } };
}
