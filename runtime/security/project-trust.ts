/**
 * Settings a cloned repository must not be able to give itself. A project's own `.env` or `smallcode.toml` travels
 * with the code, so it may have been written by someone else: it may not approve every command (`approval = "auto"`)
 * or let the shell leave the project (`shell.containment = false`). Those two take effect only from the environment,
 * the user's own files (~/.config/smallcode), or the command line (`--yes`). Everything else in project files applies.
 */
import type { Settings } from "../config/schema.js";

/** Where a setting came from, as `loadSettings` reports it (by dotted path). */
export type OriginKinds = ReadonlyMap<string, { source: { kind: string; label: string } }>;

export interface TrustedSettings {
  settings: Settings;
  /** One line per setting that was ignored, saying where it was and where to put it instead. */
  warnings: string[];
}

const PROJECT = new Set(["project-env", "project-toml"]);

export function withoutProjectEscalation(settings: Settings, origins: OriginKinds): TrustedSettings {
  const warnings: string[] = [];
  const from = (p: string) => origins.get(p)?.source;
  let out = settings;
  const approval = from("approval");
  if (settings.approval === "auto" && approval && PROJECT.has(approval.kind)) {
    out = { ...out, approval: "ask" };
    warnings.push(
      `${approval.label}: approval = auto is ignored in a project's own files (a cloned repository could set it); use --yes, SMALLCODE_APPROVAL=auto in the environment, or ~/.config/smallcode/smallcode.toml.`,
    );
  }
  const containment = from("shell.containment");
  if (settings.shell.containment === false && containment && PROJECT.has(containment.kind)) {
    out = { ...out, shell: { ...out.shell, containment: true } };
    warnings.push(
      `${containment.label}: shell.containment = false is ignored in a project's own files; set it in the environment (SMALLCODE_SHELL_CONTAINMENT=false) or ~/.config/smallcode/smallcode.toml.`,
    );
  }
  return { settings: out, warnings };
}
