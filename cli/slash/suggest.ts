/** "Did you mean" for mistyped slash commands: a unique prefix first, then the nearest name by edit distance. */
import { editDistance } from "../../runtime/config/suggest.js";

/** The closest real name to `written`, or undefined when nothing is close enough to be a typo. */
export function closestCommand(written: string, names: readonly string[]): string | undefined {
  const w = written.toLowerCase();
  if (w === "") return undefined;
  const prefixed = names.filter((n) => n.startsWith(w));
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(w, name);
    if (!best || d < best.d || (d === best.d && name < best.name)) best = { name, d };
  }
  if (!best) return prefixed[0];
  const limit = Math.max(1, Math.floor(Math.max(w.length, best.name.length) / 3));
  return best.d <= limit ? best.name : prefixed[0];
}
