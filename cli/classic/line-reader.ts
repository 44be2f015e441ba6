/**
 * One readline interface for everything classic mode reads: prompts, continuation lines, approval answers and
 * questions (masked ones are not echoed). Lines typed while a prompt runs are queued, so piped input is consumed in
 * order. `next()` resolves undefined at the end of input.
 */
import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";

export class LineReader {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private readonly waiters: Array<(line: string | undefined) => void> = [];
  private closed = false;
  private muted = false;
  readonly terminal: boolean;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    terminal: boolean,
  ) {
    this.terminal = terminal;
    // Output goes through a gate so a masked answer is never echoed.
    const gate = new Writable({
      write: (chunk: Buffer | string, _enc, done) => {
        if (!this.muted) output.write(chunk);
        done();
      },
    });
    this.rl = createInterface({ input, output: terminal ? gate : undefined, terminal, historySize: 200 });
    this.rl.on("line", (line) => {
      const w = this.waiters.shift();
      if (w) w(line);
      else this.queue.push(line);
    });
    this.rl.on("close", () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w(undefined);
    });
  }

  /** Registers the Ctrl-C handler (terminal only; readline takes the signal in raw mode). */
  onInterrupt(fn: () => void): void {
    this.rl.on("SIGINT", fn);
  }

  /** What the user has typed on the current line so far. */
  get pending(): string {
    return this.rl.line;
  }

  clearLine(): void {
    this.rl.write(null, { ctrl: true, name: "u" });
  }

  /** The next line; shows `prompt` first on a terminal. Undefined at the end of input. */
  next(prompt = "", options: { mask?: boolean; fresh?: boolean } = {}): Promise<string | undefined> {
    // `fresh`: only a line typed after the question answers it (lines typed ahead stay queued as inputs).
    const queued = options.fresh ? undefined : this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    if (this.terminal) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
      this.muted = options.mask === true;
    }
    return new Promise((resolve) => {
      this.waiters.push((line) => {
        if (this.muted) {
          this.muted = false;
          if (this.terminal) this.output.write("\n");
        }
        resolve(line);
      });
    });
  }

  /** Puts a line back at the front of the queue (an answer that was really the next input). */
  unread(line: string): void {
    this.queue.unshift(line);
  }

  close(): void {
    this.rl.close();
  }
}
