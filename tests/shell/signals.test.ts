import { spawn } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { tempProject, type TempProject } from "../fs/helpers.js";
import { markedProcesses, newMark, waitUntil } from "./helpers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
let p: TempProject;
afterEach(() => p.cleanup());

describe("cleanup on SIGINT", () => {
  it("kills every process of the session and exits 130 when nobody else handles SIGINT", async () => {
    p = tempProject();
    const mark = newMark();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(here, "fixtures/sigint-child.ts"), p.root, mark],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(await waitUntil(() => markedProcesses(mark).length >= 4)).toBe(true); // bash + three sleeps, once started
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(await waitUntil(() => markedProcesses(mark).length === 0)).toBe(true);
  });
});
