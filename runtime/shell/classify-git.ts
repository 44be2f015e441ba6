/**
 * The git rules of the danger classifier: config keys that make git run a command (`core.fsmonitor`, aliases,
 * hooksPath …), repositories outside the project (`-C`, `--git-dir`), force pushes and deletions (abbreviated long
 * options included, as git accepts them), `reset --hard`, `clean -f`, and files git writes (`clone . DIR`).
 */
import type { DangerLevel } from "./classify.js";
import { flags, gitWriteTargets, hasLong } from "./classify-more.js";
import { classifyPath, type ShellPathContext } from "./shell-paths.js";
import type { Word } from "./tokenizer.js";

/** Where the git rules report: a reason at a level, a reason only a person may approve, files written. */
export interface GitSink {
  add(level: DangerLevel, reason: string): void;
  addPersonal(reason: string): void;
  writes(name: string, targets: Word[]): void;
}

/** Config keys whose value git runs as a command, or that redirect where git fetches from or sends credentials. */
export const GIT_CODE_KEYS =
  /^(core\.(sshcommand|hookspath|fsmonitor|pager|editor|askpass|gitproxy|worktree)|sequence\.editor|diff\.external|(diff|filter|merge)\..+\.(textconv|clean|smudge|process|driver|command)|alias\..+|credential\..*|url\..+\.(insteadof|pushinsteadof)|http\..*proxy|include(if)?\..*|uploadpack\..*|protocol\..*allow|gpg\.program|remote\..+\.(url|pushurl|uploadpack|receivepack))$/i;

function checkGitConfig(rest: Word[], v: GitSink): void {
  const values = rest.map((w) => w.value);
  const scope = values.find((x) => ["--global", "--system", "--file", "-f", "--blob"].includes(x));
  const writes =
    values.some((x) => /^--(add|replace-all|unset|unset-all|rename-section|remove-section|edit)$|^-e$|^set$/.test(x)) ||
    values.filter((x) => !x.startsWith("-")).length >= 2;
  if (!writes) return;
  if (scope) v.add("needs_approval", `git config ${scope} changes configuration outside the project`);
  const key = values.find((x) => !x.startsWith("-") && x !== "set" && x !== "unset");
  // Stored in .git/config, the command runs later — also when SmallCode itself runs git — so only a person may allow it.
  if (key && GIT_CODE_KEYS.test(key)) v.addPersonal(`git config ${key} can make git run a command or reach elsewhere`);
}

export function checkGit(args: Word[], ctx: ShellPathContext, v: GitSink): void {
  let i = 0;
  while (i < args.length && args[i]!.value.startsWith("-")) {
    const opt = args[i]!.value;
    const [name, inline] = opt.includes("=")
      ? [opt.slice(0, opt.indexOf("=")), opt.slice(opt.indexOf("=") + 1)]
      : [opt];
    const takesValue = ["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"].includes(name!);
    const value = inline !== undefined ? { ...args[i]!, value: inline } : takesValue ? args[i + 1] : undefined;
    if (name === "-c" && value && GIT_CODE_KEYS.test(value.value.split("=")[0] ?? "")) {
      v.add("needs_approval", `git -c ${value.value.split("=")[0]} can make git run a command`);
    } else if ((name === "-C" || name === "--git-dir" || name === "--work-tree") && value) {
      const where = classifyPath(value, ctx);
      if (where !== "inside")
        v.add("needs_approval", `git ${name} ${value.value} works on a repository outside the project`);
    } else if (name === "--exec-path" && value) v.add("needs_approval", "git --exec-path runs other programs as git");
    i += takesValue && inline === undefined ? 2 : 1;
  }
  const sub = args[i]?.value;
  const rest = args.slice(i + 1);
  const f = flags(rest);
  v.writes(`git ${sub}`, gitWriteTargets(sub, rest));
  if (sub === "push") {
    const force =
      f.short.has("f") ||
      f.short.has("d") ||
      [...f.long].some((l) => l.startsWith("--force")) ||
      ["--force", "--mirror", "--delete"].some((o) => hasLong(f.long, o, 5));
    if (force || f.args.some((a) => a.value.startsWith("+") || a.value.startsWith(":"))) {
      v.add("needs_approval", "git push that can overwrite or delete remote history");
    }
  } else if (sub === "reset" && (hasLong(f.long, "--hard", 5) || [...f.long].some((l) => l.startsWith("--hard="))))
    v.add("needs_approval", "git reset --hard discards uncommitted work");
  else if (sub === "clean" && (f.short.has("f") || hasLong(f.long, "--force", 5)))
    v.add("needs_approval", "git clean -f deletes untracked files");
  else if (sub === "config") checkGitConfig(rest, v);
}
