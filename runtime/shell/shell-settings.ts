/** The user's shell settings (`shell.containment`, `shell.timeout` in smallcode.toml) as options of a new shell. */
import type { ShellOptions } from "./session.js";

export interface ShellSettings {
  /** Keep the shell's directory inside the project (default true). */
  containment?: boolean;
  /** Default limit of one command, in milliseconds (default: the shell's own, 2 minutes). */
  timeoutMs?: number;
}

/** Options for `ShellSession.start`: only what the user set is passed, so the shell's defaults apply otherwise. */
export function shellOptionsFrom(settings: ShellSettings | undefined, root: string): ShellOptions {
  return {
    root,
    ...(settings?.containment !== undefined ? { containment: settings.containment } : {}),
    ...(settings?.timeoutMs !== undefined && settings.timeoutMs > 0 ? { timeoutMs: settings.timeoutMs } : {}),
  };
}
