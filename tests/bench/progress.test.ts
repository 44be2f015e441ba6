import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ProgressBar } from "../../bench/harness/progress.js";
import type { AttemptResult } from "../../bench/harness/types.js";

const attempt = (task: string, pass: boolean): AttemptResult =>
  ({ task, attempt: 0, pass, exit: pass ? "done" : "limits", wallMs: 1500 }) as AttemptResult;

function capture(tty: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  if (tty) stream.isTTY = true;
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe("ProgressBar", () => {
  it("prints one line per attempt when stderr is not a terminal", () => {
    const out = capture(false);
    const bar = new ProgressBar(out.stream);
    bar.update(1, 2, attempt("a", true));
    bar.update(2, 2, attempt("b", false));
    expect(out.text()).toBe("[1/2] a#0 ✓ (1.5 s)\n[2/2] b#0 ✗ limits (1.5 s)\n");
  });

  it("redraws one line on a terminal and ends it when done", () => {
    const out = capture(true);
    const bar = new ProgressBar(out.stream, 10);
    bar.update(1, 2, attempt("a", true));
    bar.update(2, 2, attempt("b", false));
    const frames = out.text().split("\r\x1b[2K").filter(Boolean);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatch(/^█{5}░{5} 1\/2  ✓1 ✗0 {2}eta \d+s {2}a ✓$/);
    expect(frames[1]).toMatch(/^█{10} 2\/2  ✓1 ✗1 {2}eta 0s {2}b ✗ limits\n$/);
  });
});
