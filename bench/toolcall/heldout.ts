/**
 * Held-out score: `npx tsx bench/toolcall/heldout.ts [--list] [--blind]`.
 * Reads tests/fixtures/toolcalls-heldout (written blind against the parser) and prints exact-intent accuracy, cases
 * with calls read exactly, and false calls on negatives; `--list` also prints every miss with what came out.
 */
import { isDeepStrictEqual } from "node:util";
import { parseToolCalls } from "../../runtime/toolcall/index.js";
import { HELDOUT_DIR, loadCorpus } from "../../tests/toolcall/corpus.js";

/** `--blind`: only the cases written before the parser was read (after-reading.yaml left out). */
const blind = process.argv.includes("--blind");
const corpus = loadCorpus(HELDOUT_DIR).filter((c) => !blind || c.file !== "after-reading.yaml");
const list = process.argv.includes("--list");
let exact = 0;
let positives = 0;
let positivesExact = 0;
let negatives = 0;
let falseCalls = 0;
const misses: string[] = [];
for (const c of corpus) {
  const got = parseToolCalls(c.input, c.tools, c.options).calls.map(({ name, arguments: a }) => ({
    name,
    arguments: a,
  }));
  const ok = isDeepStrictEqual(got, c.expect);
  if (ok) exact++;
  if (c.expect.length === 0) {
    negatives++;
    if (got.length > 0) falseCalls++;
  } else {
    positives++;
    if (ok) positivesExact++;
  }
  if (!ok) {
    const kind = c.expect.length === 0 ? "FALSE CALL" : got.length === 0 ? "missed" : "wrong";
    misses.push(`${kind}  ${c.file}: ${c.name}\n    got:      ${JSON.stringify(got).slice(0, 300)}`);
  }
}
const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}%`;
console.log(
  `held-out${blind ? " (blind part)" : ""}: ${corpus.length} cases (${positives} with calls, ${negatives} negatives)`,
);
console.log(`exact intent: ${pct(exact, corpus.length)} (${exact}/${corpus.length})`);
console.log(`cases with calls read exactly: ${pct(positivesExact, positives)} (${positivesExact}/${positives})`);
console.log(`negatives with a false call: ${falseCalls}/${negatives}`);
if (list) for (const m of misses) console.log(m);
