import { describe, expect, it } from "vitest";
import { parseScript, tokenize, type Token } from "../../runtime/shell/index.js";

const show = (tokens: Token[]) => tokens.map((t) => (t.kind === "op" ? `<${t.value}>` : t.value));

describe("tokenize", () => {
  it.each<[string, string[]]>([
    ["echo 'a b' \"c d\" e\\ f", ["echo", "a b", "c d", "e f"]],
    ["a&&b||c;d|e&", ["a", "<&&>", "b", "<||>", "c", "<;>", "d", "<|>", "e", "<&>"]],
    ["cmd 2>&1 >out <in", ["cmd", "<2>&>", "1", "<>>", "out", "<<>", "in"]],
    ["echo $'a\\tb'", ["echo", "a\tb"]],
    ['echo "$(date +%s) x"', ["echo", "$(date +%s) x"]],
    ["echo a # comment", ["echo", "a"]],
    ["echo a#b", ["echo", "a#b"]],
    ["x\ny", ["x", "<;>", "y"]],
  ])("%j", (src, expected) => {
    expect(show(tokenize(src).tokens)).toEqual(expected);
  });

  it("keeps command substitutions (nested, backticks) for inspection and marks the word dynamic", () => {
    const [, w] = tokenize("echo $(a $(b) 'c)') `d`").tokens;
    expect(w).toMatchObject({ kind: "word", dynamic: true, subs: ["a $(b) 'c)'"] });
    const words = tokenize("echo $(a $(b) 'c)') `d`").tokens;
    expect(words[2]).toMatchObject({ subs: ["d"] });
  });

  it("skips here-document bodies", () => {
    expect(show(tokenize("cat <<EOF\nrm -rf /\nEOF\necho done").tokens)).toEqual([
      "cat",
      "<<<>",
      "EOF",
      "<;>",
      "echo",
      "done",
    ]);
  });

  it("reports an unterminated quote", () => {
    expect(tokenize("echo 'oops").error).toBe("unterminated single quote");
  });
});

describe("parseScript", () => {
  it("strips keywords and assignments, and tracks subshell scopes", () => {
    const { commands } = parseScript("X=1 make; if true; then (cd a && ls); fi");
    expect(commands.map((c) => [c.words.map((w) => w.value).join(" "), c.scope.length])).toEqual([
      ["make", 0],
      ["true", 0],
      ["cd a", 1],
      ["ls", 1],
    ]);
    expect(commands[0]!.assignments.map((w) => w.value)).toEqual(["X=1"]);
  });
});
