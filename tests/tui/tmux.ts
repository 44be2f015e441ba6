/**
 * Driving a real terminal for the end-to-end tests: a private tmux server (its own socket, so nothing touches the
 * user's sessions), `send-keys` to type, `capture-pane -p` to read the screen, and polling with a deadline.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export const tmuxMissing: string | undefined = (() => {
  const r = spawnSync("tmux", ["-V"], { encoding: "utf8" });
  return r.status === 0 ? undefined : "tmux is not installed: the terminal end-to-end tests are skipped";
})();

/** The shell command that starts the CLI from source (node + tsx, no build step). */
export function cliCommand(args: readonly string[]): string {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return `node --import ${TSX} ${join(ROOT, "cli", "smallcode.ts")} ${quoted}`;
}

let counter = 0;

export class Tmux {
  private constructor(
    private readonly socket: string,
    readonly target: string,
  ) {}

  /**
   * Starts `command` in a new detached session of `cols`×`rows`. When it exits the pane prints `[exit N]` and stays
   * open, so the test can look at the restored screen.
   */
  static start(command: string, o: { cwd: string; cols?: number; rows?: number; env?: Record<string, string> }): Tmux {
    const socket = `smallcode-test-${process.pid}-${++counter}`;
    const name = "t";
    const env = { TERM: "xterm-256color", NO_COLOR: "", ...o.env };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    const script = `${command}; echo "[exit $?]"; exec sleep 3600`;
    execFileSync("tmux", [
      "-L",
      socket,
      "-f",
      "/dev/null",
      "new-session",
      "-d",
      "-s",
      name,
      "-x",
      String(o.cols ?? 100),
      "-y",
      String(o.rows ?? 30),
      "-c",
      o.cwd,
      ...envArgs,
      "bash",
      "-c",
      script,
    ]);
    execFileSync("tmux", ["-L", socket, "set-option", "-g", "escape-time", "10"]);
    return new Tmux(socket, name);
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** The visible screen as text. */
  screen(): string {
    return this.tmux("capture-pane", "-p", "-t", this.target);
  }

  /** The visible screen with its colour and attribute escapes (capture-pane -e). */
  screenWithEscapes(): string {
    return this.tmux("capture-pane", "-p", "-e", "-t", this.target);
  }

  /** Pids of the processes the pane's shell started (the CLI under test). */
  children(): number[] {
    const shell = this.format("#{pane_pid}");
    const r = spawnSync("ps", ["-o", "pid=", "--ppid", shell], { encoding: "utf8" });
    return r.stdout
      .split("\n")
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  }

  /** Typed literally (no key names). */
  type(text: string): void {
    this.tmux("send-keys", "-t", this.target, "-l", text);
  }

  /** Key names: Enter, Escape, C-c, Tab, PPage … */
  keys(...names: string[]): void {
    this.tmux("send-keys", "-t", this.target, ...names);
  }

  /** tmux format variables of the pane (#{alternate_on}, #{cursor_flag} …). */
  format(expr: string): string {
    return this.tmux("display-message", "-p", "-t", this.target, expr).trim();
  }

  resize(cols: number, rows: number): void {
    this.tmux("resize-window", "-t", this.target, "-x", String(cols), "-y", String(rows));
  }

  /** Polls the screen until `check` holds; throws with the last screen after `timeoutMs`. */
  async waitFor(check: RegExp | ((screen: string) => boolean), timeoutMs = 60_000): Promise<string> {
    const ok = typeof check === "function" ? check : (s: string) => check.test(s);
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = this.screen();
      if (ok(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(check)}; the screen was:\n${last}`);
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}
