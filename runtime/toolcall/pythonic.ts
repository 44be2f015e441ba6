/**
 * A small recursive-descent reader for Python-style calls: `[f(a=1, b="x"), g()]`, `f(a=1)`, `print(api.f(x=[1]))`.
 * Used by the pythonic, LFM2, Gemma tool_code and Llama python_tag readers. Values are Python literals (strings with
 * any quote style, numbers, True/False/None, lists, tuples, dicts); JSON literals are accepted too. Depth is capped.
 */

export interface PyCall {
  name: string;
  kwargs: Record<string, unknown>;
  positional: unknown[];
  /** The reply ended inside this call's arguments (max_tokens). */
  truncated: boolean;
}

export interface PyParse {
  calls: PyCall[];
  /** Index just past what was read. */
  end: number;
}

class Truncated extends Error {}
class Mismatch extends Error {}
const MAX_DEPTH = 64;

export function parseCallList(text: string, start: number): PyParse | null {
  const p = new PyReader(text, start);
  try {
    return p.callList();
  } catch (err) {
    if (!(err instanceof Truncated)) return null;
    if (p.partial) return { calls: [...p.done, { ...p.partial, truncated: true }], end: text.length };
    return p.done.length > 0 ? { calls: p.done, end: text.length } : null;
  }
}

export function parseSingleCall(text: string, start: number): PyParse | null {
  const p = new PyReader(text, start);
  try {
    const call = p.call(0);
    return { calls: [call], end: p.i };
  } catch (err) {
    if (err instanceof Truncated && p.partial) return { calls: [{ ...p.partial, truncated: true }], end: text.length };
    return null;
  }
}

class PyReader {
  i: number;
  done: PyCall[] = [];
  partial: PyCall | undefined;
  constructor(
    private readonly s: string,
    start: number,
  ) {
    this.i = start;
  }

  callList(): PyParse {
    this.ws();
    this.expect("[");
    this.ws();
    while (this.peek() !== "]") {
      this.done.push(this.call(0));
      this.ws();
      if (this.peek() === ",") {
        this.i++;
        this.ws();
      } else if (this.peek() !== "]") this.fail();
    }
    this.i++;
    return { calls: this.done, end: this.i };
  }

  call(depth: number): PyCall {
    this.ws();
    const name = this.dotted();
    if (name === "") this.fail();
    this.ws();
    this.expect("(");
    const call: PyCall = { name, kwargs: {}, positional: [], truncated: false };
    if (depth === 0) this.partial = call;
    this.ws();
    while (this.peek() !== ")") {
      this.arg(call, depth);
      this.ws();
      if (this.peek() === ",") {
        this.i++;
        this.ws();
      } else if (this.peek() !== ")") this.fail();
    }
    this.i++;
    if (depth === 0) this.partial = undefined;
    return call;
  }

  private arg(call: PyCall, depth: number): void {
    const save = this.i;
    const key = this.ident();
    this.ws();
    if (key !== "" && this.peek() === "=" && this.s[this.i + 1] !== "=") {
      this.i++;
      call.kwargs[key] = this.value(depth + 1);
      return;
    }
    this.i = save;
    call.positional.push(this.value(depth + 1));
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail();
    this.ws();
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    if ((c === "r" || c === "f" || c === "b") && (this.s[this.i + 1] === '"' || this.s[this.i + 1] === "'")) {
      this.i++;
      return this.string();
    }
    if (c === "[" || c === "(") return this.sequence(c === "[" ? "]" : ")", depth);
    if (c === "{") return this.dict(depth);
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    const word = this.dotted();
    if (word === "") this.fail();
    const literal = LITERALS.get(word);
    if (literal !== undefined) return literal.v;
    this.ws();
    if (this.peek() === "(") {
      this.i = this.i - word.length;
      const nested = this.call(depth);
      return { [nested.name]: nested.kwargs };
    }
    return word; // a bare identifier: keep its name as text
  }

  private sequence(close: string, depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    while (this.peek() !== close) {
      out.push(this.value(depth + 1));
      this.ws();
      if (this.peek() === ",") this.i++;
      else if (this.peek() !== close) this.fail();
      this.ws();
    }
    this.i++;
    return out;
  }

  private dict(depth: number): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    this.ws();
    while (this.peek() !== "}") {
      const key = this.value(depth + 1);
      this.ws();
      this.expect(":");
      out[String(key)] = this.value(depth + 1);
      this.ws();
      if (this.peek() === ",") this.i++;
      else if (this.peek() !== "}") this.fail();
      this.ws();
    }
    this.i++;
    return out;
  }

  private string(): string {
    const q = this.peek();
    const triple = this.s.startsWith(q.repeat(3), this.i);
    const close = triple ? q.repeat(3) : q;
    this.i += close.length;
    let out = "";
    while (this.i < this.s.length) {
      if (this.s.startsWith(close, this.i)) {
        this.i += close.length;
        return out;
      }
      const ch = this.s[this.i] as string;
      if (ch === "\\") {
        const next = this.s[this.i + 1];
        if (next === undefined) break;
        out += ESCAPES.get(next) ?? (next === "\n" ? "" : "\\" + next);
        this.i += 2;
        continue;
      }
      if (ch === "\n" && !triple) this.fail();
      out += ch;
      this.i++;
    }
    throw new Truncated();
  }

  private number(): number {
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail();
    this.i += (m as RegExpExecArray)[0].length;
    return Number((m as RegExpExecArray)[0]);
  }

  private dotted(): string {
    let name = this.ident();
    while (name !== "" && this.peek() === "." && /[A-Za-z_]/.test(this.s[this.i + 1] ?? "")) {
      this.i++;
      name += "." + this.ident();
    }
    return name;
  }

  private ident(): string {
    const start = this.i;
    while (this.i < this.s.length && /[\w-]/.test(this.s[this.i] as string)) {
      if (this.i === start && /[\d-]/.test(this.s[this.i] as string)) break;
      this.i++;
    }
    return this.s.slice(start, this.i);
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }

  private peek(): string {
    if (this.i >= this.s.length) throw new Truncated();
    return this.s[this.i] as string;
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail();
    this.i++;
  }

  private fail(): never {
    throw new Mismatch();
  }
}

const LITERALS = new Map<string, { v: unknown }>([
  ["True", { v: true }],
  ["False", { v: false }],
  ["None", { v: null }],
  ["true", { v: true }],
  ["false", { v: false }],
  ["null", { v: null }],
]);

const ESCAPES = new Map<string, string>([
  ["n", "\n"],
  ["t", "\t"],
  ["r", "\r"],
  ["\\", "\\"],
  ["'", "'"],
  ['"', '"'],
  ["0", "\0"],
]);
