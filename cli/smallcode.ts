#!/usr/bin/env node
/**
 * `smallcode` entry point. Each subcommand lives in cli/commands/<name>.ts and is loaded on demand, so adding a
 * command never touches this file and start-up loads only what the command needs.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CommandIO, CommandModule } from "./command.js";

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), "commands");
const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

async function listCommands(): Promise<string[]> {
  const entries = await readdir(commandsDir).catch(() => [] as string[]);
  return entries
    .filter((f) => f.endsWith(ext) && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

async function loadCommand(name: string): Promise<CommandModule | undefined> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  const names = await listCommands();
  if (!names.includes(name)) return undefined;
  const mod = (await import(pathToFileURL(join(commandsDir, name + ext)).href)) as CommandModule;
  return mod;
}

async function printHelp(io: CommandIO): Promise<void> {
  const lines = ["Usage: smallcode <command> [options]", "", "Commands:"];
  for (const name of await listCommands()) {
    const mod = await loadCommand(name);
    lines.push(`  ${name.padEnd(10)} ${mod?.summary ?? ""}`);
  }
  lines.push("", "Run `smallcode <command> --help` for a command's options.");
  io.stdout.write(lines.join("\n") + "\n");
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  // No command (or only options such as --classic): the interactive SmallCode (cli/commands/interactive.ts).
  if (name === undefined || (name.startsWith("-") && !["--help", "-h", "--version", "-v"].includes(name))) {
    const interactive = await loadCommand("interactive");
    if (interactive) return interactive.run(argv, io);
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    await printHelp(io);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    const pkgUrl = new URL(ext === ".ts" ? "../package.json" : "../../package.json", import.meta.url);
    const { readFile } = await import("node:fs/promises");
    const pkg = JSON.parse(await readFile(pkgUrl, "utf8")) as { version: string };
    io.stdout.write(`smallcode ${pkg.version}\n`);
    return 0;
  }
  const mod = await loadCommand(name);
  if (!mod) {
    io.stderr.write(`smallcode: unknown command '${name}'. Run 'smallcode help' to list the commands.\n`);
    return 2;
  }
  return mod.run(rest, io);
}

const isEntry =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === (await realpathSafe(process.argv[1]));

async function realpathSafe(p: string): Promise<string> {
  const { realpath } = await import("node:fs/promises");
  return realpath(p).catch(() => p);
}

if (isEntry) {
  const io: CommandIO = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // A bug, not a user mistake: say so plainly, without a stack trace unless asked for.
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`smallcode: internal error: ${message}\n`);
      if (process.env["SMALLCODE_DEBUG"]) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
      process.exitCode = 1;
    },
  );
}
