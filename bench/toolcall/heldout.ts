/**
 * Held-out score: `npx tsx bench/toolcall/heldout.ts [--list] [--blind]` (tests/fixtures/toolcalls-heldout, written
 * blind against the parser). `--list` prints every miss with what came out; `--blind` leaves out after-reading.yaml.
 */
import { HELDOUT_DIR } from "../../tests/toolcall/corpus.js";
import { scoreCorpus } from "./score-corpus.js";

scoreCorpus(HELDOUT_DIR, "held-out");
