/**
 * `smallcode run "task"`: runs the agent headless. Progress goes to stderr; `--json` writes one event per line to
 * stdout. Exit codes: 0 the task finished; 1 an error; 2 a usage error; 3 a limit ended the run; 4 the model's replies
 * could not be read; 130 interrupted. Failures end with one line saying why, never a stack trace.
 */
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { fill } from "../../runtime/agent/defaults.js";
import type { ApprovalDecision, Approver, ExitReason } from "../../runtime/agent/types.js";
import { SmallCode, type SmallCodeOptions } from "../api.js";
import type { CommandIO } from "../command.js";
import { renderProgress } from "../render/progress.js";

export const summary = 'Run a task headless: smallcode run "fix the failing test" [--yes] [--json]';

const HELP = `Usage: smallcode run "task" [options]

Runs the agent on a task in the current repository, headless. Progress goes to stderr.

Options:
  --base-url URL     OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (env SMALLCODE_BASE_URL;
                     default: find a local server: Ollama, LM Studio, llama.cpp, vLLM, Jan)
  --model NAME       model id (env SMALLCODE_MODEL; default: the server's model)
  --yes, -y          approve shell commands that need approval (without it and without a terminal they are refused)
  --json             write one JSON event per line to stdout
  --max-turns N      stop after N model turns
  --cwd DIR          the project directory (default: the current directory)
  --continue, -c     continue the latest session (the task, if given, is sent as a follow-up)
  --resume ID        continue the session ID (.smallcode/sessions/ID.jsonl)
  --tool-mode MODE   native or prompt tool calling (env SMALLCODE_TOOL_MODE; default: probe once per model)
  --help, -h         show this help

Settings (endpoint, model, API key, limits, approval, tracing) also come from SMALLCODE_* variables, the
project's .env and smallcode.toml, and ~/.config/smallcode/; flags win. See smallcode config and docs/config.md.
A team's .smallcode/generated/ (built by marrowc from .smallcode/marrow/) is loaded when present.

Exit codes: 0 finished, 1 error, 2 usage error, 3 stopped by a limit, 4 unreadable model replies, 130 interrupted.`;

const EXIT: Record<ExitReason, number> = { done: 0, error: 1, limits: 3, format_error: 4, aborted: 130 };

type Parsed = { task: string; options: SmallCodeOptions; json: boolean; resume?: string; yes: boolean };

function parse(argv: string[], io: CommandIO): Parsed | { help: true } | { error: string } {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "base-url": { type: "string" },
        model: { type: "string" },
        yes: { type: "boolean", short: "y" },
        json: { type: "boolean" },
        "max-turns": { type: "string" },
        cwd: { type: "string" },
        continue: { type: "boolean", short: "c" },
        resume: { type: "string" },
        "tool-mode": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { help: true };
  const task = positionals.join(" ").trim();
  const resume = values.resume ?? (values.continue ? "latest" : undefined);
  if (task === "" && resume === undefined)
    return { error: 'no task given. Example: smallcode run "fix the failing test"' };
  const options: SmallCodeOptions = { cwd: resolve(io.cwd, values.cwd ?? "."), env: io.env, yes: values.yes === true };
  if (values["base-url"] !== undefined) options.baseUrl = values["base-url"];
  if (values.model !== undefined) options.model = values.model;
  if (values["max-turns"] !== undefined) {
    const n = Number(values["max-turns"]);
    if (!Number.isInteger(n) || n < 1)
      return { error: `--max-turns takes a whole number above 0, not "${values["max-turns"]}"` };
    options.maxTurns = n;
  }
  const mode = values["tool-mode"];
  if (mode !== undefined) {
    if (mode !== "native" && mode !== "prompt") return { error: `--tool-mode takes native or prompt, not "${mode}"` };
    options.toolMode = mode;
  }
  return {
    task,
    options,
    json: values.json === true,
    yes: values.yes === true,
    ...(resume !== undefined ? { resume } : {}),
  };
}

/** Asks on the terminal; without one, refuses and tells the user how to allow it. */
function approver(io: CommandIO, write: (line: string) => void): Approver {
  const tty = (io.stdin as NodeJS.ReadStream).isTTY === true && (io.stderr as NodeJS.WriteStream).isTTY === true;
  if (!tty) {
    return async (command, c, messages) => {
      write(`warning: ${fill(messages.approvalRefused, { command, reasons: c.reasons.join("; ") })}`);
      return "deny";
    };
  }
  return (command, c) =>
    new Promise<ApprovalDecision>((done) => {
      const rl = createInterface({ input: io.stdin, output: io.stderr });
      rl.question(`Allow \`${command}\`? (${c.reasons.join("; ")}) [y]es once / [a]lways / [N]o: `, (answer) => {
        rl.close();
        const a = answer.trim().toLowerCase();
        done(a === "y" || a === "yes" ? "once" : a === "a" || a === "always" ? "always" : "deny");
      });
    });
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parse(argv, io);
  if ("help" in parsed) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if ("error" in parsed) {
    io.stderr.write(`smallcode run: ${parsed.error}. See smallcode run --help.\n`);
    return 2;
  }
  const write = (line: string): void => void io.stderr.write(`${line}\n`);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on("SIGINT", onSigint);
  const agent = new SmallCode({
    ...parsed.options,
    signal: controller.signal,
    ...(parsed.yes ? {} : { approve: approver(io, write) }),
  });
  agent.on("*", (event) => {
    if (parsed.json && event.type !== "model_delta") io.stdout.write(`${JSON.stringify(event)}\n`);
    const line = renderProgress(event);
    if (line !== undefined && event.type !== "done") write(line);
  });
  try {
    const result = await agent.run(parsed.task, parsed.resume !== undefined ? { resume: parsed.resume } : {});
    if (result.success) {
      write(
        renderProgress({ type: "done", ...result, reason: result.reason, filesChanged: result.filesChanged }) ?? "",
      );
      if (!parsed.json && result.text) io.stdout.write(`${result.text}\n`);
      return 0;
    }
    write(`smallcode run: ${result.reason === "error" ? "" : `${result.reason}: `}${result.detail}`);
    return EXIT[result.reason];
  } finally {
    process.off("SIGINT", onSigint);
  }
}
