/**
 * docs/marrowscript.md must document everything the compiler accepts: its field tables and its error codes are
 * generated blocks, kept identical to the checker's tables and the diagnostic catalog (with an example for each code
 * taken from the golden cases). `UPDATE_DOCS=1 npx vitest run tests/compiler/docs.test.ts` rewrites the blocks.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { renderFieldTables } from "../../compiler/checker/field-docs.js";
import { allCodes, lookupCode } from "../../compiler/diagnostics/index.js";

const repo = join(import.meta.dirname, "..", "..");
const docPath = join(repo, "docs", "marrowscript.md");
const goldenRoot = join(repo, "tests", "golden");

/** The first rendered diagnostic with this code in any golden expectation, and its case name. */
function example(code: string): { name: string; text: string } | undefined {
  const dirs = existsSync(goldenRoot) ? readdirSync(goldenRoot).sort() : [];
  for (const name of dirs) {
    const file = join(goldenRoot, name, "expected.errors.txt");
    if (!existsSync(file)) continue;
    const blocks = readFileSync(file, "utf8").split("\n\n");
    const block = blocks.find((b) => b.includes(`[${code}]`));
    if (block !== undefined) return { name, text: block.trimEnd() };
  }
  return undefined;
}

function renderCodes(): string {
  const out: string[] = [];
  for (const code of allCodes()) {
    const entry = lookupCode(code);
    if (entry === undefined) continue;
    out.push(
      `#### ${code}: ${entry.title}`,
      "",
      `Message: ${entry.message}${entry.hint ? `  \nHint: ${entry.hint}` : ""}`,
      "",
    );
    const found = example(code);
    if (found === undefined) out.push("No golden example yet.", "");
    else out.push(`Example (\`tests/golden/${found.name}\`):`, "", "```text", found.text, "```", "");
  }
  return out.join("\n").trimEnd();
}

function syncBlock(doc: string, name: string, body: string): string {
  const begin = `<!-- generated:${name}:begin -->`;
  const end = `<!-- generated:${name}:end -->`;
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/marrowscript.md lacks the ${begin} … ${end} markers`);
  return `${doc.slice(0, a + begin.length)}\n${body}\n${doc.slice(b)}`;
}

describe("docs/marrowscript.md", () => {
  it("lists exactly the checker's field tables and every diagnostic code with an example", async () => {
    const doc = readFileSync(docPath, "utf8");
    const raw = syncBlock(syncBlock(doc, "fields", renderFieldTables()), "codes", renderCodes());
    // The doc is prettier-formatted (npm test checks it), so compare against the formatted blocks.
    const synced = await format(raw, { ...(await resolveConfig(docPath)), filepath: docPath });
    if (process.env["UPDATE_DOCS"] === "1") {
      writeFileSync(docPath, synced);
      return;
    }
    expect(doc, "docs are stale: run UPDATE_DOCS=1 npx vitest run tests/compiler/docs.test.ts").toBe(synced);
  });
});
