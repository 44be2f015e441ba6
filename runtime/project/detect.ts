/**
 * detectProject(root): what kind of project this is and which commands lint, build and test it. The language's own
 * tool decides first; a Makefile's `lint`/`build`/`test` (or `check`) targets fill the commands it leaves open, and
 * are the whole answer for a project that only has a Makefile. Reads a handful of files; never throws.
 */
import { detectGo, detectJava, detectRust } from "./compiled.js";
import { makeTargets } from "./files.js";
import { detectNode } from "./node.js";
import { detectPython } from "./python.js";
import type { ProjectCommands, ProjectInfo, ProjectKind } from "./types.js";

function fillFromMake(root: string, commands: ProjectCommands, evidence: string[]): boolean {
  const targets = makeTargets(root);
  if (targets.size === 0) return false;
  const wanted: Array<[keyof ProjectCommands, string[]]> = [
    ["lint", ["lint"]],
    ["build", ["build", "all"]],
    ["test", ["test", "check"]],
  ];
  for (const [key, names] of wanted) {
    const target = names.find((n) => targets.has(n));
    if (commands[key] === undefined && target !== undefined) {
      commands[key] = `make ${target}`;
      evidence.push(`Makefile#${target}`);
    }
  }
  return true;
}

export function detectProject(root: string): ProjectInfo {
  const kinds: ProjectKind[] = [];
  const info: ProjectInfo = { root, kind: "unknown", kinds, commands: {}, evidence: [] };
  const adopt = (kind: ProjectKind, commands: ProjectCommands, evidence: string[]): void => {
    kinds.push(kind);
    if (info.kind !== "unknown") return;
    info.kind = kind;
    info.commands = { ...commands };
    info.evidence.push(...evidence);
  };
  const node = detectNode(root);
  if (node) {
    adopt("node", node.commands, node.evidence);
    info.packageManager = node.packageManager;
    info.scripts = node.scripts;
  }
  const python = detectPython(root);
  if (python) {
    if (info.kind === "unknown") info.pythonTests = python.tests;
    adopt("python", python.commands, python.evidence);
  }
  const rust = detectRust(root);
  if (rust) adopt("rust", rust.commands, rust.evidence);
  const go = detectGo(root);
  if (go) adopt("go", go.commands, go.evidence);
  const java = detectJava(root);
  if (java) {
    if (info.kind === "unknown") info.javaBuild = java.build;
    adopt("java", java.commands, java.evidence);
  }
  const hasMake = fillFromMake(root, info.commands, info.evidence);
  if (hasMake) {
    kinds.push("make");
    if (info.kind === "unknown") info.kind = "make";
  }
  return info;
}
