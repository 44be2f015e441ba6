/**
 * Indentation arithmetic: leading whitespace measured in columns, a uniform shift between what the model sent and
 * what the file holds, and re-indenting the model's new lines to the file's depth and style (tabs or spaces).
 */

export interface Shift {
  /** Columns to add to the model's lines (negative: remove), after scaling. */
  delta: number;
  /** Indent-width ratio, file over model (2 when the file indents by 4 and the model by 2); usually 1. */
  scale: number;
  tabWidth: number;
  /** The file indents this block with tabs. */
  useTabs: boolean;
  /** The model's lines use a different whitespace character than the file, so every new line is re-rendered. */
  convert: boolean;
}

export function leadingWs(line: string): string {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0] : "";
}

export function columns(ws: string, tabWidth: number): number {
  let col = 0;
  for (const ch of ws) col = ch === "\t" ? col + tabWidth - (col % tabWidth) : col + 1;
  return col;
}

export function renderIndent(cols: number, tabWidth: number, useTabs: boolean): string {
  const c = Math.max(0, cols);
  return useTabs ? "\t".repeat(Math.floor(c / tabWidth)) + " ".repeat(c % tabWidth) : " ".repeat(c);
}

/** Smallest indentation, in columns, of the non-blank lines (0 when all are blank). */
export function baseIndent(lines: readonly string[], tabWidth: number): number {
  let min = Infinity;
  for (const l of lines) if (l.trim() !== "") min = Math.min(min, columns(leadingWs(l), tabWidth));
  return min === Infinity ? 0 : min;
}

export function usesTabs(lines: readonly string[]): boolean {
  return lines.some((l) => l.trim() !== "" && leadingWs(l).startsWith("\t"));
}

/**
 * The shift the model's new lines need. When newText keeps oldText's base depth, both carry the same artefact and
 * new lines move by the same delta; when newText already sits at the file's depth, it is left where it is.
 */
export function shiftForNew(
  shift: Shift,
  oldLines: readonly string[],
  newLines: readonly string[],
  fileLines: readonly string[],
): Shift {
  const t = shift.tabWidth;
  const baseOld = baseIndent(oldLines, t);
  const baseNew = baseIndent(newLines, t);
  const baseFile = baseIndent(fileLines, t);
  if (baseNew !== baseOld && baseNew === baseFile && !shift.convert && shift.scale === 1) return { ...shift, delta: 0 };
  return shift;
}

/** Re-indents one of the model's new lines; lines without a shift or a style change are returned untouched. */
export function reindent(line: string, shift: Shift | null): string {
  if (!shift || (shift.delta === 0 && shift.scale === 1 && !shift.convert)) return line;
  if (line.trim() === "") return "";
  const ws = leadingWs(line);
  const cols = Math.round(columns(ws, shift.tabWidth) * shift.scale) + shift.delta;
  return renderIndent(cols, shift.tabWidth, shift.useTabs) + line.slice(ws.length);
}

/**
 * A linear map from the model's indentation columns to the file's (file = scale × model + delta) that holds for
 * every pair, trying the usual tab widths. Relative structure must agree: deeper stays deeper, equal stays equal.
 */
export function linearShift(
  pairs: ReadonlyArray<[string, string]>,
  fileTabs: boolean,
  convert: boolean,
): Shift | false {
  for (const t of [4, 8, 2]) {
    const pts = pairs.map(([f, o]) => [columns(f, t), columns(o, t)] as const);
    const first = pts[0];
    if (!first) return { delta: 0, scale: 1, tabWidth: t, useTabs: fileTabs, convert };
    const other = pts.find(([, o]) => o !== first[1]);
    const scale = other ? (other[0] - first[0]) / (other[1] - first[1]) : 1;
    if (!(scale > 0) || ![0.25, 0.5, 1, 2, 4].includes(scale)) continue;
    const delta = first[0] - first[1] * scale;
    if (pts.every(([f, o]) => f === o * scale + delta))
      return { delta, scale, tabWidth: t, useTabs: fileTabs, convert };
  }
  return false;
}
