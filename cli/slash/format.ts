/**
 * Plain-text building blocks both interactive modes and the slash commands render: styled lines, the context-budget
 * bar, diff cards (built with the `diff` package) and shell cards. Nothing here emits ANSI: the TUI maps styles to
 * Ink colours, classic mode to ANSI codes when stdout is a colour terminal, or to nothing when piped / NO_COLOR.
 */
import { structuredPatch } from "diff";
import type { BudgetBreakdown } from "../../runtime/context/types.js";
import type { OutputStyle, SlashOutput } from "./types.js";

export type LineStyle = OutputStyle;

export interface StyledLine {
  text: string;
  style: LineStyle;
}

export const line = (text: string, style: LineStyle = "plain"): StyledLine => ({ text, style });

/** Lines of `text`, each with `style`. */
export function lines(text: string, style: LineStyle = "plain"): StyledLine[] {
  return text.split("\n").map((t) => line(t, style));
}

export function formatTokens(n: number): string {
  if (n >= 100_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(n);
}

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** Tokens used by a breakdown (everything but free space). */
export function usedTokens(b: BudgetBreakdown): number {
  return b.system + b.tools + b.history + b.toolResults + b.pinned;
}

/** A compact bar for the status line: `[████░░░░] 3.1k/32k`. */
export function budgetBar(used: number, window: number, width = 10): string {
  const share = window > 0 ? Math.min(1, used / window) : 0;
  const filled = Math.round(share * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${formatTokens(used)}/${formatTokens(window)}`;
}

const PARTS: ReadonlyArray<{ key: keyof BudgetBreakdown; label: string; glyph: string }> = [
  { key: "system", label: "system", glyph: "S" },
  { key: "tools", label: "tools", glyph: "T" },
  { key: "pinned", label: "task & pinned", glyph: "P" },
  { key: "history", label: "history", glyph: "H" },
  { key: "toolResults", label: "tool results", glyph: "R" },
];

/** The /budget view: a bar over the whole window with one glyph per part, then one row per part. */
export function budgetLines(b: BudgetBreakdown, width = 60): StyledLine[] {
  const cells = (n: number): number => (b.window > 0 ? Math.round((n / b.window) * width) : 0);
  let bar = "";
  for (const p of PARTS) bar += p.glyph.repeat(cells(b[p.key]));
  const reserved = Math.max(0, b.window - b.budget);
  bar = bar.slice(0, width);
  const freeCells = Math.max(0, width - bar.length - cells(reserved));
  bar += "·".repeat(freeCells);
  bar += "▒".repeat(Math.max(0, width - bar.length));
  const pct = (n: number): string => (b.window > 0 ? `${((n / b.window) * 100).toFixed(1)}%` : "-");
  const row = (glyph: string, label: string, n: number): StyledLine =>
    line(`  ${glyph} ${label.padEnd(22)} ${formatTokens(n).padStart(7)}  ${pct(n).padStart(6)}`);
  const used = usedTokens(b);
  return [
    line(`Context window ${formatTokens(b.window)} tokens, ${formatTokens(used)} used`, "heading"),
    line(`[${bar}]`, "accent"),
    ...PARTS.map((p) => row(p.glyph, p.label, b[p.key])),
    row("·", "free", b.free),
    row("▒", "reserved (output, margin)", reserved),
    line("All figures are calibrated estimates of the last request.", "dim"),
  ];
}

/** A unified diff of one change as styled lines (no file headers), with real line numbers when `startLine` is known. */
export function diffLines(before: string, after: string, startLine = 1, context = 2): StyledLine[] {
  const patch = structuredPatch("a", "b", before, after, "", "", { context });
  const out: StyledLine[] = [];
  for (const h of patch.hunks) {
    const oldStart = h.oldStart + startLine - 1;
    const newStart = h.newStart + startLine - 1;
    out.push(line(`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`, "hunk"));
    for (const l of h.lines) {
      if (l.startsWith("\\")) continue;
      out.push(line(l, l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : "dim"));
    }
  }
  return out;
}

/** Keeps the first `max` lines and says how many were left out. */
export function capLines(input: StyledLine[], max: number): StyledLine[] {
  if (input.length <= max) return input;
  return [...input.slice(0, max), line(`… ${input.length - max} more lines`, "dim")];
}

/** A shell card: the command, its exit code and the last lines of its output. */
export function shellCard(command: string, exitCode: number | null, output: string, maxLines = 8): StyledLine[] {
  const ok = exitCode === 0;
  const head = line(
    `$ ${command}   ${exitCode === null ? "(no exit code)" : `exit ${exitCode}`}`,
    ok ? "success" : "error",
  );
  const body = output.replace(/\s+$/, "").split("\n");
  const shown = body.length > maxLines ? body.slice(-maxLines) : body;
  const skipped = body.length - shown.length;
  return [
    head,
    ...(skipped > 0 ? [line(`  … ${skipped} earlier lines`, "dim")] : []),
    ...shown.filter((l, i) => l !== "" || i > 0).map((l) => line(`  ${l}`, "dim")),
  ];
}

/** Prints styled lines through a command's output sink. */
export function printLines(out: SlashOutput, input: readonly StyledLine[]): void {
  for (const l of input) out.print(l.text, l.style);
}
