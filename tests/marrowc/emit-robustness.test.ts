/**
 * The emit path under mutated input: whatever the front end lets through, `checkSources` (parse, check, emit) never
 * throws, and every diagnostic points inside the file. A seeded generator keeps failures reproducible.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { checkSources } from "../../compiler/build.js";

const marrowDir = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "marrow");
const sources = readdirSync(marrowDir)
  .filter((f) => f.endsWith(".marrow"))
  .sort()
  .map((f) => ({ path: `marrow/${f}`, text: readFileSync(join(marrowDir, f), "utf8") }));

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Deletes, duplicates or swaps a word-sized piece, or swaps a value for another (the emitter sees more that way). */
function mutate(text: string, random: () => number): string {
  const words = text.split(/(\s+)/);
  const i = Math.floor(random() * words.length);
  const j = Math.floor(random() * words.length);
  const op = Math.floor(random() * 4);
  if (op === 0) words.splice(i, 1);
  else if (op === 1) words.splice(i, 0, words[j] ?? "");
  else if (op === 2) [words[i], words[j]] = [words[j] ?? "", words[i] ?? ""];
  else
    words[i] =
      ["4k", "0", "true", '"x"', "[]", "{}", "steer()", "retry(x)", "85%", "10m"][Math.floor(random() * 10)] ?? "";
  return words.join("");
}

it("never throws and keeps every span inside its file", () => {
  const random = rng(20261124);
  let reachedEmit = 0;
  for (let n = 0; n < 300; n++) {
    const k = Math.floor(random() * sources.length);
    const mutated = sources.map((s, idx) => (idx === k ? { ...s, text: mutate(s.text, random) } : s));
    const result = checkSources(mutated);
    if (!result.diagnostics.some((d) => d.severity === "error" && !d.code.startsWith("MS3"))) reachedEmit++;
    for (const d of result.diagnostics) {
      const file = mutated.find((s) => s.path === d.span.file);
      expect(file, `${d.code} ${d.span.file}`).toBeDefined();
      expect(d.span.offset + d.span.length).toBeLessThanOrEqual((file?.text.length ?? 0) + 1);
      expect(d.code).not.toBe("MS3000");
    }
  }
  // Enough mutations must survive the checker for the emitter to be exercised at all.
  expect(reachedEmit).toBeGreaterThan(30);
}, 120_000);
