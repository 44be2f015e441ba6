/**
 * `smallcode provider`: the provider wizard. Pick LM Studio, Ollama, llama.cpp, vLLM, OpenRouter, OpenAI, DeepSeek or
 * a custom endpoint; the endpoint and key are checked by listing models; the choice goes to .env (project, user or
 * both). Works on a terminal (masked key input) and from a pipe (one answer per line).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CommandIO } from "../command.js";
import { runProviderWizard, terminalIO } from "../provider/index.js";

export const summary = "Set up the model provider (endpoint, model, API key) step by step: smallcode provider";

const HELP = `Usage: smallcode provider [--cwd DIR]

Walks through choosing a provider (LM Studio, Ollama, llama.cpp, vLLM, OpenRouter, OpenAI, DeepSeek, or any
OpenAI-compatible endpoint), checks it by listing its models, checks the API key where one is needed, lets you pick a
model, and saves SMALLCODE_BASE_URL, SMALLCODE_MODEL and SMALLCODE_API_KEY to this project's .env, your user settings
(~/.config/smallcode/.env), or both. Files holding a key are made readable by you only. The key is never shown.

Without a terminal, it reads one answer per line from stdin.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { cwd: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (err) {
    io.stderr.write(
      `smallcode provider: ${err instanceof Error ? err.message : String(err)}. See smallcode provider --help.\n`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const wio = terminalIO(io.stdin, io.stdout);
  try {
    const result = await runProviderWizard(wio, { cwd: resolve(io.cwd, values.cwd ?? "."), env: io.env });
    if (result.ok) return 0;
    io.stderr.write(`smallcode provider: ${result.reason === "cancelled" ? "cancelled. " : ""}${result.message}\n`);
    return 1;
  } finally {
    wio.close?.();
  }
}
