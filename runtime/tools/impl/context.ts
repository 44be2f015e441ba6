/**
 * What the core tools run against: the workspace (root, file I/O, path policy), the snapshot hook, the persistent
 * shell and the approval callback. Each tool is `(args, ctx) => Promise<ToolOutcome>` and never throws.
 */
import type { Workspace } from "../../fs/workspace.js";
import type { BeforeWrite } from "../../fs/write.js";
import type { Classification } from "../../shell/classify.js";
import type { ShellSession } from "../../shell/session.js";
import type { ToolOutcome } from "../types.js";

export interface ToolContext {
  workspace: Workspace;
  /** Called before every write (a SnapshotStore's `beforeWrite`). */
  beforeWrite?: BeforeWrite;
  /** The persistent shell (the bash tool needs one). */
  shell?: ShellSession;
  /** Asked for commands classified "needs_approval"; without it those commands are refused. */
  approve?: (command: string, classification: Classification) => Promise<boolean>;
  /** Characters of file text read_file may show (default 20,000). */
  readBudgetChars?: number;
  /** Use the JS search and listing paths even when rg/git exist. */
  forceJsSearch?: boolean;
  /** Entries shown by list_dir/glob (default 200) and matches by grep (default 100). */
  listCap?: number;
  grepCap?: number;
}

export type ToolArgs = Record<string, unknown>;

export type ToolImpl = (args: ToolArgs, ctx: ToolContext) => Promise<ToolOutcome>;

export function fail(output: string, data?: Record<string, unknown>): ToolOutcome {
  return data ? { ok: false, output, data } : { ok: false, output };
}

/** A string argument; numbers are accepted and stringified. */
export function str(args: ToolArgs, name: string): string | undefined {
  const v = args[name];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

/** An integer argument ("12" accepted); undefined when absent or not a number. */
export function int(args: ToolArgs, name: string): number | undefined {
  const v = args[name];
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

export function bool(args: ToolArgs, name: string): boolean {
  const v = args[name];
  return v === true || v === "true" || v === 1 || v === "1";
}

/** Runs a tool body, turning any unexpected exception into a failed outcome (tools never throw). */
export async function guarded(name: string, body: () => Promise<ToolOutcome>): Promise<ToolOutcome> {
  try {
    return await body();
  } catch (err) {
    return fail(`${name} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function missing(tool: string, arg: string, example: string): ToolOutcome {
  return fail(`${tool}: the argument "${arg}" is required. Example: ${example}`);
}
