/** Prompt-mode tool descriptions: the tools offered this step, one compact line each, inside the declared instructions. */
import type { ToolSpec } from "../tools/types.js";
import { fill, PROMPT_MODE_TOOLS } from "./marrow-pending.js";

export function toolsInPrompt(tools: readonly ToolSpec[], template: string = PROMPT_MODE_TOOLS): string {
  return fill(template, { tools: tools.map((t) => `- ${t.compact}`).join("\n") });
}
