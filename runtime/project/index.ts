/** Project detection (kind, lint/build/test commands), repository instructions and the system-prompt summary. */
export { detectProject } from "./detect.js";
export { INSTRUCTION_FILES, readProjectInstructions } from "./instructions.js";
export { runScript } from "./node.js";
export {
  DEFAULT_SUMMARY_LIMITS,
  projectSummary,
  renderProjectSummary,
  topLevelLayout,
  type SummaryLimits,
} from "./summary.js";
export type {
  JavaBuild,
  PackageManager,
  ProjectCommands,
  ProjectInfo,
  ProjectInstructions,
  ProjectKind,
} from "./types.js";
