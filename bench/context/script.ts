/**
 * A scripted 30-turn session for the context benchmark: a small model fixing failing tests in a TypeScript project,
 * with reads, greps, edits, test runs, TODO updates and two user follow-ups. Outputs are synthetic but sized and
 * shaped like real ones (numbered file reads, vitest failure output, grep hits).
 */

export interface Call {
  tool: string;
  args: Record<string, unknown>;
  /** The tool's output. */
  output: string;
  ok?: boolean;
  reads?: string[];
  writes?: string[];
}

export interface Turn {
  /** A user message that arrives before this turn's request. */
  user?: string;
  /** What the model says and calls in reply to this turn's request. */
  say: string;
  calls: Call[];
  /** TODO list after this turn (todo_write), pinned. */
  todo?: string;
  /** A file the model is editing: pinned with its current excerpt. */
  editing?: string;
}

function code(path: string, lines: number, from = 1): string {
  const stem = path.replace(/\W+/g, "_");
  const out: string[] = [];
  for (let i = from; i < from + lines; i++) {
    const body =
      i % 9 === 0
        ? `export function ${stem}_${i}(value: number, digits = 2): number {`
        : i % 9 === 8
          ? "}"
          : `  const part${i} = Math.round(value * 10 ** digits + ${i}) / 10 ** digits; // ${stem} step ${i}`;
    out.push(`${String(i).padStart(4)}│ ${body}`);
  }
  return out.join("\n");
}

function testRun(failing: number, total = 48): string {
  const lines = [" RUN  v4.0.0 /repo", ""];
  for (let i = 0; i < failing; i++) {
    lines.push(` FAIL  tests/math.test.ts > roundTo > case ${i + 1}`);
    lines.push(`AssertionError: expected ${1.23 + i} to be ${1.2 + i} // Object.is equality`);
    lines.push(" ❯ tests/math.test.ts:" + (20 + i * 7) + ":" + 19);
    for (let k = 0; k < 6; k++)
      lines.push(`    ${18 + i * 7 + k}|   expect(roundTo(${i}.${k}55, 2)).toBe(${i}.${k}6);`);
    lines.push("");
  }
  lines.push(` Test Files  ${failing ? 1 : 0} failed | 11 passed (12)`);
  lines.push(`      Tests  ${failing} failed | ${total - failing} passed (${total})`);
  return lines.join("\n");
}

function grepHits(pattern: string, n: number): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `src/${["math", "format", "report", "cli"][i % 4]}.ts:${10 + i * 13}:  const x = ${pattern}(value, ${i % 3});`,
  ).join("\n");
}

const read = (path: string, lines: number, from = 1): Call => ({
  tool: "read_file",
  args: from === 1 ? { path } : { path, offset: from, limit: lines },
  output: code(path, lines, from),
  reads: [path],
});
const edit = (path: string, n: number): Call => ({
  tool: "edit_file",
  args: {
    path,
    old_text: `  const part${n} = Math.round(value);`,
    new_text: `  const part${n} = Math.round(value * 10 ** digits) / 10 ** digits;`,
  },
  output: `Edited ${path}: replaced 1 line at ${n}.`,
  writes: [path],
});
const test = (failing: number): Call => ({
  tool: "bash",
  args: { command: "npm test" },
  output: testRun(failing),
  ok: failing === 0,
});
const grep = (pattern: string, n: number): Call => ({ tool: "grep", args: { pattern }, output: grepHits(pattern, n) });

export const TASK =
  "The tests in tests/math.test.ts fail since src/math.ts was refactored. Fix the code so the whole suite passes, without changing the tests.";

export const SESSION: Turn[] = [
  { say: "Let me run the tests first.", calls: [test(3)] },
  { say: "", calls: [read("tests/math.test.ts", 120)] },
  {
    say: "",
    calls: [read("src/math.ts", 220)],
    todo: "- [ ] find why roundTo is off\n- [ ] fix roundTo\n- [ ] run the suite",
  },
  { say: "", calls: [grep("roundTo", 24)] },
  { say: "", calls: [read("src/format.ts", 140)] },
  { say: "roundTo lost its scaling.", calls: [edit("src/math.ts", 41)], editing: "src/math.ts" },
  { say: "", calls: [test(2)] },
  { say: "", calls: [read("src/math.ts", 60, 30)] },
  { say: "", calls: [edit("src/math.ts", 52)], editing: "src/math.ts" },
  { say: "", calls: [test(1)], todo: "- [x] find why roundTo is off\n- [ ] fix roundTo\n- [ ] run the suite" },
  { say: "", calls: [read("src/report.ts", 160)] },
  { say: "", calls: [grep("formatNumber", 30)] },
  { say: "", calls: [edit("src/report.ts", 77)], editing: "src/report.ts" },
  { say: "", calls: [test(0)], todo: "- [x] find why roundTo is off\n- [x] fix roundTo\n- [x] run the suite" },
  { say: "All 48 tests pass.", calls: [] },
  { user: "Also add a test for negative numbers in roundTo.", say: "", calls: [read("tests/math.test.ts", 120)] },
  {
    say: "",
    calls: [edit("tests/math.test.ts", 118)],
    editing: "tests/math.test.ts",
    todo: "- [ ] negative-number test\n- [ ] run the suite",
  },
  { say: "", calls: [test(1)] },
  { say: "", calls: [read("src/math.ts", 60, 30)] },
  { say: "Negative values round toward zero; fixing.", calls: [edit("src/math.ts", 44)], editing: "src/math.ts" },
  { say: "", calls: [test(0)] },
  { say: "Done: negative numbers round half away from zero. Shall I check the CLI formatting too?", calls: [] },
  { user: "yes", say: "", calls: [read("src/cli.ts", 180)] },
  { say: "", calls: [grep("toFixed", 18)] },
  { say: "", calls: [read("src/format.ts", 140)] },
  { say: "", calls: [edit("src/cli.ts", 95)], editing: "src/cli.ts" },
  { say: "", calls: [test(0)] },
  { say: "", calls: [{ tool: "remember", args: { note: "roundTo rounds half away from zero" }, output: "Noted." }] },
  {
    say: "",
    calls: [
      {
        tool: "bash",
        args: { command: "git diff --stat" },
        output:
          " src/cli.ts | 2 +-\n src/math.ts | 6 +++---\n src/report.ts | 2 +-\n tests/math.test.ts | 4 ++++\n 4 files changed, 9 insertions(+), 5 deletions(-)",
      },
    ],
  },
  {
    say: "",
    calls: [
      {
        tool: "finish",
        args: { summary: "Fixed roundTo scaling and sign handling; all tests pass." },
        output: "Finished.",
      },
    ],
  },
];
