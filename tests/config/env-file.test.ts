import { readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyEnvUpdates, formatEnvValue, updateEnvFile } from "../../runtime/config/index.js";
import { makeDirs, type Dirs } from "./helpers.js";

let d: Dirs;
beforeEach(() => {
  d = makeDirs();
});
afterEach(() => d.cleanup());

describe("applyEnvUpdates", () => {
  const table: Array<[string, string, Record<string, string | null>, string]> = [
    ["appends to an empty file", "", { A: "1" }, "A=1\n"],
    ["replaces in place, keeping comments and order", "# c\nA=1\nB=2\n", { A: "9" }, "# c\nA=9\nB=2\n"],
    ["keeps `export`", "export A=1\n", { A: "2" }, "export A=2\n"],
    ["drops later duplicates (dotenv would read the last one)", "A=1\nB=2\nA=3\n", { A: "4" }, "A=4\nB=2\n"],
    ["removes with null", "A=1\nB=2\n", { A: null }, "B=2\n"],
    ["removing an absent name changes nothing", "B=2\n", { A: null }, "B=2\n"],
    ["adds a final newline", "B=2", { A: "1" }, "B=2\nA=1\n"],
    ["keeps blank lines", "A=1\n\n# x\n", { C: "3" }, "A=1\n\n# x\nC=3\n"],
  ];
  for (const [name, before, updates, after] of table)
    it(name, () => expect(applyEnvUpdates(before, updates)).toBe(after));

  it("quotes only when needed, and dotenv reads back exactly what was written", () => {
    const values = [
      "plain",
      "http://127.0.0.1:1234/v1",
      "has space",
      "hash#inside",
      "q'uote",
      'dq"uote',
      "back\\slash",
      "a=b",
      "sk-or-v1-abc_DEF-123",
    ];
    for (const v of values) expect(parse(`X=${formatEnvValue(v)}\n`)["X"], v).toBe(v);
    expect(formatEnvValue("http://127.0.0.1:1234/v1")).toBe("http://127.0.0.1:1234/v1");
    expect(formatEnvValue("has space")).toBe("'has space'");
  });
});

describe("updateEnvFile", () => {
  it("creates the file and its directory; a file with a key is mode 600, the directory 700", () => {
    const file = join(d.root, "new", "dir", ".env");
    const r = updateEnvFile(file, { SMALLCODE_MODEL: "m", SMALLCODE_API_KEY: "sk-abcdefghijkl" });
    expect(r).toEqual({ ok: true, file, created: true, mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(d.root, "new", "dir")).mode & 0o777).toBe(0o700);
  });

  it("keeps the mode of a file without keys, tightens it when a key arrives", () => {
    const file = d.put(".env", "A=1\n");
    chmodSync(file, 0o640);
    expect(updateEnvFile(file, { SMALLCODE_MODEL: "m" })).toMatchObject({ ok: true, created: false, mode: 0o640 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    updateEnvFile(file, { SMALLCODE_API_KEY: "sk-abcdefghijkl" });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("leaves no temporary files behind, and replaces the file in one rename", () => {
    const file = d.put(".env", "A=1\n");
    const inode = statSync(file).ino;
    updateEnvFile(file, { B: "2" });
    expect(readdirSync(d.project)).toEqual([".env"]);
    expect(statSync(file).ino).not.toBe(inode);
    expect(readFileSync(file, "utf8")).toBe("A=1\nB=2\n");
  });

  it("reports a file it cannot write, without throwing", () => {
    writeFileSync(join(d.root, "blocker"), "");
    const r = updateEnvFile(join(d.root, "blocker", ".env"), { A: "1" });
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Cannot write .*blocker\/\.env: .*Check the directory's permissions\.$/),
    });
  });
});
