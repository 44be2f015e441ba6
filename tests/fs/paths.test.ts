import { symlinkSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPathPolicy, openWorkspace } from "../../runtime/fs/index.js";
import { tempProject, type TempProject } from "./helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

describe("resolve inside the root", () => {
  it("resolves relative and inside-absolute paths to root-relative POSIX paths", async () => {
    p = tempProject({ "src/a.ts": "" });
    const ws = await openWorkspace(p.root);
    expect(await ws.resolve("src/a.ts", "read")).toMatchObject({ ok: true, rel: "src/a.ts", exists: true });
    expect(await ws.resolve(path.join(p.root, "src/a.ts"), "read")).toMatchObject({ ok: true, rel: "src/a.ts" });
    expect(await ws.resolve("src/../src/new.ts", "write")).toMatchObject({
      ok: true,
      rel: "src/new.ts",
      exists: false,
    });
    expect(await ws.resolve("./", "read")).toMatchObject({ ok: true, rel: "" });
  });

  it("accepts a symlink that stays inside the root, resolving to its target", async () => {
    p = tempProject({ "real/x.txt": "x" });
    symlinkSync("real", path.join(p.root, "alias"));
    const ws = await openWorkspace(p.root);
    expect(await ws.resolve("alias/x.txt", "write")).toMatchObject({ ok: true, real: path.join(p.root, "real/x.txt") });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["../x", "outside_root"],
    ["/etc/passwd", "outside_root"],
  ])("refuses %j as %s", async (input, reason) => {
    p = tempProject();
    const ws = await openWorkspace(p.root);
    expect(await ws.resolve(input, "read")).toMatchObject({ ok: false, reason });
  });
});

describe("path policy", () => {
  it.each([
    [".env", true],
    ["config/.env.production", true],
    [".env.example", false],
    [".npmrc", true],
    [".git/HEAD", true],
    [".gitignore", false],
    ["src/env.ts", false],
  ])("default read deny: %s → %s", (rel, denied) => {
    expect(createPathPolicy().readDenied(rel)).toBe(denied);
  });

  it.each([
    [".git/config", true],
    [".git", true],
    ["sub/.git", true],
    [".github/workflows/ci.yml", false],
    [".smallcode/snapshots/s/1/manifest.json", true],
    // The agent's own settings and declarations are the user's, never the model's (docs/security.md).
    [".smallcode/marrow/agent.marrow", true],
    [".env", true],
    [".env.example", false],
  ])("default write deny: %s → %s", (rel, denied) => {
    expect(createPathPolicy().writeDenied(rel)).toBe(denied);
  });

  it("is set by the user: extra denials and re-allowed files", async () => {
    const policy = createPathPolicy({ denyRead: [".env*", "secrets/"], allowRead: [".env.ci"] });
    expect(policy.readDenied(".env.ci")).toBe(false);
    expect(policy.readDenied(".env.local")).toBe(true);
    expect(policy.readDenied("secrets/key.pem")).toBe(true);
    p = tempProject({ ".env.ci": "CI=1\n" });
    const ws = await openWorkspace(p.root, { policy: { allowRead: [".env.ci"] } });
    expect(await ws.resolve(".env.ci", "read")).toMatchObject({ ok: true });
  });
});
