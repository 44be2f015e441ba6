/**
 * Second blind round score: `npx tsx bench/toolcall/blind2.ts [--list] [--blind]` (tests/fixtures/toolcalls-blind2).
 * `--list` prints every miss with what came out; `--blind` leaves out after-reading.yaml.
 */
import { BLIND2_DIR } from "../../tests/toolcall/corpus.js";
import { scoreCorpus } from "./score-corpus.js";

scoreCorpus(BLIND2_DIR, "blind2");
