/**
 * Makes what a shell-backed call changes undoable: the working tree is captured before the call and compared after
 * it (runtime/session/shell-checkpoint.ts), and every file the command created, changed or deleted goes into this
 * turn's snapshot with its earlier content. The changed paths go into the outcome's `shellChanged`, so the run's
 * changed files (the edited-files pin, `when: files_changed`) include them. They are not `filesTouched`: what the
 * model has read stays read, so read-before-write does not make it re-read a file its own command changed.
 */
import type { ToolOutcome, ToolSpec } from "../tools/types.js";
import type { LoopParts } from "./loop-parts.js";

/** `bash` and every tool backed by a shell template run commands that may change any file. */
export function isShellBacked(spec: ToolSpec | undefined): boolean {
  return spec !== undefined && (spec.category === "run" || spec.shell !== undefined);
}

export async function recordingShellChanges(
  p: LoopParts,
  spec: ToolSpec | undefined,
  run: () => Promise<ToolOutcome>,
): Promise<ToolOutcome> {
  const checkpoint = p.shellCheckpoint;
  if (!checkpoint || !isShellBacked(spec)) return run();
  const before = await checkpoint.capture();
  if (before === undefined) {
    warnOnce(p, checkpoint.disabledReason);
    return run();
  }
  const outcome = await run();
  const set = await checkpoint.changesSince(before);
  for (const c of set.changes) await p.snapshots.recordPrior(c.path, c.prior, c.createdDirs);
  if (set.skipped.length > 0) {
    const list = set.skipped.map((s) => `${s.path} (${s.reason})`).join(", ");
    p.emit({ type: "warning", message: `Not undoable: the command changed ${list}.` });
  }
  warnOnce(p, checkpoint.disabledReason);
  if (set.changes.length === 0) return outcome;
  return { ...outcome, data: { ...outcome.data, [SHELL_CHANGED]: set.changes.map((c) => c.path).sort() } };
}

/** Where the outcome lists what the command changed (files the model did not write with a file tool). */
export const SHELL_CHANGED = "shellChanged";

export function shellChanged(outcome: ToolOutcome): string[] {
  const files = outcome.data?.[SHELL_CHANGED];
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
}

const warned = new WeakSet<object>();

function warnOnce(p: LoopParts, reason: string | undefined): void {
  if (reason === undefined || warned.has(p)) return;
  warned.add(p);
  p.emit({
    type: "warning",
    message: `Shell commands' changes are not snapshotted (so /undo cannot revert them): ${reason}.`,
  });
}
