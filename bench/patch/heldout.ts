/**
 * Held-out score: prints the patcher's figures on tests/fixtures/patches-heldout/ and every case it did not get right.
 *
 *   npx tsx bench/patch/heldout.ts
 */
import { scoreHeldout, summarize } from "../../tests/patch/heldout-score.js";

const s = scoreHeldout();
console.log(summarize(s));
for (const c of s.cases) {
  const closest = c.showsClosest === false ? " [closest lines NOT shown]" : "";
  if (c.verdict === "correct-apply" && closest === "") continue;
  if (c.verdict === "correct-refusal" && c.sameReason && closest === "") continue;
  const head = c.verdict === "correct-refusal" ? "refused, other reason" : c.verdict.toUpperCase();
  console.log(`\n--- ${head}: ${c.id}${closest}\n${c.detail.split("\n").slice(0, 14).join("\n")}`);
}
