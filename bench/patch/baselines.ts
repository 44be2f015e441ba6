/**
 * The two baselines the patcher is measured against, on the same corpus and in the same run:
 * - exact-unique: oldText must occur verbatim exactly once (what most agents' str_replace does);
 * - first-match whitespace-tolerant: lines compared with whitespace stripped, the first matching block wins
 *   (Aider's approach), the replacement re-indented by the first line's offset.
 */
import type { ApplyEditResult } from "../../runtime/patch/index.js";

export type Patcher = (content: string, oldText: string, newText: string, fileExists: boolean) => ApplyEditResult;

function refused(reason: "not_found" | "ambiguous" | "invalid", message: string): ApplyEditResult {
  return { ok: false, reason, message };
}

function create(content: string, newText: string, fileExists: boolean): ApplyEditResult {
  if (fileExists && content !== "") return refused("invalid", "file exists");
  return { ok: true, content: newText, strategy: "create", startLine: 1 };
}

export const exactUnique: Patcher = (content, oldText, newText, fileExists) => {
  if (oldText === "") return create(content, newText, fileExists);
  const first = content.indexOf(oldText);
  if (first < 0) return refused("not_found", "not found");
  if (content.indexOf(oldText, first + 1) >= 0) return refused("ambiguous", "several matches");
  const next = content.slice(0, first) + newText + content.slice(first + oldText.length);
  return { ok: true, content: next, strategy: "exact", startLine: 1 };
};

export const firstMatchWhitespace: Patcher = (content, oldText, newText, fileExists) => {
  if (oldText === "") return create(content, newText, fileExists);
  const first = content.indexOf(oldText);
  if (first >= 0) {
    return {
      ok: true,
      content: content.slice(0, first) + newText + content.slice(first + oldText.length),
      strategy: "exact",
      startLine: 1,
    };
  }
  const eol = content.includes("\r\n") ? "\r\n" : "\n";
  const lines = content.split(/\r?\n/);
  const oldLines = oldText.replace(/\r?\n$/, "").split(/\r?\n/);
  const newLines = newText.replace(/\r?\n$/, "").split(/\r?\n/);
  for (let s = 0; s + oldLines.length <= lines.length; s++) {
    if (!oldLines.every((l, i) => l.trim() === (lines[s + i] ?? "").trim())) continue;
    const fileLead = /^\s*/.exec(lines[s] ?? "")?.[0] ?? "";
    const oldLead = /^\s*/.exec(oldLines[0] ?? "")?.[0] ?? "";
    const fixed = newLines.map((l) =>
      l.trim() === "" ? l : fileLead + (l.startsWith(oldLead) ? l.slice(oldLead.length) : l.trimStart()),
    );
    const out = [...lines.slice(0, s), ...fixed, ...lines.slice(s + oldLines.length)];
    return { ok: true, content: out.join(eol), strategy: "trailing-whitespace", startLine: s + 1 };
  }
  return refused("not_found", "not found");
};
