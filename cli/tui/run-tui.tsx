/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * Starts the fullscreen TUI on the alternate screen and returns once the user quits, with the terminal restored on
 * every way out (terminal.ts). A one-line summary is printed to the normal screen afterwards.
 */
import { render } from "ink";
import { line } from "../slash/format.js";
import type { InteractiveSession } from "../slash/session.js";
import type { SlashCommand } from "../slash/types.js";
import { App } from "./app.js";
import { TuiController } from "./controller.js";
import { enterFullscreen } from "./terminal.js";
import { noColor } from "./theme.js";

export interface TuiOptions {
  session: InteractiveSession;
  commands: readonly SlashCommand[];
  env: Readonly<Record<string, string | undefined>>;
  /** Shown at the top of the transcript (endpoint problems, command files that failed to load). */
  notices: readonly string[];
  /** Receives the controller before the first render (the session's approver calls into it). */
  bind(controller: TuiController): void;
}

export async function runTui(options: TuiOptions): Promise<number> {
  const controller = new TuiController(options.session, options.commands, options.env);
  options.bind(controller);
  const ep = options.session.endpoint();
  controller.transcript.addLines([
    line("SmallCode", "accent"),
    line(
      ep.model ? `${ep.model} at ${ep.baseUrl ?? "?"} · type a task, or /help` : "No model endpoint yet · /help",
      "dim",
    ),
    ...options.notices.map((n) => line(n, "warning")),
  ]);
  const guard = enterFullscreen(process.stdout);
  const instance = render(<App controller={controller} plain={noColor(options.env)} />, {
    exitOnCtrlC: false,
    patchConsole: true,
  });
  controller.onExit = () => instance.unmount();
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    guard.restore();
  }
  const id = options.session.id;
  if (id) process.stdout.write(`Session ${id} · continue it with: smallcode --resume ${id}\n`);
  return 0;
}
