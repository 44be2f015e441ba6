/**
 * More of the danger classifier (classify.ts hands each simple command here too): files that commands write through
 * an option or a position rather than a redirection (`tar -C DIR -x`, `sort -o FILE`, `gzip FILE`, `git clone . DIR`),
 * sources that `mv` deletes, long options abbreviated the way GNU getopt and git accept (`--forc`), command words
 * that bash splits or expands into a different command (`{rm,-rf,/}`, `rm${IFS}-rf`, a changed IFS), scripts that
 * arrive on a shell's stdin, and commands that print other processes' environments (where the user's key lives).
 */
import { baseName, type SimpleCommand } from "./parse.js";
import { expandBraces } from "./heredoc.js";
import type { Word } from "./tokenizer.js";

/** Short flags, long flags (without their `=value`) and the remaining arguments; `--` ends the options. */
export function flags(words: Word[]): { short: Set<string>; long: Set<string>; args: Word[] } {
  const short = new Set<string>();
  const long = new Set<string>();
  const args: Word[] = [];
  let done = false;
  for (const w of words) {
    if (!done && w.value === "--") done = true;
    else if (!done && w.value.startsWith("--")) long.add(w.value.split("=")[0]!);
    else if (!done && w.value.startsWith("-") && w.value.length > 1) for (const c of w.value.slice(1)) short.add(c);
    else args.push(w);
  }
  return { short, long, args };
}

/** Positional arguments (not options), skipping the values of the options listed in `valued`. */
function positionals(args: Word[], valued: ReadonlySet<string> = new Set()): Word[] {
  const out: Word[] = [];
  let done = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (!done && v === "--") done = true;
    else if (!done && v.startsWith("-") && v.length > 1) {
      if (valued.has(v)) i++;
    } else out.push(args[i]!);
  }
  return out;
}

/** The value of `-o FILE`, `-oFILE`, `--output FILE` or `--output=FILE` style options. */
function optionValues(args: Word[], short: readonly string[], long: readonly string[]): Word[] {
  const out: Word[] = [];
  args.forEach((a, i) => {
    const v = a.value;
    for (const s of short) {
      if (v === s && args[i + 1]) out.push(args[i + 1]!);
      else if (v.startsWith(s) && v.length > s.length && !v.startsWith("--"))
        out.push({ ...a, value: v.slice(s.length) });
    }
    for (const l of long) {
      if (v === l && args[i + 1]) out.push(args[i + 1]!);
      else if (v.startsWith(`${l}=`)) out.push({ ...a, value: v.slice(l.length + 1) });
    }
  });
  return out;
}

const COMPRESSORS = new Set(["gzip", "gunzip", "bzip2", "bunzip2", "xz", "unxz", "lzma", "zstd", "lz4", "compress"]);

/** Files or directories a command writes through options or positions the generic writer rules do not see. */
export function optionWriteTargets(name: string, args: Word[]): Word[] {
  const pos = () => positionals(args);
  switch (name) {
    case "tar": {
      const first = args[0]?.value ?? "";
      // `tar cf FILE`, `tar -cf FILE`, `tar --file=FILE`: the archive is written when creating or appending.
      const mode = first.startsWith("-")
        ? args.map((a) => (/^-[a-zA-Z]+$/.test(a.value) ? a.value : "")).join("")
        : first;
      const creates = /[cruA]/.test(mode) || args.some((a) => /^--(create|append|update|catenate)$/.test(a.value));
      const out = optionValues(args, ["-C"], ["--directory"]);
      if (creates) out.push(...optionValues(args, [], ["--file"]));
      if (creates) {
        args.forEach((a, i) => {
          if (/^-?[a-zA-Z]*f$/.test(a.value) && !a.value.startsWith("--") && args[i + 1]) out.push(args[i + 1]!);
        });
      }
      return out;
    }
    case "zip":
      return pos().slice(0, 1);
    case "sort":
      return optionValues(args, ["-o"], ["--output"]);
    case "uniq":
    case "split":
    case "csplit":
      // The second positional is the output (file or prefix); option values such as `-b 4` are not positionals.
      return positionals(args, new Set(["-a", "-b", "-C", "-l", "-n", "-t", "-f", "-s", "-w", "-k", "-z"])).slice(1, 2);
    case "flock":
    case "sqlite3":
      return pos()
        .slice(0, 1)
        .filter((w) => w.value !== ":memory:");
    case "ssh-keygen":
      return optionValues(args, ["-f"], []);
    case "mkfifo":
    case "mknod":
      return pos().slice(0, 1);
    case "curl":
      return optionValues(args, ["-o"], ["--output"]);
    case "wget":
      return optionValues(args, ["-O", "-P"], ["--output-document", "--directory-prefix"]);
    case "patch":
      return [...optionValues(args, ["-o"], ["--output"]), ...pos().slice(0, 1)];
    case "perl": {
      // `perl -pi -e CODE FILE…`: in-place edits of every file argument (the word after an `-…e` option is code).
      if (!args.some((a) => /^-[a-zA-Z]*i/.test(a.value))) return [];
      const files: Word[] = [];
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!.value;
        if (/^-[a-zA-Z]*[eE]$/.test(v)) i++;
        else if (!v.startsWith("-")) files.push(args[i]!);
      }
      return files;
    }
    case "cp":
    case "mv":
    case "install":
    case "ln":
      return optionValues(args, [], ["--target-directory"]);
    default:
      if (COMPRESSORS.has(name) && !args.some((a) => /^-[a-zA-Z]*c|^--(stdout|to-stdout)$/.test(a.value))) return pos();
      return [];
  }
}

