/**
 * `smallcode config`: the effective settings, each with where it came from (API keys masked), or the errors that stop
 * them from loading. Exit 0 when the settings load, 1 when a source is invalid, 2 on a usage error.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  formatDiagnostic,
  loadSettings,
  renderSettings,
  settingsJson,
  SETTING_KEYS,
} from "../../runtime/config/index.js";
import type { CommandIO } from "../command.js";

export const summary = "Show the effective settings and where each came from: smallcode config [--json] [--keys]";

const HELP = `Usage: smallcode config [--json] [--keys] [--cwd DIR]

Prints every setting, its effective value and where it came from. API keys are masked.
Precedence, highest first: command-line flags, the environment (SMALLCODE_*), the project's .env, the project's
smallcode.toml, the user's .env and smallcode.toml in $XDG_CONFIG_HOME/smallcode (default ~/.config/smallcode), defaults.

Options:
  --json      print the settings as JSON
  --keys      list every setting with its environment variable and an example
  --cwd DIR   the project directory (default: the current directory)

See docs/config.md; set up an endpoint with smallcode provider.`;

function keysTable(): string {
  const w = Math.max(...SETTING_KEYS.map((k) => k.path.length));
  const e = Math.max(...SETTING_KEYS.map((k) => k.env.length));
  return SETTING_KEYS.map((k) => `${k.path.padEnd(w)}  ${k.env.padEnd(e)}  ${k.description}`).join("\n");
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        json: { type: "boolean" },
        keys: { type: "boolean" },
        cwd: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    io.stderr.write(
      `smallcode config: ${err instanceof Error ? err.message : String(err)}. See smallcode config --help.\n`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.keys) {
    io.stdout.write(`${keysTable()}\n`);
    return 0;
  }
  const loaded = loadSettings({ cwd: resolve(io.cwd, values.cwd ?? "."), env: io.env });
  if (!loaded.ok) {
    if (values.json)
      io.stdout.write(`${JSON.stringify({ errors: loaded.errors, warnings: loaded.warnings }, null, 2)}\n`);
    else
      io.stderr.write(
        `smallcode config: ${loaded.message}\n${loaded.warnings.map((w) => formatDiagnostic(w) + "\n").join("")}`,
      );
    return 1;
  }
  io.stdout.write(values.json ? `${JSON.stringify(settingsJson(loaded), null, 2)}\n` : `${renderSettings(loaded)}\n`);
  return 0;
}
