/**
 * One call to get everything the core tools need for a session: the workspace, a snapshot store wired as the write
 * hook, and (optionally) the persistent shell. The agent loop calls `beginTurn()` at the start of each turn and
 * `close()` at the end of the run.
 */
import { openWorkspace, type WorkspaceOptions } from "../../fs/workspace.js";
import type { Classification } from "../../shell/classify.js";
import { ShellSession, type ShellOptions } from "../../shell/session.js";
import { SnapshotStore, newSessionId } from "../../session/snapshots.js";
import type { ToolContext } from "./context.js";

export interface CoreToolSessionOptions extends WorkspaceOptions {
  root: string;
  /** Snapshot session id (default: a new time-stamped id). */
  sessionId?: string;
  /** Start a persistent shell (default true); options other than the root pass through. */
  shell?: boolean | Omit<ShellOptions, "root">;
  approve?: (command: string, classification: Classification) => Promise<boolean>;
  readBudgetChars?: number;
}

export interface CoreToolSession {
  ctx: ToolContext;
  snapshots: SnapshotStore;
  shell: ShellSession | null;
  /** Starts the next turn's snapshot (call before the turn's first tool call). */
  beginTurn(turn?: number): void;
  close(): Promise<void>;
}

export async function openCoreToolSession(options: CoreToolSessionOptions): Promise<CoreToolSession> {
  const workspaceOptions: WorkspaceOptions = {};
  if (options.ops) workspaceOptions.ops = options.ops;
  if (options.policy) workspaceOptions.policy = options.policy;
  const workspace = await openWorkspace(options.root, workspaceOptions);
  const snapshots = new SnapshotStore(workspace.rootReal, options.sessionId ?? newSessionId(), workspace.ops);
  const shellOptions = typeof options.shell === "object" ? options.shell : {};
  const shell =
    options.shell === false ? null : await ShellSession.start({ ...shellOptions, root: workspace.rootReal });
  const ctx: ToolContext = { workspace, beforeWrite: snapshots.beforeWrite };
  if (shell) ctx.shell = shell;
  if (options.approve) ctx.approve = options.approve;
  if (options.readBudgetChars !== undefined) ctx.readBudgetChars = options.readBudgetChars;
  return {
    ctx,
    snapshots,
    shell,
    beginTurn: (turn) => snapshots.beginTurn(turn),
    close: async () => {
      await shell?.close();
    },
  };
}
