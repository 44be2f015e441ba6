/**
 * Runs one validated tool call: a core tool implementation, or a shell-backed tool (ToolSpec.shell, `{{param}}`
 * shell-quoted) through the persistent shell and the bash tool's approval rules. Never throws.
 */
import type { ToolSpec, ToolOutcome } from "../tools/types.js";
import { CORE_TOOLS, bashTool, type ToolContext, type ToolImpl } from "../tools/impl/index.js";

/** Single-quotes a value for bash. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Fills a shell template: `{{param}}` becomes the shell-quoted argument (an absent argument becomes ''). */
export function fillShellTemplate(template: string, args: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => {
    const v = args[name];
    if (v === undefined || v === null) return "''";
    return shellQuote(typeof v === "string" ? v : JSON.stringify(v));
  });
}

export class ToolRunner {
  constructor(
    private readonly specs: ReadonlyMap<string, ToolSpec>,
    private readonly ctx: ToolContext,
    private readonly impls: Readonly<Record<string, ToolImpl>> = CORE_TOOLS,
  ) {}

  async run(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    const spec = this.specs.get(name);
    try {
      if (spec?.shell !== undefined) {
        const command = fillShellTemplate(spec.shell, args);
        const outcome = await bashTool({ command }, this.ctx);
        return { ...outcome, data: { ...outcome.data, command } };
      }
      const impl = this.impls[name];
      if (!impl) {
        return { ok: false, output: `The tool ${name} is declared but has no implementation. Use another tool.` };
      }
      return await impl(args, this.ctx);
    } catch (err) {
      return { ok: false, output: `${name} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}
