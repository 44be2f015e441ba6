/**
 * The run's mutable state, exposed read-only to guard detectors as a RunView: completed turns, files read and not
 * written since, tokens and time used, trigger counts and consecutive steers.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, posix, relative } from "node:path";
import type { RunView, TurnRecord } from "./guard-api.js";

export class RunState implements RunView {
  turn = 0;
  readonly turns: TurnRecord[] = [];
  readonly filesRead = new Set<string>();
  toolNames: string[];
  availableTools: string[];
  tokensUsed = 0;
  consecutiveSteers = 0;
  private readonly started = Date.now();
  private readonly triggerCounts = new Map<string, number>();

  constructor(
    readonly task: string,
    private readonly root: string,
    toolNames: readonly string[],
  ) {
    this.toolNames = [...toolNames];
    this.availableTools = [...toolNames];
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  fileExists(path: string): boolean {
    return existsSync(isAbsolute(path) ? path : join(this.root, path));
  }

  triggers(guard: string): number {
    return this.triggerCounts.get(guard) ?? 0;
  }

  /** Counts one more trigger of `guard` and returns the new count. */
  trigger(guard: string): number {
    const n = this.triggers(guard) + 1;
    this.triggerCounts.set(guard, n);
    return n;
  }

  /** A project-relative POSIX path for a path argument the model gave (absolute paths inside the root included). */
  relPath(path: string): string {
    const rel = isAbsolute(path) ? relative(this.root, path) : path;
    const p = posix.normalize(rel.replace(/\\/g, "/"));
    return p.startsWith("./") ? p.slice(2) : p;
  }
}
