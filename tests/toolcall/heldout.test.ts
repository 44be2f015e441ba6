/**
 * The held-out corpus (tests/fixtures/toolcalls-heldout/): real-format small-model outputs written blind, without
 * reading the parser or its own corpus. Every case is asserted exactly: the intended calls (names and argument values,
 * in order), or none. Scores are recorded in bench/toolcall/HELDOUT.md (`npx tsx bench/toolcall/heldout.ts`).
 */
import { HELDOUT_DIR } from "./corpus.js";
import { describeExactCorpus } from "./exact-corpus.js";

describeExactCorpus("held-out tool-call corpus", HELDOUT_DIR, 150);
