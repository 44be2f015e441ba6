#!/usr/bin/env node
/**
 * `marrowc`: the MarrowScript compiler's command line.
 *   marrowc build [--check] [--out DIR] [--watch]
 *   marrowc check FILE… [--format json]
 * Exit codes: 0 success, 1 diagnostics (or stale output with --check), 2 usage error. Never a stack trace.
 */
import { realpath } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, checkSources, type BuildOutcome } from "../compiler/build.js";
import { diskImportResolver, readNamedFiles } from "../compiler/build-sources.js";
import { watchSources } from "../compiler/build-watch.js";
import { isStale } from "../compiler/build-write.js";
import { diagnosticsToJson, hasErrors, renderDiagnostics } from "../compiler/diagnostics/index.js";
import type { CommandIO } from "./command.js";

const USAGE = `Usage:
  marrowc build [--check] [--out DIR] [--watch]   compile marrow/ (or .smallcode/marrow/) into generated code
  marrowc check FILE… [--format json]             report diagnostics for .marrow files
  marrowc help

See docs/marrowc.md for the override rules and what is emitted.`;

export async function main(argv: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    (command === undefined ? io.stderr : io.stdout).write(USAGE + "\n");
    return command === undefined ? 2 : 0;
  }
  if (command === "build") return runBuild(rest, io, signal);
  if (command === "check") return runCheck(rest, io);
  return usage(io, `unknown command '${command}'`);
}

function usage(io: CommandIO, problem: string): number {
  io.stderr.write(`marrowc: ${problem}\n\n${USAGE}\n`);
  return 2;
}

interface BuildArgs {
  check: boolean;
  watch: boolean;
  out?: string;
}

function parseBuildArgs(argv: string[]): BuildArgs | string {
  const args: BuildArgs = { check: false, watch: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--check") args.check = true;
    else if (arg === "--watch" || arg === "-w") args.watch = true;
    else if (arg === "--out" || arg === "-o") {
      const dir = argv[++i];
      if (dir === undefined || dir.startsWith("-")) return "--out needs a directory, e.g. --out generated";
      args.out = dir;
    } else if (arg.startsWith("--out=")) args.out = arg.slice("--out=".length);
    else return `unknown option '${arg}' for build`;
  }
  if (args.check && args.watch) return "--check and --watch cannot be combined";
  return args;
}

async function runBuild(argv: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const args = parseBuildArgs(argv);
  if (typeof args === "string") return usage(io, args);
  const once = async (): Promise<number> => {
    const outcome = await build(io.cwd, { check: args.check, ...(args.out === undefined ? {} : { out: args.out }) });
    return report(outcome, io);
  };
  if (!args.watch) return once();
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  signal?.addEventListener("abort", stop, { once: true });
  process.once("SIGINT", stop);
  io.stdout.write("marrowc: watching for changes (Ctrl-C to stop)\n");
  await watchSources({ cwd: io.cwd, signal: controller.signal, rebuild: async () => void (await once()) });
  process.off("SIGINT", stop);
  return 0;
}

function report(outcome: BuildOutcome, io: CommandIO): number {
  if (outcome.kind === "error") {
    io.stderr.write(`marrowc: ${outcome.message}\n`);
    return outcome.message.startsWith("nothing to build") ? 2 : 1;
  }
  const { rendered, plan } = outcome;
  if (rendered.diagnostics.length > 0)
    io.stderr.write(renderDiagnostics(rendered.diagnostics, rendered.sources) + "\n");
  const outDir = relative(io.cwd, plan.outDir) || ".";
  if (outcome.kind === "diagnostics") {
    io.stderr.write(`marrowc: build failed; ${outDir}/ was not changed.\n`);
    return 1;
  }
  if (outcome.kind === "checked") {
    const { stale } = outcome;
    if (!isStale(stale)) {
      io.stdout.write(`marrowc: ${outDir}/ is up to date (${rendered.files?.size ?? 0} files).\n`);
      return 0;
    }
    const lines = [
      ...stale.missing.map((f) => `  ${outDir}/${f} (missing)`),
      ...stale.changed.map((f) => `  ${outDir}/${f} (out of date)`),
      ...stale.extra.map((f) => `  ${outDir}/${f} (no longer generated)`),
    ];
    io.stderr.write(
      `marrowc: ${outDir}/ is stale:\n${lines.join("\n")}\nRun \`marrowc build\` and commit the result.\n`,
    );
    return 1;
  }
  const { written, unchanged, removed } = outcome.write;
  const removedText = removed.length > 0 ? `, removed ${removed.length}` : "";
  io.stdout.write(
    `marrowc: wrote ${written.length} file(s) to ${outDir}/ (${unchanged.length} unchanged${removedText}).\n`,
  );
  return hasErrors(rendered.diagnostics) ? 1 : 0;
}

async function runCheck(argv: string[], io: CommandIO): Promise<number> {
  const files: string[] = [];
  let format: "text" | "json" = "text";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--format") {
      const value = argv[++i];
      if (value !== "json" && value !== "text") return usage(io, "--format takes json or text");
      format = value;
    } else if (arg === "--format=json" || arg === "--format=text") format = arg.slice(9) as "json" | "text";
    else if (arg.startsWith("-")) return usage(io, `unknown option '${arg}' for check`);
    else files.push(arg);
  }
  if (files.length === 0) return usage(io, "check needs at least one .marrow file");
  const { sources, missing } = await readNamedFiles(io.cwd, files);
  if (missing.length > 0) {
    io.stderr.write(`marrowc: cannot read ${missing.join(", ")}: no such file (paths are relative to ${io.cwd}).\n`);
    return 2;
  }
  const checked = checkSources(sources, diskImportResolver(io.cwd));
  if (format === "json") io.stdout.write(diagnosticsToJson(checked.diagnostics) + "\n");
  else if (checked.diagnostics.length > 0)
    io.stderr.write(renderDiagnostics(checked.diagnostics, checked.sources) + "\n");
  else io.stdout.write(`marrowc: ${files.length} file(s) checked, no problems.\n`);
  return hasErrors(checked.diagnostics) ? 1 : 0;
}

const isEntry =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === (await realpath(process.argv[1]).catch(() => ""));

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
      process.stderr.write(`marrowc: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
