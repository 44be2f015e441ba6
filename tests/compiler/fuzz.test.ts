/**
 * Mutation fuzzing of the front end: every marrow/*.marrow file and every fixture, mutated thousands of times with a
 * seeded generator (deleted, duplicated, swapped and replaced tokens, deleted and duplicated lines, truncation, random
 * bytes). compile() must never throw or report an internal error, and every diagnostic must point inside its file,
 * with a line and column that agree with its offset. FUZZ_ITERATIONS and FUZZ_SEED override the defaults.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, diagnosticsToJson, renderDiagnostics } from "../../compiler/program.js";

const repo = join(import.meta.dirname, "..", "..");
const ITERATIONS = Number(process.env["FUZZ_ITERATIONS"] ?? 5000);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261124);

function corpus(): { path: string; text: string }[] {
  const dirs = [join(repo, "marrow"), join(import.meta.dirname, "fixtures")];
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".marrow"))
          .sort()
          .map((f) => ({ path: `${dir}/${f}`, text: readFileSync(join(dir, f), "utf8") }))
      : [],
  );
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = /\s+|"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z0-9_.%]+|->|./g;
const NOISE = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ":",
  ",",
  "->",
  '"',
  '"""',
  "/*",
  "//",
  "|",
  "?",
  "\0",
  "\u00e9",
  "\ud83d\ude00",
  "\r",
  "\t",
  "@",
  "-",
  "999999999999k",
  "\\",
  "stage",
  "extend",
  "model",
];

function mutate(text: string, random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  let tokens: string[] = text.match(TOKEN) ?? [];
  const rounds = 1 + pick(3);
  for (let r = 0; r < rounds && tokens.length > 0; r++) {
    const i = pick(tokens.length);
    const j = pick(tokens.length);
    switch (pick(8)) {
      case 0:
        tokens.splice(i, 1);
        break;
      case 1:
        tokens.splice(i, 0, tokens[i] ?? "");
        break;
      case 2:
        [tokens[i], tokens[j]] = [tokens[j] ?? "", tokens[i] ?? ""];
        break;
      case 3:
        tokens[i] = tokens[j] ?? "";
        break;
      case 4:
        tokens.splice(i, 0, NOISE[pick(NOISE.length)] ?? "");
        break;
      case 5:
        tokens = tokens.slice(0, i);
        break;
      case 6:
        tokens.splice(i, 0, String.fromCharCode(pick(0x3000)));
        break;
      default: {
        const lines = tokens.join("").split("\n");
        const at = pick(lines.length);
        if (random() < 0.5) lines.splice(at, 1);
        else lines.splice(at, 0, lines[at] ?? "");
        tokens = [lines.join("\n")];
      }
    }
  }
  return tokens.join("");
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

describe("front-end mutation fuzz", () => {
  const files = corpus();

  it("has a corpus (marrow/ and the fixtures)", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  // ~5 s on an idle 2-core machine; the timeout leaves room for a busy one.
  it(`survives ${ITERATIONS} seeded mutations with in-file diagnostics`, { timeout: 120_000 }, () => {
    const random = rng(SEED);
    const failures: string[] = [];
    let withDiagnostics = 0;
    for (let n = 0; n < ITERATIONS && failures.length < 5; n++) {
      const base = files[n % files.length];
      if (base === undefined) break;
      const text = mutate(base.text, random);
      const path = "fuzz.marrow";
      let result: ReturnType<typeof compile>;
      try {
        result = compile([{ path, text }]);
        renderDiagnostics(result.diagnostics, result.sources);
        JSON.parse(diagnosticsToJson(result.diagnostics));
      } catch (error) {
        failures.push(`#${n} (${base.path}) threw: ${String(error)}\n${text}`);
        continue;
      }
      if (result.diagnostics.length > 0) withDiagnostics++;
      for (const d of result.diagnostics) {
        const { offset, length, line, column, file } = d.span;
        const inside = file === path && offset >= 0 && length >= 0 && offset + length <= text.length;
        const where = position(text, offset);
        const agrees = where.line === line && where.column === column;
        if (d.code === "MS2000" || !inside || !agrees) {
          failures.push(`#${n} (${base.path}) ${d.code} ${JSON.stringify(d.span)} len=${text.length}: ${d.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The mutations must actually break things most of the time, or the test proves little.
    expect(withDiagnostics).toBeGreaterThan(ITERATIONS / 2);
  });
});
