/** Finding a test's processes through /proc: every process started by a test session carries a unique env marker. */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

export function newMark(): string {
  return randomBytes(8).toString("hex");
}

/** Live processes whose environment holds SMALLCODE_TEST_MARK=<mark> (zombies have no environ and are not counted). */
export function markedProcesses(mark: string): number[] {
  const needle = `SMALLCODE_TEST_MARK=${mark}\0`;
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "latin1").includes(needle)) found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

export async function waitUntil(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}
