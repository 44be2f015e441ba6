/**
 * A bash word tokenizer: quotes, escapes, `$'…'`, parameter and command substitution (`$(…)`, backticks, nested),
 * arithmetic, comments, here-documents, control and redirection operators. Enough of bash's grammar to tell a command
 * from the text it prints, so the danger classifier and containment never match substrings.
 */

export interface Word {
  kind: "word";
  /** The word with quotes removed; expansions kept as written (e.g. "$HOME/x"). */
  value: string;
  /** Source text. */
  raw: string;
  /** Contains an unquoted or double-quoted expansion ($VAR, $(…), `…`): its value is only known at run time. */
  dynamic: boolean;
  /** Contains an unquoted glob character. */
  glob: boolean;
  /** Starts with an unquoted `~`. */
  tilde: boolean;
  /** Command substitutions and process substitutions inside the word, as source text. */
  subs: string[];
}

export interface Op {
  kind: "op";
  /** `;` (also newline), `&&`, `||`, `|`, `|&`, `&`, `(`, `)`, `;;`, or a redirection (`>`, `>>`, `2>`, `<<` …). */
  value: string;
}

export type Token = Word | Op;

export interface TokenizeResult {
  tokens: Token[];
  /** Set when the input ends inside a quote or substitution. */
  error?: string;
}

const OPS = [
  "&>>",
  "<<<",
  "<<-",
  ";;&",
  "&&",
  "||",
  ";;",
  ";&",
  "|&",
  ">>",
  "<<",
  ">&",
  "<&",
  ">|",
  "&>",
  "<>",
  ";",
  "|",
  "&",
  "(",
  ")",
  "<",
  ">",
  "\n",
];
const META = new Set([" ", "\t", "\n", ";", "|", "&", "(", ")", "<", ">"]);

export function isRedirect(op: string): boolean {
  return /^\d*(<<<|<<-|<<|>>|>&|<&|>\||&>>|&>|<>|<|>)$/.test(op);
}

/** Index just past the `close` that balances the opener before `start`, skipping quotes; -1 when unbalanced. */
function skipBalanced(s: string, start: number, open: string, close: string): number {
  let depth = 1;
  for (let i = start; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") i++;
    else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) return -1;
      i = j;
    } else if (c === '"') {
      const j = skipDouble(s, i + 1);
      if (j < 0) return -1;
      i = j - 1;
    } else if (c === "`") {
      const j = skipBacktick(s, i + 1);
      if (j < 0) return -1;
      i = j - 1;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
  }
  return -1;
}

function skipBacktick(s: string, start: number): number {
  for (let i = start; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === "`") return i + 1;
  }
  return -1;
}

/** Index just past the closing `"` of a double-quoted string whose body starts at `start`; -1 when unterminated. */
function skipDouble(s: string, start: number): number {
  for (let i = start; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if (c === "$" && s[i + 1] === "(") {
      const j = skipBalanced(s, i + 2, "(", ")");
      if (j < 0) return -1;
      i = j - 1;
    } else if (c === "`") {
      const j = skipBacktick(s, i + 1);
      if (j < 0) return -1;
      i = j - 1;
    }
  }
  return -1;
}

const ANSI: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
};

class WordBuilder {
  value = "";
  dynamic = false;
  glob = false;
  tilde = false;
  subs: string[] = [];
}

/** Reads a `$…` expansion at s[i] === "$"; returns the index past it. */
function readDollar(s: string, i: number, w: WordBuilder, quoted: boolean): number {
  const next = s[i + 1];
  if (next === "(" && s[i + 2] === "(") {
    const j = skipBalanced(s, i + 3, "(", ")");
    const end = j < 0 ? s.length : j + 1;
    w.value += s.slice(i, end);
    w.dynamic = true;
    return end;
  }
  if (next === "(") {
    const j = skipBalanced(s, i + 2, "(", ")");
    const end = j < 0 ? s.length : j;
    w.subs.push(s.slice(i + 2, j < 0 ? s.length : j - 1));
    w.value += s.slice(i, end);
    w.dynamic = true;
    return end;
  }
  if (next === "{") {
    const j = skipBalanced(s, i + 2, "{", "}");
    const end = j < 0 ? s.length : j;
    w.value += s.slice(i, end);
    w.dynamic = true;
    return end;
  }
  if (next === "'" && !quoted) {
    let k = i + 2;
    for (; k < s.length && s[k] !== "'"; k++) {
      if (s[k] === "\\" && k + 1 < s.length) {
        // Numeric escapes too (`$'\x72m'`, `$'\162m'`, `$'\u0072m'`): bash decodes them, so a command name spelled
        // that way is the command it decodes to.
        const num = /^(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3})/.exec(s.slice(k + 1));
        if (num) {
          const t = num[1]!;
          const code = /^[xuU]/.test(t) ? parseInt(t.slice(1), 16) : parseInt(t, 8);
          w.value += code <= 0x10ffff ? String.fromCodePoint(code) : "";
          k += t.length;
          continue;
        }
        k++;
        w.value += ANSI[s[k]!] ?? `\\${s[k]}`;
      } else w.value += s[k];
    }
    return k + 1;
  }
  const m = /^(\w+|[@*#?$!0-9-])/.exec(s.slice(i + 1));
  if (m) {
    w.value += `$${m[1]}`;
    w.dynamic = true;
    return i + 1 + m[1]!.length;
  }
  w.value += "$";
  return i + 1;
}

function readDoubleBody(s: string, i: number, w: WordBuilder): number {
  while (i < s.length && s[i] !== '"') {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length && '$`"\\\n'.includes(s[i + 1]!)) {
      if (s[i + 1] !== "\n") w.value += s[i + 1];
      i += 2;
    } else if (c === "$") i = readDollar(s, i, w, true);
    else if (c === "`") i = readBacktick(s, i, w);
    else {
      w.value += c;
      i++;
    }
  }
  return i + 1;
}

