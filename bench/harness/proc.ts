/**
 * Running a shell command for the harness (verification, workspace setup): bash in its own process group, output
 * captured and capped, and on timeout the whole group is killed (SIGTERM, then SIGKILL), so a test that forks a
 * server or sleeps cannot outlive its attempt.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";

export interface ProcResult {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  durationMs: number;
}

export interface ProcOptions {
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Cap on captured output, in characters (default 64 000; the tail is kept). */
  maxOutput?: number;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function runInGroup(command: string, options: ProcOptions): Promise<ProcResult> {
  const started = Date.now();
  const cap = options.maxOutput ?? 64_000;
  return new Promise((resolvePromise) => {
    let output = "";
    let timedOut = false;
    const child = spawn("bash", ["-c", command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const take = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (output.length > cap * 2) output = output.slice(-cap);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    let hard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, "SIGTERM");
      hard = setTimeout(() => killGroup(child.pid, "SIGKILL"), 1500);
    }, options.timeoutMs);
    const finish = (exitCode: number | null, extra = ""): void => {
      clearTimeout(timer);
      if (hard) clearTimeout(hard);
      // Whatever the command left running in its group (a backgrounded server) ends with it.
      killGroup(child.pid, "SIGKILL");
      resolvePromise({
        exitCode: timedOut ? null : exitCode,
        timedOut,
        output: (output + extra).slice(-cap),
        durationMs: Date.now() - started,
      });
    };
    child.on("error", (err) => finish(127, `\n${err.message}`));
    child.on("close", (code) => finish(code));
  });
}

/** The last `lines` lines of a command's output. */
export function tail(text: string, lines = 30): string {
  const all = text.trimEnd().split("\n");
  return all.slice(-lines).join("\n");
}

/**
 * Kills (SIGKILL) every process of this user whose working directory is inside `dir`: what an attempt's agent left
 * running there (its shell's current command, a server it backgrounded). Linux only (reads /proc); elsewhere a no-op.
 * Returns the pids it signalled.
 */
export function killProcessesIn(dir: string): number[] {
  if (process.platform !== "linux" || !existsSync("/proc")) return [];
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue; // gone, or not ours
    }
    if (cwd !== root && !cwd.startsWith(`${root}/`)) continue;
    try {
      process.kill(pid, "SIGKILL");
      killed.push(pid);
    } catch {
      // Already gone.
    }
  }
  return killed;
}

/** True while `pid` is a live process (a zombie counts as ended). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return process.platform !== "linux";
  }
}
