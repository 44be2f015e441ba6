/** Reading marker files at a project root without throwing: a missing or unreadable file is `undefined`. */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function readText(root: string, file: string): string | undefined {
  try {
    return readFileSync(join(root, file), "utf8");
  } catch {
    return undefined;
  }
}

export function exists(root: string, file: string): boolean {
  return existsSync(join(root, file));
}

export function isDir(root: string, path: string): boolean {
  try {
    return statSync(join(root, path)).isDirectory();
  } catch {
    return false;
  }
}

/** Entry names of a folder, sorted; [] when it cannot be listed. */
export function listDir(root: string, path = "."): string[] {
  try {
    return readdirSync(join(root, path)).sort();
  } catch {
    return [];
  }
}

/** A JSON object file, or undefined when absent or not an object. */
export function readJson(root: string, file: string): Record<string, unknown> | undefined {
  const text = readText(root, file);
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Targets a Makefile defines (`name:` at the start of a line, not `:=` assignments or pattern rules). */
export function makeTargets(root: string): Set<string> {
  const text = readText(root, "Makefile") ?? readText(root, "makefile") ?? readText(root, "GNUmakefile") ?? "";
  const targets = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z0-9_.-]+)\s*:(?!=)/.exec(line);
    if (m?.[1] && !m[1].startsWith(".")) targets.add(m[1]);
  }
  return targets;
}
