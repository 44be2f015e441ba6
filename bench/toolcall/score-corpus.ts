/**
 * Scores a blind tool-call corpus (the held-out set or the second blind round; heldout.ts and blind2.ts call this).
 * Prints exact-intent accuracy, cases with calls read exactly, negatives
 * with a false call, and wrong calls (a call made where a different one was meant); `--list` prints every miss with
 * what came out. `--blind` leaves out after-reading.yaml (cases written after the parser was read).
 */
import { isDeepStrictEqual } from "node:util";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { loadCorpus } from "../../tests/toolcall/corpus.js";

export function scoreCorpus(dir: string, label: string, argv: readonly string[] = process.argv): void {
  const blind = argv.includes("--blind");
  const list = argv.includes("--list");
  const corpus = loadCorpus(dir).filter((c) => !blind || c.file !== "after-reading.yaml");
  let exact = 0;
  let positives = 0;
  let positivesExact = 0;
  let negatives = 0;
  let falseCalls = 0;
  let wrong = 0;
  const misses: string[] = [];
  for (const c of corpus) {
    const result = parseToolCalls(c.input, c.tools, c.options);
    const got = result.calls.map(({ name, arguments: a }) => ({ name, arguments: a }));
    const ok = isDeepStrictEqual(got, c.expect);
    if (ok) exact++;
    if (c.expect.length === 0) {
      negatives++;
      if (got.length > 0) falseCalls++;
    } else {
      positives++;
      if (ok) positivesExact++;
      // A wrong call: something ran that the model did not mean (wrong arguments, an extra call); a miss runs nothing extra.
      else if (got.some((g) => !c.expect.some((e) => isDeepStrictEqual(e, g)))) wrong++;
    }
    if (!ok) {
      const kind =
        c.expect.length === 0
          ? "FALSE CALL"
          : got.some((g) => !c.expect.some((e) => isDeepStrictEqual(e, g)))
            ? "WRONG"
            : "missed";
      const codes = result.diagnostics.map((d) => d.code).join(",");
      misses.push(
        `${kind}  ${c.file}: ${c.name}\n    got:      ${JSON.stringify(got).slice(0, 300)}` +
          (codes ? `\n    diagnostics: ${codes}` : ""),
      );
    }
  }
  const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}%`;
  console.log(
    `${label}${blind ? " (blind part)" : ""}: ${corpus.length} cases (${positives} with calls, ${negatives} negatives)`,
  );
  console.log(`exact intent: ${pct(exact, corpus.length)} (${exact}/${corpus.length})`);
  console.log(`cases with calls read exactly: ${pct(positivesExact, positives)} (${positivesExact}/${positives})`);
  console.log(`negatives with a false call: ${falseCalls}/${negatives}`);
  console.log(`cases with calls where a wrong call ran: ${wrong}/${positives}`);
  if (list) for (const m of misses) console.log(m);
}
