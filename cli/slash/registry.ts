/**
 * The slash-command registry: loads every module in cli/slash/ (this folder) and registers what it exports as
 * `command` or `commands`. Framework files (types, registry, suggest …) export neither and are ignored, so adding a
 * command is adding a file. Dispatch parses `/name args`, resolves aliases, and answers an unknown name with the
 * closest real one.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { closestCommand } from "./suggest.js";
import type { SlashCommand, SlashContext, SlashModule, SlashResult } from "./types.js";

const here = dirname(fileURLToPath(import.meta.url));
const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

export interface LoadedCommands {
  commands: SlashCommand[];
  /** Files that failed to load or clashed with another command, in words for the user. */
  problems: string[];
}

function isCommand(value: unknown): value is SlashCommand {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<SlashCommand>;
  return typeof v.name === "string" && typeof v.summary === "string" && typeof v.run === "function";
}

/** Imports every command module in `dir` (default: cli/slash/), sorted by name. */
export async function loadSlashCommands(dir: string = here): Promise<LoadedCommands> {
  const problems: string[] = [];
  const files = (await readdir(dir).catch(() => [] as string[]))
    .filter((f) => f.endsWith(ext) && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort();
  const found: SlashCommand[] = [];
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as SlashModule;
      for (const c of [mod.command, ...(mod.commands ?? [])]) if (isCommand(c)) found.push(c);
    } catch (err) {
      problems.push(
        `The slash command file ${file} failed to load: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return { commands: registerAll(found, problems), problems };
}

/** Drops commands whose name or alias is already taken (first file wins), saying so. */
export function registerAll(found: readonly SlashCommand[], problems: string[] = []): SlashCommand[] {
  const taken = new Map<string, string>();
  const out: SlashCommand[] = [];
  for (const c of found) {
    const names = [c.name, ...(c.aliases ?? [])].map((n) => n.toLowerCase());
    const clash = names.find((n) => taken.has(n));
    if (clash !== undefined) {
      problems.push(`/${clash} is defined twice (by /${taken.get(clash)} and /${c.name}); the second is ignored.`);
      continue;
    }
    for (const n of names) taken.set(n, c.name);
    out.push(c);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The command `name` names (by name or alias), if any. */
export function findCommand(commands: readonly SlashCommand[], name: string): SlashCommand | undefined {
  const n = name.toLowerCase();
  return commands.find((c) => c.name === n || (c.aliases ?? []).includes(n));
}

/** Splits "/name rest of line" into its parts; undefined when the line is not a slash command. */
export function parseSlash(line: string): { name: string; args: string } | undefined {
  const m = /^\/([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(line.trim());
  if (!m) return undefined;
  return { name: (m[1] ?? "").toLowerCase(), args: (m[2] ?? "").trim() };
}

/** True for input the modes should hand to dispatchSlash rather than to the model. */
export function isSlashInput(line: string): boolean {
  return /^\/[A-Za-z]/.test(line.trim());
}

/** Runs one slash line; unknown names get a did-you-mean. Never throws: a crashing command becomes a message. */
export async function dispatchSlash(line: string, ctx: SlashContext): Promise<SlashResult> {
  const parsed = parseSlash(line);
  if (!parsed) return { ok: false, message: `Not a command: ${line.trim()}. Type /help for the list.` };
  const command = findCommand(ctx.commands, parsed.name);
  if (!command) {
    const names = ctx.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    const near = closestCommand(parsed.name, names);
    const hint = near !== undefined ? ` Did you mean /${near}?` : "";
    return { ok: false, message: `Unknown command /${parsed.name}.${hint} Type /help for the list.` };
  }
  try {
    return await command.run(parsed.args, ctx);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `/${command.name} failed: ${why}` };
  }
}
