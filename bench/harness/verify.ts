/**
 * Verification: restore the protected files, then run the task's own tests in the repository the agent left.
 * A task passes only when that command exits 0.
 */
import { join } from "node:path";
import { runInGroup, tail } from "./proc.js";
import { packageRoot } from "./tasks.js";
import type { TaskDef, VerifyOutcome } from "./types.js";
import { restoreProtected } from "./workspace.js";

/** The environment verify commands (and reference trajectories) run with: `$SMALLCODE_TSX` runs TypeScript. */
export function verifyEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    SMALLCODE_TSX: join(packageRoot(), "node_modules", ".bin", "tsx"),
    CARGO_NET_OFFLINE: "true",
    CARGO_TERM_COLOR: "never",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

export interface VerifyResult extends VerifyOutcome {
  pass: boolean;
  protectedRestored: string[];
}

export async function verifyTask(task: TaskDef, workRepo: string, timeoutMs = 180_000): Promise<VerifyResult> {
  const protectedRestored = restoreProtected(task.repoDir, workRepo, task.protected);
  const r = await runInGroup(task.verify, { cwd: workRepo, timeoutMs, env: verifyEnv() });
  return {
    pass: r.exitCode === 0 && !r.timedOut,
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    durationMs: r.durationMs,
    tail: tail(r.output, 25),
    protectedRestored,
  };
}