function readBacktick(s: string, i: number, w: WordBuilder): number {
  const j = skipBacktick(s, i + 1);
  const end = j < 0 ? s.length : j;
  w.subs.push(s.slice(i + 1, j < 0 ? s.length : j - 1).replace(/\\([`$\\])/g, "$1"));
  w.value += s.slice(i, end);
  w.dynamic = true;
  return end;
}

/** Reads one word starting at i; returns the word and the index past it. */
function readWord(s: string, start: number): { word: Word; end: number; error?: string } {
  const w = new WordBuilder();
  let i = start;
  let error: string | undefined;
  if (s[i] === "~") w.tilde = true;
  const procSubAt = (k: number) => (s[k] === "<" || s[k] === ">") && s[k + 1] === "(";
  while (i < s.length && (!META.has(s[i]!) || procSubAt(i))) {
    const c = s[i]!;
    if (c === "\\") {
      if (s[i + 1] !== "\n" && i + 1 < s.length) w.value += s[i + 1];
      i += 2;
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) error = "unterminated single quote";
      w.value += s.slice(i + 1, j < 0 ? s.length : j);
      i = j < 0 ? s.length : j + 1;
    } else if (c === '"') {
      if (skipDouble(s, i + 1) < 0) error = "unterminated double quote";
      i = readDoubleBody(s, i + 1, w);
    } else if (c === "$") i = readDollar(s, i, w, false);
    else if (c === "`") i = readBacktick(s, i, w);
    else if ((c === "<" || c === ">") && s[i + 1] === "(") {
      const j = skipBalanced(s, i + 2, "(", ")");
      w.subs.push(s.slice(i + 2, j < 0 ? s.length : j - 1));
      w.dynamic = true;
      w.value += s.slice(i, j < 0 ? s.length : j);
      i = j < 0 ? s.length : j;
    } else {
      if (c === "*" || c === "?" || c === "[") w.glob = true;
      w.value += c;
      i++;
    }
  }
  const word: Word = {
    kind: "word",
    value: w.value,
    raw: s.slice(start, i),
    dynamic: w.dynamic,
    glob: w.glob,
    tilde: w.tilde,
    subs: w.subs,
  };
  return error ? { word, end: i, error } : { word, end: i };
}

/** Skips here-document bodies that start after the newline at `i`; returns the index past the last body. */
function skipHeredocs(s: string, i: number, pending: Array<{ delim: string; strip: boolean }>): number {
  let pos = i;
  for (const { delim, strip } of pending) {
    for (;;) {
      if (pos >= s.length) return s.length;
      const nl = s.indexOf("\n", pos);
      const line = s.slice(pos, nl < 0 ? s.length : nl);
      pos = nl < 0 ? s.length : nl + 1;
      if ((strip ? line.replace(/^\t+/, "") : line) === delim) break;
    }
  }
  pending.length = 0;
  return pos;
}

export function tokenize(src: string): TokenizeResult {
  const tokens: Token[] = [];
  const heredocs: Array<{ delim: string; strip: boolean }> = [];
  let error: string | undefined;
  let i = 0;
  let atWordStart = true;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "#" && atWordStart) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    const procSub = (c === "<" || c === ">") && src[i + 1] === "(";
    const op = procSub ? undefined : OPS.find((o) => src.startsWith(o, i));
    if (op !== undefined) {
      const prev = tokens[tokens.length - 1];
      let value = op === "\n" ? ";" : op;
      // "2>" and friends: a bare number right before a redirection is its file descriptor.
      if (isRedirect(op) && prev?.kind === "word" && /^\d+$/.test(prev.raw) && src[i - 1] === prev.raw.at(-1)) {
        tokens.pop();
        value = prev.raw + op;
      }
      tokens.push({ kind: "op", value });
      i += op.length;
      if (op === "\n" && heredocs.length > 0) i = skipHeredocs(src, i, heredocs);
      if (op === "<<" || op === "<<-") {
        while (src[i] === " " || src[i] === "\t") i++;
        const { word, end } = readWord(src, i);
        heredocs.push({ delim: word.value, strip: op === "<<-" });
        tokens.push(word);
        i = end;
      }
      atWordStart = true;
      continue;
    }
    const { word, end, error: e } = readWord(src, i);
    if (e) error ??= e;
    tokens.push(word);
    i = end;
  }
  return error ? { tokens, error } : { tokens };
}
