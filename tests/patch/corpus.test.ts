import { describe, expect, it } from "vitest";
import { applyEdit } from "../../index.js";
import { loadCorpus, type PatchCase } from "./corpus.js";

const cases = loadCorpus();

/** Numbered lines in a message ("  12 | text") must be real lines of the file, at those numbers. */
function numberedLinesAreReal(message: string, content: string): number {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  let shown = 0;
  for (const m of message.matchAll(/^ *(\d+) \| (.*)$/gm)) {
    const n = Number(m[1]);
    const text = m[2] ?? "";
    if (text.endsWith("…")) continue;
    expect(lines[n - 1], `line ${n} as shown in the message`).toBe(text);
    shown++;
  }
  return shown;
}

function run(c: PatchCase) {
  return applyEdit(c.content, c.oldText, c.newText, { replaceAll: c.replaceAll, fileExists: c.fileExists });
}

describe("patch corpus", () => {
  it("has at least 150 cases, at least 30% of them refusals", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const refusals = cases.filter((c) => c.expect.kind === "refuse").length;
    expect(refusals / cases.length).toBeGreaterThanOrEqual(0.3);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const r = run(c);
    if (c.expect.kind === "apply") {
      if (!r.ok) expect.fail(`refused (${r.reason}): ${r.message}`);
      expect(JSON.stringify(r.content)).toBe(JSON.stringify(c.expect.content));
      return;
    }
    if (r.ok) expect.fail(`applied with ${r.strategy} at line ${r.startLine}:\n${r.content}`);
    expect(r.reason, r.message).toBe(c.expect.reason);
    if (r.reason === "not_found" || r.reason === "ambiguous") {
      expect(numberedLinesAreReal(r.message, c.content), r.message).toBeGreaterThan(0);
    }
    for (const text of c.mentions) expect(r.message).toContain(text);
  });
});
