/**
 * One attempt's repository: a fresh temp copy of the task's repo/ with `git init` and an initial commit, and the
 * protected-file restore that runs before verification (so editing a test cannot make a task pass).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import picomatch from "picomatch";

const GIT_ID = ["-c", "user.email=bench@smallcode.local", "-c", "user.name=smallcode-bench"];

/** Copies `repoDir` to a new temp folder, commits it, and returns the folder. */
export function freshRepo(repoDir: string, label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `smallcode-bench-${label.replace(/[^a-z0-9-]/gi, "")}-`));
  cpSync(repoDir, dir, { recursive: true });
  const git = (...args: string[]): void => {
    execFileSync("git", [...GIT_ID, ...args], { cwd: dir, stdio: "ignore" });
  };
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "task start", "--no-gpg-sign");
  return dir;
}

export function removeRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Relative paths of every file under `root`, skipping .git, .smallcode, node_modules and Rust's target/. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const skip = new Set([".git", ".smallcode", "node_modules", "target"]);
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) {
        if (!skip.has(name)) walk(full);
      } else out.push(relative(root, full).split(sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Puts every protected file back as the task shipped it and deletes protected-path files the agent added.
 * Returns the paths it had to touch (changed, deleted or added ones).
 */
export function restoreProtected(originalRepo: string, workRepo: string, globs: readonly string[]): string[] {
  if (globs.length === 0) return [];
  const isProtected = picomatch([...globs], { dot: true });
  const touched: string[] = [];
  const originals = listFiles(originalRepo).filter((p) => isProtected(p));
  for (const rel of originals) {
    const src = join(originalRepo, rel);
    const dst = join(workRepo, rel);
    const want = readFileSync(src);
    const have = existsSync(dst) && statSync(dst).isFile() ? readFileSync(dst) : undefined;
    if (have && have.equals(want)) continue;
    if (existsSync(dst) && !statSync(dst).isFile()) rmSync(dst, { recursive: true, force: true });
    mkdirSync(dirname(dst), { recursive: true });
    cpSync(src, dst);
    touched.push(rel);
  }
  const shipped = new Set(originals);
  for (const rel of listFiles(workRepo)) {
    if (isProtected(rel) && !shipped.has(rel)) {
      rmSync(join(workRepo, rel), { force: true });
      touched.push(rel);
    }
  }
  return touched.sort();
}
