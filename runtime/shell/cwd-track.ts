/**
 * Follows the working directory through a parsed script without running it: `cd`/`pushd` with literal targets move
 * it, subshells get their own copy, anything only known at run time makes it unknown (null).
 */
import * as path from "node:path";
import { baseName, unwrap, type SimpleCommand } from "./parse.js";
import { realish, staticValue } from "./shell-paths.js";
import type { Word } from "./tokenizer.js";

export type CdKind = "cd" | "pushd" | "popd";

export interface CdStep {
  kind: CdKind;
  /** The target word (none for `cd` alone, `cd -`, `popd`, `pushd` alone). */
  target?: Word;
  /** Where it goes, when known: an absolute real path (symlinks resolved where the path exists). */
  to: string | null;
  /** Why `to` is unknown. */
  unknown?: "dynamic" | "stack" | "cwd_unknown";
}

/** The directory change a command makes, if it is a cd, pushd or popd; null otherwise. */
export function cdStep(cmd: SimpleCommand, cwd: string | null, home: string): CdStep | null {
  const { words } = unwrap(cmd.words);
  const name = words[0] ? baseName(words[0].value) : "";
  if (name !== "cd" && name !== "pushd" && name !== "popd") return null;
  if (name === "popd") return { kind: "popd", to: null, unknown: "stack" };
  const args = words.slice(1).filter((w) => !/^-[LPe@]+$/.test(w.value));
  if (args[0]?.value === "--") args.shift();
  const target = args[0];
  if (target === undefined) {
    return name === "cd" ? { kind: "cd", to: realish(home) } : { kind: "pushd", to: null, unknown: "stack" };
  }
  if (target.value === "-" || /^[+-]\d+$/.test(target.value)) return { kind: name, target, to: null, unknown: "stack" };
  const v = staticValue(target, home);
  if (v === null) return { kind: name, target, to: null, unknown: "dynamic" };
  if (!path.isAbsolute(v) && cwd === null) return { kind: name, target, to: null, unknown: "cwd_unknown" };
  return { kind: name, target, to: realish(path.resolve(cwd ?? "/", v)) };
}

/** The cwd each command runs in, per subshell scope. */
export class CwdTracker {
  private readonly scopes = new Map<string, string | null>();

  constructor(
    private readonly start: string | null,
    private readonly home: string,
  ) {}

  /** The cwd `cmd` runs in. */
  cwdFor(cmd: SimpleCommand): string | null {
    const key = cmd.scope.join(",");
    if (this.scopes.has(key)) return this.scopes.get(key)!;
    for (let n = cmd.scope.length - 1; n >= 0; n--) {
      const parent = cmd.scope.slice(0, n).join(",");
      if (this.scopes.has(parent)) {
        const inherited = this.scopes.get(parent)!;
        this.scopes.set(key, inherited);
        return inherited;
      }
    }
    this.scopes.set(key, this.start);
    return this.start;
  }

  /** Records the effect of `cmd` (after `cwdFor`); returns its cd step, if any. */
  apply(cmd: SimpleCommand): CdStep | null {
    const step = cdStep(cmd, this.cwdFor(cmd), this.home);
    if (step !== null) this.scopes.set(cmd.scope.join(","), step.to);
    return step;
  }
}
