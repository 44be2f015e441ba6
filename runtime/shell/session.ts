/**
 * The persistent shell: one bash per session, spawned as the leader of its own session and process group, so `cd`,
 * `export` and variables carry over between calls.
 *
 * Each command is written to a file and sourced at the top level of the shell, with stdin from /dev/null and
 * stdout+stderr into an output file; the exit status and the resulting cwd and exported environment go to files of
 * their own, and only then does bash print a per-command random nonce on its stdout. Output therefore comes back
 * byte-exact (no trailing newline added, nothing that looks like a delimiter can confuse it), and the exit code is
 * the one bash saw. A timeout kills the whole session's processes (grandchildren and background jobs included) and
 * starts a new bash in the last known directory with the exported environment restored.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fsp, readFileSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkContainment } from "./containment.js";
import { shellEnvironment } from "./environment.js";
import { readCapped } from "./output.js";
import { cdGuard, parseDeclare, q, readTextOrEmpty, saveLog } from "./session-support.js";
import { killSession, killSessionSync } from "./proc.js";

export interface ShellOptions {
  /** The project root; the shell starts there. */
  root: string;
  /** Start directory (default: the root). */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Per-command timeout in ms (default 120,000). */
  timeoutMs?: number;
  /** Characters of output shown (default 12,000; head and tail kept). */
  outputCap?: number;
  /** A command whose output passes this many bytes is killed (default 64 MiB). */
  maxOutputBytes?: number;
  /** Where capped outputs are saved in full (default <root>/.smallcode/shell). */
  outputDir?: string;
  /** Refuse `cd` out of the root and move back if a command escaped (default true). */
  containment?: boolean;
  bash?: string;
}

export interface ShellResult {
  /** The command's exit status; null when it was killed (timeout, output limit). */
  exitCode: number | null;
  /** Output (stdout and stderr interleaved), capped. */
  output: string;
  truncated: boolean;
  /** Root-relative path of the saved full output when truncated. */
  fullOutputPath?: string;
  timedOut: boolean;
  /** The shell's directory after the command. */
  cwd: string;
  durationMs: number;
  /** What the model should know: a restart, a move back into the root, a refusal. */
  notes: string[];
  /** Set when containment refused to run the command. */
  refused?: string;
}

interface Pending {
  nonce: string;
  /** The bash the nonce was sent to: only its exit may end the wait. */
  proc: ChildProcessWithoutNullStreams;
  resolve: (how: "done" | "exited", payload?: string) => void;
}

const live = new Set<ShellSession>();
let exitHookInstalled = false;

function installExitHooks(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => live.forEach((s) => s.killNow()));
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      live.forEach((s) => s.killNow());
      // Only when nobody else handles the signal do we restore its default effect (exit).
      if (process.listenerCount(sig) === 1) process.exit(sig === "SIGINT" ? 130 : 143);
    });
  }
}

export class ShellSession {
  private proc: ChildProcessWithoutNullStreams | null = null;
  private pending: Pending | null = null;
  private stdoutBuf = "";
  private queue: Promise<unknown> = Promise.resolve();
  private counter = 0;
  private closed = false;
  private cwdNow: string;
  private readonly id = randomBytes(4).toString("hex");

  private constructor(
    private readonly opts: Required<Omit<ShellOptions, "cwd" | "env" | "bash">> & {
      env: Record<string, string>;
      bash: string;
    },
    private readonly ctl: string,
    private readonly rootReal: string,
    start: string,
  ) {
    this.cwdNow = start;
    this.lastGoodCwd = start;
  }

  static async start(options: ShellOptions): Promise<ShellSession> {
    const rootReal = await fsp.realpath(path.resolve(options.root));
    const ctl = await fsp.mkdtemp(path.join(os.tmpdir(), "smallcode-sh-"));
    const start = options.cwd ? await fsp.realpath(path.resolve(rootReal, options.cwd)) : rootReal;
    const session = new ShellSession(
      {
        root: rootReal,
        timeoutMs: options.timeoutMs ?? 120_000,
        outputCap: options.outputCap ?? 12_000,
        maxOutputBytes: options.maxOutputBytes ?? 64 * 1024 * 1024,
        outputDir: options.outputDir ?? path.join(rootReal, ".smallcode", "shell"),
        containment: options.containment ?? true,
        env: options.env ?? {},
        bash: options.bash ?? "bash",
      },
      ctl,
      rootReal,
      start,
    );
    installExitHooks();
    live.add(session);
    await session.spawnBash(null);
    return session;
  }

