/**
 * A repository cannot run code by shipping its own `.smallcode/generated/`: the loader imports a team build only
 * when its bytes are what marrowc produces from the repository's `.smallcode/marrow/`. A planted build, and a real
 * one edited afterwards, are refused before anything of theirs runs; a real build loads (checked once, then cached).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTeamAgent } from "../../cli/team-agent.js";
import { trustCacheDir } from "../../cli/team-trust.js";
import { build } from "../../compiler/build.js";

const TEAM = `extend agent smallcode {
  system: "You are the TEAM-TRUST agent."
}
`;

let base: string;
let cache: string;
const saved = process.env["XDG_CACHE_HOME"];
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "smallcode-trust-"));
  cache = join(base, "cache");
  process.env["XDG_CACHE_HOME"] = cache; // a private cache: nothing is remembered from other runs
});
afterAll(() => {
  if (saved === undefined) delete process.env["XDG_CACHE_HOME"];
  else process.env["XDG_CACHE_HOME"] = saved;
  rmSync(base, { recursive: true, force: true });
});

function repo(name: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, ".smallcode", "generated"), { recursive: true });
  return dir;
}

describe("team builds that came with the repository", () => {
  it("a planted .smallcode/generated/ is refused before its code runs", async () => {
    const dir = repo("planted");
    const marker = join(base, "pwned");
    writeFileSync(
      join(dir, ".smallcode", "generated", "index.js"),
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport const agents = {};\n`,
    );
    const r = await loadTeamAgent(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/will not run its code.*Run `marrowc build`/s);
    expect(existsSync(marker)).toBe(false);
  }, 120_000);

  it("a real build loads (checked once, then remembered); edited afterwards, it is refused", async () => {
    const dir = repo("real");
    mkdirSync(join(dir, ".smallcode", "marrow"), { recursive: true });
    writeFileSync(join(dir, ".smallcode", "marrow", "team.marrow"), TEAM);
    expect((await build(dir)).kind).toBe("written");
    const first = await loadTeamAgent(dir);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.origin).toBe("team");
    expect(first.value.agent.system).toContain("TEAM-TRUST");
    expect(existsSync(trustCacheDir())).toBe(true);

    const index = join(dir, ".smallcode", "generated", "index.js");
    const marker = join(base, "pwned-2");
    writeFileSync(
      index,
      `${readFileSync(index, "utf8")}\nimport("node:fs").then((fs) => fs.writeFileSync(${JSON.stringify(marker)}, "ran"));\n`,
    );
    const edited = await loadTeamAgent(dir);
    expect(edited.ok).toBe(false);
    if (!edited.ok) expect(edited.error).toContain("is not what marrowc builds from .smallcode/marrow/");
    expect(existsSync(marker)).toBe(false);
  }, 120_000);
});
