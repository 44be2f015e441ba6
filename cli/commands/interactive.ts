/**
 * `smallcode` with no task: the interactive SmallCode. In a terminal it is the fullscreen TUI; with `--classic`, or
 * when stdin or stdout is not a terminal, it is the readline interface (plain output when piped). Both run the same
 * slash commands against the same InteractiveSession.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { SmallCodeOptions } from "../api.js";
import type { CommandIO } from "../command.js";
import { loadSlashCommands } from "../slash/registry.js";
import { InteractiveSession } from "../slash/session.js";
import type { Approver } from "../../runtime/agent/types.js";

export const summary = "The interactive SmallCode (also what `smallcode` alone starts): fullscreen TUI, or --classic";

const HELP = `Usage: smallcode [options]            (or: smallcode interactive [options])

Starts the interactive SmallCode: the fullscreen terminal UI in a terminal, the classic line interface with
--classic or when input or output is not a terminal (plain text when piped). Type a task, or /help.

Options:
  --classic          the readline interface instead of the fullscreen UI
  --base-url URL     OpenAI-compatible endpoint (env SMALLCODE_BASE_URL; default: find a local server)
  --model NAME       model id (env SMALLCODE_MODEL; default: the server's model)
  --tool-mode MODE   native or prompt tool calling (default: probe once per model)
  --yes, -y          approve every command that needs approval without asking
  --continue, -c     continue the latest session
  --resume ID        continue the session ID
  --max-turns N      model turns per prompt
  --cwd DIR          the project directory (default: the current directory)
  --help, -h         show this help`;

interface Parsed {
  classic: boolean;
  options: SmallCodeOptions;
  resume?: string;
}

function parse(argv: string[], io: CommandIO): Parsed | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        classic: { type: "boolean" },
        "base-url": { type: "string" },
        model: { type: "string" },
        "tool-mode": { type: "string" },
        yes: { type: "boolean", short: "y" },
        continue: { type: "boolean", short: "c" },
        resume: { type: "string" },
        "max-turns": { type: "string" },
        cwd: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { help: true };
  const mode = values["tool-mode"];
  if (mode !== undefined && mode !== "native" && mode !== "prompt")
    return { error: `--tool-mode expects native or prompt, got "${mode}"` };
  const maxTurns = values["max-turns"] === undefined ? undefined : Number(values["max-turns"]);
  if (maxTurns !== undefined && (!Number.isInteger(maxTurns) || maxTurns < 1))
    return { error: `--max-turns expects a positive whole number, got "${values["max-turns"]}"` };
  const options: SmallCodeOptions = {
    cwd: values.cwd ? resolve(io.cwd, values.cwd) : io.cwd,
    env: io.env,
    ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(mode ? { toolMode: mode } : {}),
    ...(values.yes ? { yes: true } : {}),
    ...(maxTurns !== undefined ? { maxTurns } : {}),
  };
  const resumeId = values.resume ?? (values.continue ? "latest" : undefined);
  return { classic: values.classic === true, options, ...(resumeId ? { resume: resumeId } : {}) };
}

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parse(argv, io);
  if ("help" in parsed) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if ("error" in parsed) {
    io.stderr.write(`smallcode: ${parsed.error}. Run 'smallcode --help'.\n`);
    return 2;
  }
  let approver: Approver | undefined;
  const session = new InteractiveSession({
    base: parsed.options,
    approve: (command, classification, messages) =>
      approver ? approver(command, classification, messages) : Promise.resolve("deny"),
  });
  const loaded = await loadSlashCommands();
  const notices = [...loaded.problems];
  const problem = await session.init();
  if (problem) notices.push(problem);
  if (parsed.resume) {
    const r = await session.resume(parsed.resume);
    notices.push(r.ok ? `Continuing session ${session.id}: ${r.task}` : r.message);
  }
  const fullscreen = !parsed.classic && isTty(io.stdin) && isTty(io.stdout) && process.stdout === io.stdout;
  if (fullscreen) {
    const { importWithoutCiFlag } = await import("../tui/ci-env.js");
    const { runTui } = await importWithoutCiFlag(() => import("../tui/run-tui.js"));
    return runTui({
      session,
      commands: loaded.commands,
      env: io.env,
      notices,
      bind: (c) => {
        approver = c.approve;
      },
    });
  }
  const { runClassic } = await import("../classic/classic.js");
  return runClassic({
    session,
    commands: loaded.commands,
    io,
    notices,
    bind: (a) => {
      approver = a;
    },
  });
}