/** `git init DIR`, `git clone SRC DIR`, `git bundle create FILE`, `git archive -o FILE`, `git worktree add DIR`. */
export function gitWriteTargets(sub: string | undefined, rest: Word[]): Word[] {
  const valued = new Set(["-b", "--branch", "-o", "--origin", "--template", "--separate-git-dir", "--depth", "-c"]);
  const pos = positionals(rest, valued);
  if (sub === "init") return pos.slice(0, 1);
  if (sub === "clone") return pos.slice(1, 2);
  if (sub === "bundle" && pos[0]?.value === "create") return pos.slice(1, 2);
  if (sub === "archive") return optionValues(rest, ["-o"], ["--output"]);
  if (sub === "worktree" && pos[0]?.value === "add") return pos.slice(1, 2);
  return [];
}

/** `mv SRC… DEST`: each source disappears from where it was. */
export function mvSources(args: Word[]): Word[] {
  if (args.some((a) => a.value === "-t" || a.value.startsWith("--target-directory"))) {
    return positionals(args, new Set(["-t"]));
  }
  return positionals(args).slice(0, -1);
}

/** True when a long option in `long` is `full` or an abbreviation of it that getopt/git would accept (`--forc`). */
export function hasLong(long: ReadonlySet<string>, full: string, minLength = 4): boolean {
  for (const l of long) if (l === full || (l.length >= minLength && full.startsWith(l))) return true;
  return false;
}

/**
 * A command line that bash turns into a different one before running it: a brace list in the command word
 * (`{rm,-rf,/}`), `$IFS` inside words (`rm${IFS}-rf${IFS}/`), or words split by a changed IFS (`IFS=,; $x`). Returns
 * the text bash will run, for the classifier to judge as a command of its own, or null.
 */
export function respelled(words: Word[], resolvedValues: string[], ifs: string | undefined): string | null {
  const first = words[0]?.value ?? "";
  if (/^\{[^}]*,[^}]*\}$/.test(first) && !words[0]!.dynamic) {
    return [...expandBraces(first), ...words.slice(1).map((w) => w.value)].join(" ");
  }
  if (words.some((w) => /\$\{?IFS\}?/.test(w.value))) {
    return words.map((w) => w.value.replace(/\$\{IFS\}|\$IFS\b/g, " ")).join(" ");
  }
  if (ifs !== undefined && ifs !== "" && words[0]?.dynamic) {
    const chars = [...ifs].map((c) => c.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("");
    const split = resolvedValues.join(" ").replace(new RegExp(`[${chars}]`, "g"), " ");
    if (split !== resolvedValues.join(" ")) return split;
  }
  return null;
}

/** Shell and code runners that read their script from stdin when no script argument is given. */
const STDIN_SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "busybox"]);

/** `… | sh`, `… | source /dev/stdin`, `bash < <(…)`: a script only known when it arrives. */
export function stdinScript(cmd: SimpleCommand, words: Word[], fromPipe: boolean): string | null {
  const name = words[0] ? baseName(words[0].value) : "";
  const args = words.slice(1);
  const reads =
    ((name === "source" || name === ".") && /^\/dev\/(stdin|fd\/0)$|^-$/.test(args[0]?.value ?? "")) ||
    (STDIN_SHELLS.has(name) &&
      !args.some((a) => /^-[a-z]*c[a-z]*$/.test(a.value)) &&
      (positionals(args).length === 0 ||
        (name === "busybox" && positionals(args).length === 1) ||
        args.some((a) => a.value === "-s" || a.value === "-")));
  if (!reads) return null;
  if (fromPipe) return `${name} runs a script piped into it (only known when it runs)`;
  const fromSub = cmd.redirects.some(
    (r) => r.op === "<" && r.target && (r.target.subs.length > 0 || r.target.value.startsWith("<(")),
  );
  return fromSub ? `${name} runs a script from a process substitution` : null;
}

const RECURSIVE_SEARCH = new Set(["grep", "egrep", "fgrep", "rg", "ag", "ack"]);

/** Directory arguments of a recursive search (`grep -r X ~/.config`, `rg X ~`): every file below is read. */
export function recursiveSearchRoots(name: string, args: Word[]): Word[] {
  if (!RECURSIVE_SEARCH.has(name)) return [];
  const recursive =
    name === "rg" ||
    name === "ag" ||
    name === "ack" ||
    args.some((a) => /^-[a-zA-Z]*[rR]|^--(recursive|dereference-recursive)$/.test(a.value));
  return recursive ? positionals(args, new Set(["-e", "-f", "-m", "-A", "-B", "-C", "-g", "-t", "-T"])) : [];
}

/** `ps e`, `ps auxe`, `ps eww`: BSD-style options with `e` print every process's environment. */
export function psShowsEnvironment(name: string, args: Word[]): boolean {
  return name === "ps" && args.some((a) => /^[a-zA-Z]*e[a-zA-Z]*$/.test(a.value) && !a.value.startsWith("-"));
}

/** Inline code that forks in a loop (`perl -e 'fork while 1'`, a python `while 1: os.fork()`). */
export function forkLoopCode(code: string): boolean {
  return /\bfork\b/.test(code) && /\b(while|for|loop|until|repeat)\b/.test(code);
}

/** `pkill -u USER`, `killall -u USER`, `killall5`: signals every process of a user. */
export function killsAllOfUser(name: string, args: Word[]): boolean {
  if (name === "killall5") return true;
  return (name === "pkill" || name === "killall") && args.some((a) => a.value === "-u" || a.value.startsWith("--user"));
}
