/**
 * Here-document bodies, read from the raw script text (the tokenizer skips them): `bash <<EOF … EOF` and
 * `python3 - <<'EOF' … EOF` run their body, so the danger classifier must see it too.
 */

/** The bodies of every `<<DELIM` / `<<-DELIM` here-document in `src`, in order. */
export function heredocBodies(src: string): string[] {
  const out: string[] = [];
  const re = /<<-?[ \t]*(["']?)([A-Za-z_][\w-]*)\1[^\n]*\n/g;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const delim = m[2]!;
    const start = m.index + m[0].length;
    const end = new RegExp(`^[ \\t]*${delim}[ \\t]*$`, "m");
    const rest = src.slice(start);
    const at = rest.search(end);
    out.push(at < 0 ? rest : rest.slice(0, at));
  }
  return out;
}

/** Simple brace expansion of one word (`{a,b}`, `x{,.bak}`), one level, at most 64 results. */
export function expandBraces(word: string): string[] {
  const m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/.exec(word);
  if (!m) return [word];
  return m[2]!
    .split(",")
    .slice(0, 64)
    .flatMap((alt) => expandBraces(`${m[1]}${alt}${m[3]}`))
    .slice(0, 64);
}
