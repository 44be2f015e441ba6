/**
 * Project instructions a repository gives coding agents: `AGENTS.md` at the root, else `CLAUDE.md` (also accepted in
 * `.claude/`). Capped, so a long file cannot crowd out the task; the cut is said out loud.
 */
import { readText } from "./files.js";
import type { ProjectInstructions } from "./types.js";

export const INSTRUCTION_FILES = ["AGENTS.md", "CLAUDE.md", ".claude/CLAUDE.md"] as const;

/** The first instruction file present (and not blank), its text capped at `maxChars`. */
export function readProjectInstructions(root: string, maxChars: number): ProjectInstructions | undefined {
  for (const file of INSTRUCTION_FILES) {
    const raw = readText(root, file);
    if (raw === undefined || raw.trim() === "") continue;
    const text = raw.replace(/\r\n/g, "\n").trim();
    if (text.length <= maxChars) return { file, text, truncated: false };
    const cut = text.lastIndexOf("\n", maxChars);
    const kept = text.slice(0, cut > maxChars / 2 ? cut : maxChars).trimEnd();
    return { file, text: `${kept}\n[… ${file} continues; read it with read_file for the rest.]`, truncated: true };
  }
  return undefined;
}
