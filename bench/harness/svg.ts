/** Small inline-SVG charts for the HTML report: horizontal bars, optionally with confidence whiskers. */

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface Bar {
  label: string;
  value: number;
  /** Whisker (same scale as value). */
  low?: number;
  high?: number;
  /** Text shown at the end of the bar (default: the value). */
  text?: string;
  title?: string;
}

export interface BarChartOptions {
  /** The axis maximum (default: the largest value or whisker). */
  max?: number;
  labelWidth?: number;
  width?: number;
  rowHeight?: number;
  color?: string;
}

export function barChart(bars: readonly Bar[], o: BarChartOptions = {}): string {
  const labelWidth = o.labelWidth ?? 170;
  const width = o.width ?? 640;
  const row = o.rowHeight ?? 22;
  const plot = width - labelWidth - 140; // room on the right for "86.7% [62–96]"
  const max = o.max ?? Math.max(1e-9, ...bars.map((b) => Math.max(b.value, b.high ?? 0)));
  const x = (v: number): number => labelWidth + (Math.max(0, v) / max) * plot;
  const height = bars.length * row + 8;
  const parts = bars.map((b, i) => {
    const y = 4 + i * row;
    const mid = y + row / 2;
    const whisker =
      b.low !== undefined && b.high !== undefined
        ? `<line x1="${x(b.low).toFixed(1)}" x2="${x(b.high).toFixed(1)}" y1="${mid}" y2="${mid}" class="ci"/>` +
          `<line x1="${x(b.low).toFixed(1)}" x2="${x(b.low).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}" class="ci"/>` +
          `<line x1="${x(b.high).toFixed(1)}" x2="${x(b.high).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}" class="ci"/>`
        : "";
    const title = b.title ? `<title>${esc(b.title)}</title>` : "";
    return (
      `<g>${title}<text x="${labelWidth - 6}" y="${mid + 4}" text-anchor="end">${esc(b.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${(x(b.value) - labelWidth).toFixed(1)}" height="${row - 6}" fill="${o.color ?? "#4f7cac"}"/>` +
      `${whisker}<text x="${(Math.max(x(b.value), x(b.high ?? 0)) + 6).toFixed(1)}" y="${mid + 4}">${esc(b.text ?? String(b.value))}</text></g>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${parts.join("")}</svg>`;
}
