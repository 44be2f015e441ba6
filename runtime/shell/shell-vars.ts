/**
 * Shell variables the danger classifier can know without running anything: values a command line assigns statically
 * (`D=/etc; touch $D/x`), and a command name held in such a variable (`X=rm; $X -rf …`).
 */
import type { SimpleCommand } from "./parse.js";
import { staticValue } from "./shell-paths.js";
import type { Word } from "./tokenizer.js";

/** A command name held in a known variable, made static, so it is judged as that command. */
export function resolveCommandName(words: Word[], home: string, vars: ReadonlyMap<string, string> | undefined): Word[] {
  const first = words[0];
  if (!first?.dynamic) return words;
  const value = staticValue(first, home, vars);
  if (value === null) return words;
  return [{ ...first, value, dynamic: false }, ...words.slice(1)];
}

/** `NAME=value` (alone, or after export/declare/local/readonly): remembered when static, forgotten otherwise. */
export function trackAssignments(cmd: SimpleCommand, home: string, vars: Map<string, string>): void {
  const first = cmd.words[0]?.value ?? "";
  const declares = ["export", "declare", "local", "readonly", "typeset"].includes(first);
  if (cmd.words.length > 0 && !declares) return;
  const words = declares ? cmd.words.slice(1).filter((w) => !w.value.startsWith("-")) : cmd.assignments;
  for (const w of words) {
    const eq = w.value.indexOf("=");
    if (eq <= 0) continue;
    const name = w.value.slice(0, eq);
    const value = staticValue(
      { ...w, value: w.value.slice(eq + 1), tilde: w.value.slice(eq + 1).startsWith("~") },
      home,
      vars,
    );
    if (value === null) vars.delete(name);
    else vars.set(name, value);
  }
}
