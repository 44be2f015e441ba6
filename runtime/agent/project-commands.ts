/**
 * The commands `run` stages name by key (`project.test_command`, `project.lint_command`, `project.build_command`):
 * explicit configuration wins, otherwise project detection (runtime/project: package manager and scripts, pytest or
 * unittest, cargo, go, maven/gradle, make) supplies them.
 */
import { detectProject } from "../project/detect.js";
import type { ProjectCommands } from "../project/types.js";

/** `project.<key>` → the detected command it names. */
const DETECTED: Readonly<Record<string, keyof ProjectCommands>> = {
  test_command: "test",
  lint_command: "lint",
  build_command: "build",
};

/** The command for `key` in the project at `root`, if configuration or detection gives one. */
export function projectCommand(
  root: string,
  key: string,
  configured: Readonly<Record<string, string>> = {},
): string | undefined {
  if (configured[key] !== undefined) return configured[key];
  const which = DETECTED[key];
  return which === undefined ? undefined : detectProject(root).commands[which];
}
