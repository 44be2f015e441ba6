/**
 * The progress bar on stderr: one redrawn line on a terminal, one line per finished attempt otherwise (CI logs).
 */
import type { AttemptResult } from "./types.js";

export class ProgressBar {
  private passes = 0;
  private fails = 0;
  private readonly started = Date.now();

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly width = 28,
  ) {}

  update(done: number, total: number, last: AttemptResult): void {
    if (last.pass) this.passes++;
    else this.fails++;
    const elapsed = Date.now() - this.started;
    const eta = done > 0 ? ((elapsed / done) * (total - done)) / 1000 : 0;
    const mark = last.pass ? "✓" : `✗ ${last.exit}`;
    if (this.out.isTTY) {
      const filled = Math.round((done / total) * this.width);
      const bar = `${"█".repeat(filled)}${"░".repeat(this.width - filled)}`;
      const line = `${bar} ${done}/${total}  ✓${this.passes} ✗${this.fails}  eta ${fmt(eta)}  ${last.task} ${mark}`;
      this.out.write(`\r\x1b[2K${line.slice(0, 118)}`);
      if (done === total) this.out.write("\n");
    } else {
      this.out.write(
        `[${done}/${total}] ${last.task}#${last.attempt} ${mark} (${(last.wallMs / 1000).toFixed(1)} s)\n`,
      );
    }
  }
}

function fmt(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
