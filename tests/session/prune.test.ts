import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pruneSnapshots } from "../../runtime/session/prune.js";
import { tempProject, type TempProject } from "../fs/helpers.js";

let p: TempProject;
afterEach(() => p.cleanup());

describe("snapshot retention", () => {
  it("removes only sessions beyond the newest `keep` that are also older than the age limit", async () => {
    p = tempProject({});
    const dir = path.join(p.root, ".smallcode", "snapshots");
    const names = [
      "20261101-090000-aaaaaa", // old, beyond keep: removed
      "20261105-090000-bbbbbb", // old, beyond keep: removed
      "20261123-090000-cccccc", // beyond keep but recent: kept
      "20261124-080000-dddddd", // newest two: kept
      "20261124-090000-eeeeee",
    ];
    for (const n of names) {
      mkdirSync(path.join(dir, n, "1", "files"), { recursive: true });
      writeFileSync(path.join(dir, n, "1", "manifest.json"), "{}");
    }
    mkdirSync(path.join(dir, "shadow.git"), { recursive: true }); // not a session: never touched
    const removed = await pruneSnapshots(p.root, {
      keep: 2,
      maxAgeMs: 7 * 24 * 3600 * 1000,
      now: Date.UTC(2026, 10, 24, 12),
    });
    expect(removed.sort()).toEqual(["20261101-090000-aaaaaa", "20261105-090000-bbbbbb"]);
    expect(readdirSync(dir).sort()).toEqual([
      "20261123-090000-cccccc",
      "20261124-080000-dddddd",
      "20261124-090000-eeeeee",
      "shadow.git",
    ]);
    expect(await pruneSnapshots(path.join(p.root, "nowhere"))).toEqual([]);
    expect(existsSync(path.join(dir, "shadow.git"))).toBe(true);
  });
});
