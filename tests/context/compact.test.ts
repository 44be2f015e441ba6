import { describe, expect, it } from "vitest";
import { chooseCut, digest, renderTranscript } from "../../runtime/context/compact.js";
import { makeEntry, turnStarts, type Entry } from "../../runtime/context/history.js";

/** Entries from a compact notation: "u" user, "a" assistant, "t" tool result; each entry counts 10 tokens. */
function entries(shape: string): Entry[] {
  return [...shape].map((c, i) => {
    const message =
      c === "u"
        ? { role: "user" as const, content: "q" }
        : c === "a"
          ? { role: "assistant" as const, content: "a" }
          : { role: "tool" as const, content: "r", toolCallId: `t${i}` };
    return { ...makeEntry(message, i), tokens: 10 };
  });
}

describe("turnStarts", () => {
  // [shape, starts]
  const cases: Array<[string, number[]]> = [
    ["", []],
    ["atat", [0, 2]],
    ["attuat", [0, 3, 4]],
    ["uaatt", [0, 1, 2]],
  ];
  it.each(cases)("%j -> %j", (shape, starts) => expect(turnStarts(entries(shape))).toEqual(starts));
});

describe("chooseCut", () => {
  // [shape, keep, tokens that must be removed, cut]
  const cases: Array<[string, number, number, number]> = [
    ["atatatat", 2, 20, 2], // one turn is enough
    ["atatatat", 2, 35, 4], // two turns
    ["atatatat", 2, 1000, 4], // never reaches into the kept turns
    ["atat", 2, 10, 0], // nothing eligible
    ["attatat", 0, 1000, 7], // keep 0: everything
  ];
  it.each(cases)("%j keep %i need %i -> cut at %i", (shape, keep, need, cut) => {
    const list = entries(shape);
    expect(chooseCut(list, turnStarts(list), keep, (removed) => removed >= need)).toBe(cut);
  });
});

describe("digest and transcript", () => {
  it("caps each message in the transcript and the transcript as a whole", () => {
    const list = entries("ut").map((e, i) =>
      i === 1 ? { ...e, message: { ...e.message, content: "x\n".repeat(5000) } } : e,
    );
    const text = renderTranscript("", list, 3000);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toContain("user: q");
    expect(text.split("\n").filter((l) => l === "x").length).toBeLessThan(500);
  });

  it("says the summary was unavailable and why, with nothing else invented", () => {
    expect(digest("", entries("u"), "timeout")).toBe(
      'Digest of 1 earlier messages (automatic summary unavailable: timeout).\nUser asked: "q"',
    );
  });
});
