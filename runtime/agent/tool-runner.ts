/**
 * Runs one validated tool call: a core tool implementation, or a shell-backed tool (ToolSpec.shell, `{{param}}`
 * shell-quoted) through the persistent shell and the bash tool's approval rules. Every call has a time limit: the
 * tool's declared `timeout` (ToolSpec.timeoutMs), else the agent's `loop { tool_timeout }`. Shell commands get it as
 * the shell's own limit (so the command and its children are killed); in-process tools are raced against it. Never
 * throws.
 */
import type { ToolSpec, ToolOutcome } from "../tools/types.js";
import { CORE_TOOLS, bashTool, type ToolContext, type ToolImpl } from "../tools/impl/index.js";
import { fill } from "./defaults.js";
import { noRedaction, redactOutcome, type Redact } from "../security/redact.js";

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

export interface ToolTimeouts {
  /** For tools that declare no `timeout`, in milliseconds. */
  defaultMs: number;
  /** The answer when a call runs out of time: `{{tool}}`, `{{seconds}}` (the agent's `tool_timeout` message). */
  message: string;
  /** The user's `shell.timeout`: the limit of a bash command that names none of its own (wins over declarations). */
  shellMs?: number;
}

/** Extra time a shell command gets before the race gives up on it: the shell's own kill should come first. */
const SHELL_GRACE_MS = 5000;

export class ToolRunner {
  constructor(
    private readonly specs: ReadonlyMap<string, ToolSpec>,
    private readonly ctx: ToolContext,
    private readonly impls: Readonly<Record<string, ToolImpl>> = CORE_TOOLS,
    private readonly timeouts: ToolTimeouts = {
      defaultMs: 600_000,
      message: "{{tool}} timed out after {{seconds}} s.",
    },
    /** Applied to every outcome: known secret values never reach the model, the log or events (docs/security.md). */
    private readonly redact: Redact = noRedaction,
  ) {}

  async run(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    return redactOutcome(await this.runUnredacted(name, args), this.redact);
  }

  private async runUnredacted(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    const spec = this.specs.get(name);
    const limitMs = spec?.timeoutMs ?? this.timeouts.defaultMs;
    try {
      if (spec?.shell !== undefined) {
        const command = fillShellTemplate(spec.shell, args);
        const outcome = await this.race(name, bashTool({ command, timeout: seconds(limitMs) }, this.ctx), limitMs);
        return { ...outcome, data: { ...outcome.data, command } };
      }
      const impl = this.impls[name];
      if (!impl) {
        return { ok: false, output: `The tool ${name} is declared but has no implementation. Use another tool.` };
      }
      if (name === "bash") {
        // The model's own `timeout` (seconds) wins; the declared limit applies when it gives none.
        const given = typeof args["timeout"] === "number" && args["timeout"] > 0 ? args["timeout"] * 1000 : undefined;
        const ms = given ?? this.timeouts.shellMs ?? limitMs;
        return await this.race(name, impl({ ...args, timeout: seconds(ms) }, this.ctx), ms + SHELL_GRACE_MS);
      }
      return await this.race(name, impl(args, this.ctx), limitMs);
    } catch (err) {
      return { ok: false, output: `${name} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  private async race(name: string, work: Promise<ToolOutcome>, ms: number): Promise<ToolOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ToolOutcome>((resolve) => {
      timer = setTimeout(() => {
        const output = fill(this.timeouts.message, { tool: name, seconds: seconds(ms) });
        resolve({ ok: false, output, data: { timedOut: true } });
      }, ms);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
