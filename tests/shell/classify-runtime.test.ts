/**
 * Commands that decide at run time what they touch: a computed command name, a variable the same script set to a
 * path outside, `env -C`, inline code naming outside paths. Each needs approval; the everyday loops over project
 * files (`for f in *.txt; do cp "$f" "$f.bak"; done`) stay safe.
 */
import { describe, expect, it } from "vitest";
import { classifyCommand } from "../../runtime/shell/index.js";

const ctx = { root: "/work/proj", cwd: "/work/proj", home: "/home/dev" };
const level = (cmd: string) => classifyCommand(cmd, ctx).level;

describe("what a command decides only at run time", () => {
  it.each([
    ["$(printf 'r\\x6d') -rf /opt/data", "computed command name"],
    ["$CMD -rf /opt/data", "command name from a variable"],
    ["`echo rm` -rf /opt/data", "command name from backticks"],
    ["D=/opt/data; touch $D/x", "variable set in the same script"],
    ["x=/opt/da; y=ta; echo z > ${x}${y}/x", "concatenated variables"],
    ["export OUT=/etc; cp a.conf $OUT/", "exported variable"],
    ["D=~/.ssh; echo key >> $D/authorized_keys", "variable pointing into home"],
    ["env -C /opt/data touch x", "env -C outside"],
    ["env --chdir=/opt/data touch x", "env --chdir= outside"],
    ["python3 -c \"open('/opt/data/x', 'w').write('y')\"", "python inline code"],
    ["node -e \"require('fs').writeFileSync('/etc/cron.d/x', 'y')\"", "node inline code"],
    ["perl -e 'unlink \"/opt/data/x\"'", "perl inline code"],
    ["ln -s /opt/data door && echo y > door/x", "a link out, then a write through it"],
    ["ln -s ../../etc e", "a relative link out"],
    ["mkdir -p a/b && ln -sfn ../../../../opt a/b/c", "a relative link out from a subfolder"],
  ])("%s needs approval (%s)", (cmd) => {
    expect(level(cmd)).not.toBe("safe");
  });

  it.each([
    'for f in *.txt; do cp "$f" "$f.bak"; done',
    'for f in $(ls); do mv "$f" "${f%.txt}.md"; done',
    "OUT=build; mkdir -p $OUT && cp a.txt $OUT/",
    'find . -name "*.py" | while read f; do sed -i "s/a/b/" "$f"; done',
    'tmp=$(mktemp); sort x > "$tmp" && mv "$tmp" x',
    'python3 -c "import sys; print(sys.version)"',
    "node -e \"console.log(require('./package.json').version)\"",
    "env -C sub npm test",
    "D=src; touch $D/new.ts",
    "ln -s src/a.ts b.ts",
    "mkdir -p a/b && ln -s ../../src/a.ts a/b/a.ts",
  ])("%s stays safe", (cmd) => {
    expect(classifyCommand(cmd, ctx)).toEqual({ level: "safe", reasons: [] });
  });

  it("judges a command name held in a known variable as that command", () => {
    expect(classifyCommand("X=rm; $X -rf /opt/data", ctx).reasons).toEqual(["rm of /opt/data, outside the project"]);
    const vars = new Map([["RUNNER", "/usr/local/bin/tsx"]]);
    expect(classifyCommand('"$RUNNER" test.ts', { ...ctx, vars })).toEqual({ level: "safe", reasons: [] });
    expect(classifyCommand('"$RUNNER" test.ts', ctx).level).toBe("needs_approval"); // unknown: asked
  });
});
