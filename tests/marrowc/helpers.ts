/** Shared helpers for marrowc tests: run the CLI in-process with captured output, and temp directories. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../cli/marrowc.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMarrowc(argv: string[], cwd: string): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

const made: string[] = [];

export async function tempDir(prefix = "marrowc-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function cleanup(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
}
