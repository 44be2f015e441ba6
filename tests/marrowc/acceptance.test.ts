/**
 * Acceptance of issue #2 on a temporary copy of the package's marrow/: one changed field changes generated/ in the
 * expected place only, and building twice is byte-identical.
 */
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { diffLines } from "diff";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../compiler/build.js";
import { cleanup, tempDir } from "./helpers.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
afterAll(cleanup);

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir)).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), "utf8")] as const)));
}

async function packageCopy(): Promise<string> {
  const dir = await tempDir("smallcode-pkg-");
  await cp(join(repoRoot, "marrow"), join(dir, "marrow"), { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "smallcode", private: true }));
  return dir;
}

describe("rebuilding generated/", () => {
  it("reproduces the committed generated/ byte for byte, twice", async () => {
    const pkg = await packageCopy();
    const first = await build(pkg, { packageDir: pkg });
    expect(first.kind).toBe("written");
    const a = await snapshot(join(pkg, "generated"));
    const second = await build(pkg, { packageDir: pkg });
    expect(second.kind === "written" && second.write.written).toEqual([]);
    expect(await snapshot(join(pkg, "generated"))).toEqual(a);
    expect(a).toEqual(await snapshot(join(repoRoot, "generated")));
  });

  it("changes only the guard's threshold line when one field changes", async () => {
    const pkg = await packageCopy();
    await build(pkg, { packageDir: pkg });
    const before = await snapshot(join(pkg, "generated"));
    const guards = join(pkg, "marrow", "guards.marrow");
    const source = await readFile(guards, "utf8");
    expect(source).toContain("failures_per_file: 4");
    await writeFile(guards, source.replace("failures_per_file: 4", "failures_per_file: 5"));

    const check = await build(pkg, { packageDir: pkg, check: true });
    expect(check.kind === "checked" && check.stale).toEqual({ missing: [], changed: ["guards.ts"], extra: [] });

    const rebuilt = await build(pkg, { packageDir: pkg });
    expect(rebuilt.kind === "written" && rebuilt.write.written).toEqual(["guards.ts"]);
    const after = await snapshot(join(pkg, "generated"));
    for (const [name, text] of before) if (name !== "guards.ts") expect(after.get(name), name).toBe(text);
    const changes = diffLines(before.get("guards.ts") ?? "", after.get("guards.ts") ?? "").filter(
      (c) => c.added || c.removed,
    );
    // One line changes, and only in the changed value (the guard's other thresholds stay as they were).
    const lines = changes.map((c) => c.value.trim());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^thresholds: \{ failuresPerFile: 4\b/);
    expect(lines[1]).toBe(lines[0]!.replace("failuresPerFile: 4", "failuresPerFile: 5"));
  });
});
