/**
 * A workspace: the project root, its real path, the file I/O in use and the path policy — what every file tool needs.
 */
import { nodeFileOps, type FileOps } from "./ops.js";
import { rootBoundFileOps } from "./safe-ops.js";
import { resolveInRoot, rootInfo, type AccessMode, type ResolvedPath } from "./paths.js";
import { createPathPolicy, type PathPolicy, type PathPolicyOptions } from "./policy.js";
import { guardHardLinks } from "./hard-links.js";

export interface Workspace {
  /** The project root, resolved. */
  readonly root: string;
  /** Its real path. */
  readonly rootReal: string;
  readonly ops: FileOps;
  readonly policy: PathPolicy;
  /** Resolves a path the model gave; never throws. */
  resolve(userPath: string, mode: AccessMode): Promise<ResolvedPath>;
}

export interface WorkspaceOptions {
  ops?: FileOps;
  policy?: PathPolicy | PathPolicyOptions;
}

function isPolicy(p: PathPolicy | PathPolicyOptions): p is PathPolicy {
  return typeof (p as PathPolicy).readDenied === "function";
}

export async function openWorkspace(root: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  const info = await rootInfo(root, options.ops ?? nodeFileOps);
  const ops = options.ops ?? rootBoundFileOps(info.rootReal); // symlink-race checks (safe-ops.ts)
  const given = options.policy && isPolicy(options.policy) ? options.policy : createPathPolicy(options.policy ?? {});
  const policy = guardHardLinks(given, info.rootReal); // docs/security.md: hard links lead outside unseen

  return {
    root: info.root,
    rootReal: info.rootReal,
    ops,
    policy,
    resolve: (userPath, mode) => resolveInRoot(info, userPath, mode, ops, policy),
  };
}
