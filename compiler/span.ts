/** Spans from character offsets, clamped so that a span always lies inside its file (even for recovered nodes). */
import type { Span } from "./ast.js";

export class LineMap {
  readonly #starts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.#starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.#starts.push(i + 1);
    }
  }

  /** 1-based line and column of a 0-based offset (clamped to the file). */
  position(offset: number): { line: number; column: number } {
    const at = Math.min(Math.max(0, Number.isFinite(offset) ? offset : 0), this.text.length);
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (this.#starts[lo] ?? 0) + 1 };
  }

  /** A span from `start` (inclusive) to `end` (exclusive), clamped into the file. */
  span(start: number, end: number): Span {
    const s = Math.min(Math.max(0, Number.isFinite(start) ? start : this.text.length), this.text.length);
    const e = Math.min(Math.max(s, Number.isFinite(end) ? end : s), this.text.length);
    const { line, column } = this.position(s);
    return { file: this.file, line, column, length: e - s, offset: s };
  }

  /** A zero-length span at the end of the file. */
  end(): Span {
    return this.span(this.text.length, this.text.length);
  }
}

/** The span covering both `a` and `b` (same file). */
export function joinSpans(a: Span, b: Span): Span {
  if (b.offset < a.offset) return joinSpans(b, a);
  const end = Math.max(a.offset + a.length, b.offset + b.length);
  return { ...a, length: end - a.offset };
}
