/**
 * Working memory: short notes the model keeps for itself (a finding, a decision, a command that worked). They are
 * pinned in the context, so they survive compaction, and mirrored to `.smallcode/memory.md` for resume and for people.
 * Operations: add a note, replace one (or all), clear one (or all). Limits keep the block small.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomic } from "./todo-file.js";

export const MEMORY_FILE = join(".smallcode", "memory.md");

export interface MemoryLimits {
  /** Notes kept; adding beyond this drops the oldest. */
  maxNotes: number;
  /** Characters per note; a longer note is refused with a message. */
  maxNoteChars: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = { maxNotes: 20, maxNoteChars: 400 };

export type MemoryAction = "add" | "replace" | "clear";

export interface MemoryRequest {
  action: MemoryAction;
  note?: string;
  /** 1-based note number for replace/clear; without it, replace/clear act on every note. */
  index?: number;
}

export type MemoryResult = { ok: true; notes: string[]; message: string } | { ok: false; error: string };

export function applyMemory(
  notes: readonly string[],
  req: MemoryRequest,
  limits = DEFAULT_MEMORY_LIMITS,
): MemoryResult {
  const note = req.note?.trim().replace(/\s+/g, " ");
  if ((req.action === "add" || req.action === "replace") && !note) {
    return {
      ok: false,
      error: `memory ${req.action} needs a "note". Example: {"action": "add", "note": "tests run with npm test"}`,
    };
  }
  if (note !== undefined && note.length > limits.maxNoteChars) {
    return {
      ok: false,
      error: `That note is ${note.length} characters; keep notes under ${limits.maxNoteChars}. Split it or shorten it.`,
    };
  }
  if (req.index !== undefined && (req.index < 1 || req.index > notes.length)) {
    return { ok: false, error: `There is no note ${req.index}; notes are numbered 1 to ${notes.length}.` };
  }
  const at = req.index !== undefined ? req.index - 1 : undefined;
  if (req.action === "add") {
    const next = [...notes, note ?? ""];
    const dropped = Math.max(0, next.length - limits.maxNotes);
    const kept = next.slice(dropped);
    return {
      ok: true,
      notes: kept,
      message: dropped > 0 ? `Noted; the oldest ${dropped} note(s) were dropped.` : "Noted.",
    };
  }
  if (req.action === "replace") {
    if (at === undefined) return { ok: true, notes: [note ?? ""], message: "Replaced all notes with this one." };
    return { ok: true, notes: notes.map((n, i) => (i === at ? (note ?? n) : n)), message: `Replaced note ${at + 1}.` };
  }
  if (at === undefined) return { ok: true, notes: [], message: "Cleared all notes." };
  return { ok: true, notes: notes.filter((_, i) => i !== at), message: `Cleared note ${at + 1}.` };
}

/** The pinned block's content: numbered notes. */
export function renderMemoryPin(notes: readonly string[]): string {
  return notes.map((n, i) => `${i + 1}. ${n}`).join("\n");
}

export function saveMemory(root: string, notes: readonly string[]): string | undefined {
  const body = notes.length > 0 ? `${renderMemoryPin(notes)}\n` : "(no notes)\n";
  return writeAtomic(join(root, MEMORY_FILE), `# Working memory\n\n${body}`);
}

export function loadMemory(root: string): string[] {
  try {
    const text = readFileSync(join(root, MEMORY_FILE), "utf8");
    return text
      .split("\n")
      .map((l) => /^\d+\. (.*)$/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined && n.trim() !== "");
  } catch {
    return [];
  }
}
