/** Temp projects for the file, shell, session and security tests: real directories, optionally real git repos. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface TempProject {
  /** The project root (real path). */
  root: string;
  /** A sibling directory outside the project, for escape targets. */
  outside: string;
  write(rel: string, content: string | Buffer, mode?: number): string;
  cleanup(): void;
}

export function tempProject(files: Record<string, string> = {}, options: { git?: boolean } = {}): TempProject {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), "smallcode-test-")));
  const root = path.join(base, "project");
  const outside = path.join(base, "outside");
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(outside, "secret.txt"), "outside secret\n");
  const write = (rel: string, content: string | Buffer, mode?: number) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content, mode !== undefined ? { mode } : {});
    return abs;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  if (options.git) {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
    git("init", "-q");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "Test");
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", "init");
  }
  return { root, outside, write, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
