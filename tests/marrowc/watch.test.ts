/** `marrowc build --watch` rebuilds when a team file changes, and stops cleanly on abort. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, expect, it } from "vitest";
import { main } from "../../cli/marrowc.js";
import { cleanup, tempDir } from "./helpers.js";

afterAll(cleanup);

const tool = (cap: string) =>
  `tool run_tests() {\n  category: run\n  description: "Run the tests."\n  shell: "npm test"\n  result_cap: ${cap}\n}\n`;

async function until(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

it("rebuilds on change and exits 0 when stopped", async () => {
  const repo = await tempDir("watch-repo-");
  const team = join(repo, ".smallcode", "marrow", "team.marrow");
  await mkdir(join(repo, ".smallcode", "marrow"), { recursive: true });
  await writeFile(team, tool("1234 chars"));
  let out = "";
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const controller = new AbortController();
  const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), cwd: repo, env: {} };
  const running = main(["build", "--watch"], io, controller.signal);
  const tools = join(repo, ".smallcode", "generated", "tools.js");
  const read = () => readFile(tools, "utf8").catch(() => "");
  expect(await until(async () => (await read()).includes("resultCap: 1234"), 20_000)).toBe(true);
  await writeFile(team, tool("4321 chars"));
  expect(await until(async () => (await read()).includes("resultCap: 4321"), 20_000)).toBe(true);
  controller.abort();
  expect(await running).toBe(0);
  expect(out).toContain("watching for changes");
  expect(out.match(/wrote \d+ file/g)?.length).toBeGreaterThanOrEqual(2);
}, 60_000);
