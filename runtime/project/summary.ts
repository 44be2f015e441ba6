/**
 * The compact project summary for the system prompt: kind, package manager, the check commands, the top-level layout
 * and the repository's own instructions, within a character cap. Deterministic for a given tree (sorted listings, no
 * times or absolute paths), so it keeps the prompt prefix stable from run to run.
 */
import { detectProject } from "./detect.js";
import { isDir, listDir } from "./files.js";
import { readProjectInstructions } from "./instructions.js";
import type { ProjectInfo, ProjectInstructions } from "./types.js";

export interface SummaryLimits {
  /** The whole summary, in characters. */
  maxChars: number;
  /** Top-level entries listed before "… and N more". */
  maxEntries: number;
  /** Characters of AGENTS.md / CLAUDE.md kept. */
  maxInstructionChars: number;
}

export const DEFAULT_SUMMARY_LIMITS: SummaryLimits = { maxChars: 2500, maxEntries: 30, maxInstructionChars: 1500 };

/** Entries that are never worth showing the model at the top level. */
const HIDDEN = new Set([".git", "node_modules", "__pycache__", ".venv", "venv", "target", "dist", ".smallcode"]);

export function topLevelLayout(root: string, maxEntries: number): string {
  const names = listDir(root).filter((n) => !HIDDEN.has(n) && !n.endsWith(".pyc") && n !== ".DS_Store");
  const dirs = names.filter((n) => isDir(root, n)).map((n) => `${n}/`);
  const files = names.filter((n) => !isDir(root, n));
  const all = [...dirs, ...files];
  const shown = all.slice(0, maxEntries).join(" ");
  return all.length > maxEntries ? `${shown} … and ${all.length - maxEntries} more` : shown;
}

function describeKind(info: ProjectInfo): string {
  const extra =
    info.kind === "node"
      ? ` (${info.packageManager ?? "npm"})`
      : info.kind === "python"
        ? ` (${info.pythonTests ?? "unittest"})`
        : info.kind === "java"
          ? ` (${info.javaBuild ?? "maven"})`
          : "";
  const also = info.kinds.filter((k) => k !== info.kind);
  return `${info.kind}${extra}${also.length > 0 ? `, also ${also.join(", ")}` : ""}`;
}

/** The summary text. `instructions` may be passed when already read; otherwise they are read from `info.root`. */
export function renderProjectSummary(
  info: ProjectInfo,
  limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS,
  instructions: ProjectInstructions | undefined = readProjectInstructions(info.root, limits.maxInstructionChars),
): string {
  const lines = [`Project: ${describeKind(info)}`];
  const { lint, build, test } = info.commands;
  if (test !== undefined) lines.push(`Test: ${test}`);
  if (lint !== undefined) lines.push(`Lint: ${lint}`);
  if (build !== undefined) lines.push(`Build: ${build}`);
  if (test === undefined && lint === undefined && build === undefined)
    lines.push("No lint, build or test command found.");
  const layout = topLevelLayout(info.root, limits.maxEntries);
  if (layout !== "") lines.push(`Layout: ${layout}`);
  let text = lines.join("\n");
  if (instructions) text += `\n\nProject instructions (${instructions.file}):\n${instructions.text}`;
  if (text.length <= limits.maxChars) return text;
  return `${text.slice(0, limits.maxChars - 1).trimEnd()}…`;
}

/** Detects the project at `root` and renders its summary. */
export function projectSummary(root: string, limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS): string {
  return renderProjectSummary(detectProject(root), limits);
}