  /** The bash process id (also its process group and session id). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get cwd(): string {
    return this.cwdNow;
  }

  /** Runs one command; calls are queued, never interleaved. */
  run(command: string, options: { timeoutMs?: number } = {}): Promise<ShellResult> {
    const next = this.queue.then(() => this.runNow(command, options.timeoutMs ?? this.opts.timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private spawnBash(envFile: string | null): Promise<void> {
    const proc = spawn(this.opts.bash, ["--noprofile", "--norc"], {
      cwd: this.cwdNow,
      env: shellEnvironment(this.opts.env),
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.proc = proc;
    this.stdoutBuf = "";
    proc.stdout.setEncoding("utf8").on("data", (chunk: string) => this.onStdout(chunk));
    proc.stderr.resume(); // bash's own stderr (outside commands) is not the model's business; drain it
    proc.on("exit", () => {
      if (this.proc === proc) this.proc = null;
      const p = this.pending;
      if (p?.proc !== proc) return; // an old bash, killed on purpose, exiting late
      this.pending = null;
      p.resolve("exited");
    });
    proc.stdin.on("error", () => undefined); // EPIPE when bash died; the exit handler reports it
    const setup = [
      "set +o history +o monitor 2>/dev/null",
      ...(this.opts.containment ? cdGuard(this.rootReal) : []),
      envFile ? `. ${q(envFile)} 2>/dev/null` : "",
      `cd -- ${q(this.cwdNow)} 2>/dev/null`,
    ].filter(Boolean);
    return new Promise((resolve, reject) => {
      proc.once("error", reject);
      const nonce = randomBytes(16).toString("hex");
      this.pending = {
        nonce,
        proc,
        resolve: (how) => (how === "done" ? resolve() : reject(new Error("bash exited at start"))),
      };
      proc.stdin.write(`${setup.join("\n")}\nprintf '%s\\n' ${nonce}\n`);
    });
  }

  private onStdout(chunk: string): void {
    this.stdoutBuf += chunk;
    const p = this.pending;
    const at = p ? this.stdoutBuf.indexOf(p.nonce) : -1;
    const end = at >= 0 ? this.stdoutBuf.indexOf("\n", at) : -1;
    if (p && end >= 0) {
      const payload = this.stdoutBuf.slice(at + p.nonce.length, end).trim();
      this.stdoutBuf = "";
      this.pending = null;
      p.resolve("done", payload);
    } else if (this.stdoutBuf.length > 1 << 20) {
      this.stdoutBuf = this.stdoutBuf.slice(-4096); // stray writes to bash's stdout: keep only what could hold the nonce
    }
  }

  private async runNow(command: string, timeoutMs: number): Promise<ShellResult> {
    const started = Date.now();
    const notes: string[] = [];
    if (this.closed) return this.finish(null, "", started, notes, { refused: "The shell session is closed." });
    if (this.opts.containment) {
      const verdict = checkContainment(command, { root: this.rootReal, cwd: this.cwdNow });
      if (!verdict.ok) return this.finish(null, "", started, notes, { refused: verdict.message });
    }
    if (this.proc === null) await this.restart(notes, "The previous shell had exited");
    const n = ++this.counter;
    const f = (kind: string) => path.join(this.ctl, kind);
    // Small control files are written and read synchronously: a thread-pool round trip per file costs more than
    // the I/O itself, and these calls are per command on the hot path (see bench/shell).
    writeFileSync(f("cmd"), command.endsWith("\n") ? command : `${command}\n`);
    const nonce = randomBytes(16).toString("hex");
    // The command's output goes to a file; bash's own stdout carries only "<nonce> <status> <cwd>" afterwards.
    // Under containment the cd guard keeps $PWD physical, so no `pwd -P` fork is needed.
    const line =
      `{ . ${q(f("cmd"))}; } </dev/null >${q(f("out"))} 2>&1; __sc_st=$?; export -p >${q(f("env"))}; ` +
      `declare -p >${q(f("vars"))} 2>/dev/null; ` +
      `printf '%s %s %s\\n' ${nonce} "$__sc_st" "$PWD"\n`;
    const outcome = await this.waitFor(nonce, line, f("out"), timeoutMs);
    let exitCode: number | null = null;
    if (outcome.how === "done") {
      const m = /^(\d+) (.*)$/s.exec(outcome.payload);
      exitCode = m ? Number(m[1]) : null;
      if (m?.[2]) this.cwdNow = m[2];
      this.lastEnv = f("env");
      this.lastVars = f("vars");
    } else if (outcome.how === "exited") {
      exitCode = outcome.code;
      await this.restart(notes, `The command ended the shell (exit ${outcome.code ?? "by signal"})`);
    } else {
      const why =
        outcome.how === "timeout"
          ? `Timed out after ${Math.round(timeoutMs / 1000)} s: the command and every process it started were killed.`
          : `Output passed ${this.opts.maxOutputBytes} bytes: the command and every process it started were killed.`;
      notes.push(why);
      if (this.proc?.pid) await killSession(this.proc.pid);
      await this.restart(notes, "");
    }
    if (this.opts.containment && !this.inRoot(this.cwdNow)) {
      const back = this.lastGoodCwd;
      notes.push(`The command left the project root (cwd was ${this.cwdNow}); moved back to ${back}.`);
      this.cwdNow = back;
      await this.runInternal(`cd -- ${q(back)}`);
    }
    if (this.inRoot(this.cwdNow)) this.lastGoodCwd = this.cwdNow;
    return this.finish(exitCode, f("out"), started, notes, { timedOut: outcome.how === "timeout", n });
  }

  private lastEnv: string | null = null;
  private lastVars: string | null = null;

  /**
   * The shell's variables with a plain string value after the last command (`declare -p`), so the danger classifier
   * can resolve `$D` in `touch $D/x` when an earlier command set D. Before the first command, the starting environment.
   */
  variables(): Map<string, string> {
    if (this.lastVars !== null) return parseDeclare(readTextOrEmpty(this.lastVars));
    // Before the first command: what the shell starts with.
    const start = shellEnvironment(this.opts.env);
    return new Map(Object.entries(start).filter((e): e is [string, string] => typeof e[1] === "string"));
  }
  private lastGoodCwd: string;

  private inRoot(p: string): boolean {
    return p === this.rootReal || p.startsWith(`${this.rootReal}/`);
  }

  private waitFor(nonce: string, line: string, outFile: string, timeoutMs: number) {
    type Outcome =
      { how: "done"; payload: string } | { how: "exited"; code: number | null } | { how: "timeout" } | { how: "flood" };
    return new Promise<Outcome>((resolve) => {
      const proc = this.proc!;
      const timer = setTimeout(() => finish({ how: "timeout" }), timeoutMs);
      const watch = setInterval(() => {
        fsp.stat(outFile).then(
          (st) => st.size > this.opts.maxOutputBytes && finish({ how: "flood" }),
          () => undefined,
        );
      }, 250);
      const finish = (o: Outcome) => {
        clearTimeout(timer);
        clearInterval(watch);
        if (this.pending?.nonce === nonce) this.pending = null;
        resolve(o);
      };
      this.pending = {
        nonce,
        proc,
        resolve: (how, payload) =>
          finish(how === "done" ? { how, payload: payload ?? "" } : { how, code: proc.exitCode ?? null }),
      };
      proc.stdin.write(line);
    });
  }

  /** Runs a bookkeeping line (no output capture) and waits for it. */
  private async runInternal(text: string): Promise<void> {
    if (this.proc === null) return;
    const nonce = randomBytes(16).toString("hex");
    await this.waitFor(nonce, `${text} >/dev/null 2>&1; printf '%s\\n' ${nonce}\n`, "/dev/null", 10_000);
  }

  private async restart(notes: string[], why: string): Promise<void> {
    const old = this.proc;
    this.proc = null;
    if (old?.pid) await killSession(old.pid);
    if (this.closed) {
      notes.push("The shell session was closed while the command ran.");
      return; // never start a new bash after close()
    }
    if (!this.inRoot(this.cwdNow) && this.opts.containment) this.cwdNow = this.lastGoodCwd || this.rootReal;
    await fsp.access(this.cwdNow).catch(() => (this.cwdNow = this.rootReal));
    await this.spawnBash(this.lastEnv);
    const restarted = `A new shell was started in ${this.cwdNow} with the exported variables restored (unexported variables, functions and aliases were lost).`;
    notes.push(why ? `${why}. ${restarted}` : restarted);
  }

  private async finish(
    exitCode: number | null,
    outFile: string,
    started: number,
    notes: string[],
    extra: { refused?: string; timedOut?: boolean; n?: number },
  ): Promise<ShellResult> {
    let output = "";
    let truncated = false;
    let fullOutputPath: string | undefined;
    if (outFile !== "") {
      const size = statSync(outFile, { throwIfNoEntry: false })?.size ?? 0;
      if (size <= this.opts.outputCap) {
        output = size === 0 ? "" : readFileSync(outFile, "utf8");
      } else {
        // A flood is kept only up to the byte limit; older logs beyond the newest KEEP_LOGS are pruned.
        if (size > this.opts.maxOutputBytes) await fsp.truncate(outFile, this.opts.maxOutputBytes);
        const saved = await saveLog(this.opts.outputDir, `${this.id}-${extra.n ?? 0}.log`, outFile);
        fullOutputPath = path.relative(this.rootReal, saved).split(path.sep).join("/");
        const capped = await readCapped(outFile, this.opts.outputCap, fullOutputPath).catch(() => null);
        output = capped?.text ?? "";
        truncated = capped?.truncated ?? false;
      }
      // Bash names the sourced command file in its error messages; the model knows it as "bash".
      output = output.split(`${path.join(this.ctl, "cmd")}:`).join("bash:");
    }
    const result: ShellResult = {
      exitCode,
      output,
      truncated,
      timedOut: extra.timedOut ?? false,
      cwd: this.cwdNow,
      durationMs: Date.now() - started,
      notes,
    };
    if (fullOutputPath) result.fullOutputPath = fullOutputPath;
    if (extra.refused) result.refused = extra.refused;
    return result;
  }

  /** Synchronous kill of everything this session started (exit handlers). */
  killNow(): void {
    const pid = this.proc?.pid;
    if (pid) killSessionSync(pid);
  }

  /** Ends the session: kills bash and everything it started, removes the control files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    const proc = this.proc;
    this.proc = null;
    if (proc?.pid) {
      proc.stdin.end();
      await killSession(proc.pid);
    }
    await fsp.rm(this.ctl, { recursive: true, force: true });
  }
}
