/** Prompt-mode tool descriptions: the tools offered this step, one compact line each, inside the declared instructions. */
import type { ToolSpec } from "../tools/types.js";
import { fill, FALLBACK_TOOLS_PROMPT } from "./defaults.js";

export function toolsInPrompt(tools: readonly ToolSpec[], template: string = FALLBACK_TOOLS_PROMPT): string {
  return fill(template, { tools: tools.map((t) => `- ${t.compact}`).join("\n") });
}
