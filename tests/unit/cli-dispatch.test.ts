import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/smallcode.js";

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  return {
    io: { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd(), env: process.env },
    out: () => out,
    err: () => err,
  };
}

describe("smallcode dispatcher", () => {
  it("rejects an unknown command with a usage exit code and a hint", async () => {
    const t = io();
    expect(await main(["no-such-command"], t.io)).toBe(2);
    expect(t.err()).toContain("unknown command 'no-such-command'");
    expect(t.err()).toContain("smallcode help");
  });

  it("refuses command names that could reach outside cli/commands", async () => {
    const t = io();
    expect(await main(["../smallcode"], t.io)).toBe(2);
  });

  it("prints its version", async () => {
    const t = io();
    expect(await main(["--version"], t.io)).toBe(0);
    expect(t.out()).toMatch(/^smallcode \d+\.\d+\.\d+/);
  });
});
