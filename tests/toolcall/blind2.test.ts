/**
 * The second blind held-out corpus (tests/fixtures/toolcalls-blind2/): replies written without reading the parser or
 * any earlier corpus case, over the core tools and three invented tool sets. Every case is asserted exactly: the
 * intended calls (names and argument values, in order), or none. Scores are recorded in bench/toolcall/HELDOUT.md
 * (`npx tsx bench/toolcall/blind2.ts --list`).
 */
import { BLIND2_DIR } from "./corpus.js";
import { describeExactCorpus } from "./exact-corpus.js";

describeExactCorpus("second blind tool-call corpus", BLIND2_DIR, 160);
