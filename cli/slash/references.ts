/**
 * `@path` references in a prompt: the text is sent as typed, followed by a line naming the referenced files that exist
 * (so a small model reads them first instead of guessing paths). References to missing paths become warnings for the
 * user; they are left in the text.
 */
import { statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";

export interface ExpandedPrompt {
  prompt: string;
  files: string[];
  warnings: string[];
}

export function expandReferences(text: string, cwd: string): ExpandedPrompt {
  const files: string[] = [];
  const warnings: string[] = [];
  for (const m of text.matchAll(/(^|\s)@([^\s@]+)/g)) {
    const raw = (m[2] ?? "").replace(/[.,;:!?)]+$/, "");
    if (raw === "") continue;
    const abs = isAbsolute(raw) ? raw : join(cwd, raw);
    const rel = relative(cwd, abs) || ".";
    if (rel.startsWith("..")) {
      warnings.push(`@${raw} is outside the project; the agent cannot read it.`);
      continue;
    }
    try {
      const st = statSync(abs);
      if (!files.includes(rel)) files.push(st.isDirectory() ? `${rel}/` : rel);
    } catch {
      warnings.push(`@${raw} does not exist in the project (Tab completes paths).`);
    }
  }
  if (files.length === 0) return { prompt: text, files, warnings };
  const note = `(Referenced: ${files.join(", ")}. Read ${files.length === 1 ? "it" : "them"} before changing anything.)`;
  return { prompt: `${text}\n\n${note}`, files, warnings };
}
