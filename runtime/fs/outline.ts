/**
 * A structural outline of a source file, by one regular expression per line: imports and declarations with their
 * line numbers. Used when a file is too large to show whole, so the model can pick a range to read. Never a summary.
 */
import * as path from "node:path";

export interface OutlineEntry {
  line: number;
  text: string;
}

type Family = "js" | "py" | "go" | "rust" | "jvm" | "c" | "ruby" | "php" | "shell" | "markdown" | "generic";

const EXT_FAMILY: Record<string, Family> = {
  ts: "js",
  tsx: "js",
  js: "js",
  jsx: "js",
  mjs: "js",
  cjs: "js",
  mts: "js",
  cts: "js",
  vue: "js",
  svelte: "js",
  py: "py",
  pyi: "py",
  go: "go",
  rs: "rust",
  java: "jvm",
  kt: "jvm",
  kts: "jvm",
  scala: "jvm",
  cs: "jvm",
  swift: "jvm",
  dart: "jvm",
  c: "c",
  h: "c",
  cc: "c",
  cpp: "c",
  cxx: "c",
  hpp: "c",
  hh: "c",
  m: "c",
  rb: "ruby",
  php: "php",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  md: "markdown",
  markdown: "markdown",
  mdx: "markdown",
};

const PATTERNS: Record<Family, RegExp[]> = {
  js: [
    /^\s*import\s.+/,
    /^\s*export\s+(default\s+)?(async\s+)?(function|class|interface|type|enum|const|let|var|abstract|namespace|declare)\b/,
    /^\s*(async\s+)?function\s*\*?\s*\w+\s*\(/,
    /^\s*(abstract\s+)?class\s+\w+/,
    /^\s*(interface|type|enum|namespace)\s+\w+/,
    /^\s*(const|let|var)\s+\w+\s*(:[^=]+)?=\s*(async\s+)?(\([^)]*\)|\w+)\s*(:[^=]+)?=>/,
    /^\s{2,4}(public\s+|private\s+|protected\s+|static\s+|async\s+|readonly\s+|get\s+|set\s+)*#?\w+\s*(<[^>]*>)?\([^;]*\)\s*(:\s*[^={;]+)?\{\s*$/,
    /^export\s*\{/,
  ],
  py: [/^\s*(import|from)\s+\S+/, /^\s*(async\s+)?def\s+\w+/, /^\s*class\s+\w+/, /^@\w+/],
  go: [/^import\b/, /^\s+"[^"]+"$/, /^func\b/, /^type\s+\w+/, /^(var|const)\s+\w+/],
  rust: [/^\s*(pub(\([^)]*\))?\s+)?(use|mod|fn|async fn|struct|enum|trait|impl|type|const|static|macro_rules!)\b/],
  jvm: [
    /^\s*(import|package|using|namespace)\s+\S+/,
    /^\s*((public|private|protected|internal|static|final|abstract|sealed|data|open|override|suspend|async|partial)\s+)*(class|interface|enum|record|struct|object|fun|func|trait|extension|protocol)\s+\w+/,
    /^\s+((public|private|protected|internal|static|final|abstract|override|synchronized|async|virtual)\s+)+[\w<>[\],\s]+\s+\w+\s*\([^;]*$/,
  ],
  c: [
    /^#\s*(include|define)\b/,
    /^(static\s+|inline\s+|extern\s+|const\s+|unsigned\s+)*[A-Za-z_][\w\s*&:<>,]*\s+\**[A-Za-z_][\w:~]*\s*\([^;]*$/,
    /^\s*(typedef\s+)?(struct|union|enum|class|namespace|template)\b/,
  ],
  ruby: [/^\s*(require|require_relative|include)\b/, /^\s*(def|class|module)\s+/],
  php: [
    /^\s*(use|namespace|require|include)\b/,
    /^\s*((public|private|protected|static|abstract|final)\s+)*(function|class|interface|trait)\s+\w+/,
  ],
  shell: [/^\s*(source|\.)\s+\S+/, /^\s*(function\s+)?[\w-]+\s*\(\)\s*\{?/],
  markdown: [/^#{1,6}\s+\S/],
  generic: [/^(def|fn|func|function|class|struct|module|import|export)\b/],
};

export function languageFamily(filePath: string): Family {
  return EXT_FAMILY[path.extname(filePath).slice(1).toLowerCase()] ?? "generic";
}

/** Outline entries for `lines` (1-based line numbers), at most `limit` of them. */
export function outline(
  filePath: string,
  lines: readonly string[],
  limit = 200,
): { entries: OutlineEntry[]; omitted: number } {
  const patterns = PATTERNS[languageFamily(filePath)];
  const entries: OutlineEntry[] = [];
  let omitted = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.length > 300 || !patterns.some((re) => re.test(text))) continue;
    if (entries.length >= limit) omitted++;
    else entries.push({ line: i + 1, text: text.trimEnd() });
  }
  return { entries, omitted };
}
