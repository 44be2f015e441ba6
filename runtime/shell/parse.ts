/**
 * From tokens to simple commands: words, redirections, subshell depth and the operator that joins each command to the
 * next. Compound-command keywords (if, then, do, `{` …) are stripped so the command they guard is what gets checked.
 */
import { isRedirect, tokenize, type Word } from "./tokenizer.js";

export interface Redirect {
  op: string;
  target: Word | undefined;
}

export interface SimpleCommand {
  /** Words after leading keywords and assignments; words[0] is the command name (may be missing: `X=1`). */
  words: Word[];
  assignments: Word[];
  redirects: Redirect[];
  /** How many `(` subshells enclose it. */
  depth: number;
  /** Ids of the enclosing subshells, outermost first (each `(` gets a new id). */
  scope: number[];
  /** The operator after it (`;`, `&&`, `||`, `|`, `|&`, `&`), or "" at the end. */
  next: string;
  /** The operator before it ("" at the start). */
  prev: string;
  /** Set when this is a function definition `name() { … }`: the name. */
  defines?: string;
}

export interface ParsedScript {
  commands: SimpleCommand[];
  /** Set when the input ends inside a quote or substitution. */
  error?: string;
}

const KEYWORDS = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "{",
  "}",
  "!",
  "time",
  "function",
  "[[",
  "]]",
]);
const LIST_HEAD = new Set(["for", "select", "case"]);
const ASSIGNMENT = /^[A-Za-z_]\w*(\[[^\]]*\])?\+?=/;

function emptyCommand(scope: number[], prev: string): SimpleCommand {
  return { words: [], assignments: [], redirects: [], depth: scope.length, scope: [...scope], next: "", prev };
}

export function parseScript(src: string): ParsedScript {
  const { tokens, error } = tokenize(src);
  const commands: SimpleCommand[] = [];
  const scope: number[] = [];
  let nextScope = 1;
  let cur = emptyCommand(scope, "");
  let skipping = false; // inside a `for x in …` / `case … in` head until the next separator
  const flush = (next: string) => {
    cur.next = next;
    const used = cur.words.length > 0 || cur.redirects.length > 0 || cur.assignments.length > 0;
    if (used || cur.defines !== undefined) commands.push(cur);
    cur = emptyCommand(scope, next);
    skipping = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "op") {
      if (isRedirect(t.value)) {
        const target = tokens[i + 1];
        cur.redirects.push({ op: t.value, target: target?.kind === "word" ? target : undefined });
        if (target?.kind === "word") i++;
      } else if (t.value === "(") {
        const close = tokens[i + 1];
        if (cur.words.length === 1 && close?.kind === "op" && close.value === ")") {
          cur.defines = cur.words[0]!.value;
          cur.words = [];
          i++;
          flush(";");
        } else {
          flush(";");
          scope.push(nextScope++);
          cur = emptyCommand(scope, cur.prev);
        }
      } else if (t.value === ")") {
        flush(";");
        scope.pop();
        cur = emptyCommand(scope, cur.prev);
      } else flush(t.value);
      continue;
    }
    if (skipping) continue;
    if (cur.words.length === 0) {
      if (KEYWORDS.has(t.value) && !t.dynamic) continue;
      if (LIST_HEAD.has(t.value)) {
        skipping = true;
        continue;
      }
      if (ASSIGNMENT.test(t.value)) {
        cur.assignments.push(t);
        continue;
      }
    }
    cur.words.push(t);
  }
  flush("");
  return error ? { commands, error } : { commands };
}

/** Commands that run another command given as their arguments (after their own options). */
const WRAPPERS: Record<string, { argOpts: Set<string>; skipsFirst?: boolean }> = {
  sudo: { argOpts: new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"]) },
  doas: { argOpts: new Set(["-u", "-C"]) },
  env: { argOpts: new Set(["-u", "-C", "-S", "--chdir", "--unset"]) },
  nohup: { argOpts: new Set() },
  time: { argOpts: new Set(["-f", "-o"]) },
  nice: { argOpts: new Set(["-n"]) },
  ionice: { argOpts: new Set(["-c", "-n", "-p"]) },
  command: { argOpts: new Set() },
  builtin: { argOpts: new Set() },
  exec: { argOpts: new Set(["-a"]) },
  stdbuf: { argOpts: new Set(["-i", "-o", "-e"]) },
  timeout: { argOpts: new Set(["-s", "-k", "--signal", "--kill-after"]), skipsFirst: true },
  xargs: { argOpts: new Set(["-I", "-n", "-P", "-L", "-d", "-E", "-s", "-a"]) },
  chronic: { argOpts: new Set() },
  unbuffer: { argOpts: new Set() },
};

export function baseName(word: string): string {
  const slash = word.lastIndexOf("/");
  return slash < 0 ? word : word.slice(slash + 1);
}

/** Strips wrappers (sudo, env, nohup, timeout, xargs …); returns the inner words and which wrappers were seen. */
export function unwrap(words: Word[]): { words: Word[]; wrappers: string[] } {
  const wrappers: string[] = [];
  let rest = words;
  for (;;) {
    const name = rest[0] ? baseName(rest[0].value) : "";
    const spec = WRAPPERS[name];
    if (!spec) return { words: rest, wrappers };
    wrappers.push(name);
    let i = 1;
    while (i < rest.length) {
      const v = rest[i]!.value;
      if (v === "--") {
        i++;
        break;
      }
      if (spec.argOpts.has(v)) i += 2;
      else if (v.startsWith("-") || (name === "env" && ASSIGNMENT.test(v))) i++;
      else break;
    }
    if (spec.skipsFirst) i++;
    rest = rest.slice(i);
  }
}
