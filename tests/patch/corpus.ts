/**
 * Loads the patch corpus: `tests/fixtures/patches/*.cases`, plain-text files of shared source files and cases.
 *
 *   @@@ file <name> [bom] [crlf] [no-final-newline]
 *   <file lines>
 *   @@@ case <name-after-what-makes-it-hard>
 *   file: <name> | none (the file does not exist)
 *   expect: apply <first>-<last>[, <first>-<last> …] | apply all (the whole new content is `want`) | refuse <reason>
 *   options: replace-all, old-crlf, new-crlf, old-trailing-newline, new-trailing-newline   (optional)
 *   mentions: <text the refusal message must contain>   (optional, repeatable)
 *   --- old
 *   --- new
 *   --- want      (apply only: the lines that replace the given range, in the file's own indentation)
 *
 * The expected content of an apply is built from the file's lines with the range replaced by `want`, joined with the
 * file's line ending, with its BOM and final newline as they were: preservation is part of every expectation.
 * Trailing blank lines of a section are dropped (they only separate cases).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type RefusalKind = "not_found" | "ambiguous" | "no_change" | "invalid";

export interface PatchCase {
  id: string;
  /** Content of the file before the edit ("" when it does not exist). */
  content: string;
  fileExists: boolean;
  oldText: string;
  newText: string;
  replaceAll: boolean;
  expect: { kind: "apply"; content: string } | { kind: "refuse"; reason: RefusalKind };
  mentions: string[];
}

interface SourceFile {
  lines: string[];
  bom: boolean;
  eol: string;
  finalNewline: boolean;
}

export const CORPUS_DIR = new URL("../fixtures/patches/", import.meta.url);

function trimBlankTail(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1]?.trim() === "") out.pop();
  return out;
}

function render(file: SourceFile, lines: readonly string[]): string {
  if (lines.length === 0) return file.bom ? "\uFEFF" : "";
  return (file.bom ? "\uFEFF" : "") + lines.join(file.eol) + (file.finalNewline ? file.eol : "");
}

function splitBlocks(text: string): Array<{ head: string; body: string[] }> {
  const blocks: Array<{ head: string; body: string[] }> = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("@@@ ")) blocks.push({ head: line.slice(4).trim(), body: [] });
    else blocks[blocks.length - 1]?.body.push(line);
  }
  return blocks;
}

function parseSections(body: string[]): { meta: Map<string, string[]>; sections: Map<string, string[]> } {
  const meta = new Map<string, string[]>();
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of body) {
    const sec = /^--- (old|new|want)$/.exec(line);
    if (sec) {
      current = [];
      sections.set(sec[1] ?? "", current);
    } else if (current) current.push(line);
    else if (line.trim() !== "" && !line.startsWith("#")) {
      const m = /^([\w-]+):\s*(.*)$/.exec(line);
      if (!m) throw new Error(`corpus: cannot read line "${line}"`);
      const key = m[1] ?? "";
      meta.set(key, [...(meta.get(key) ?? []), m[2] ?? ""]);
    }
  }
  return { meta, sections };
}

function expected(file: SourceFile | null, spec: string, want: string[], id: string): string {
  if (spec === "all") return want.join("\n");
  if (!file) throw new Error(`corpus ${id}: "apply <range>" needs a file`);
  const ranges = spec.split(",").map((r) => r.trim().split("-").map(Number) as [number, number]);
  const lines = [...file.lines];
  for (const [first, last] of [...ranges].sort((a, b) => b[0] - a[0])) {
    if (!(first >= 1 && last >= first - 1 && last <= lines.length)) throw new Error(`corpus ${id}: bad range ${spec}`);
    lines.splice(first - 1, last - first + 1, ...want);
  }
  return render(file, lines);
}

function buildCase(id: string, body: string[], files: Map<string, SourceFile>): PatchCase {
  const { meta, sections } = parseSections(body);
  const fileName = meta.get("file")?.[0] ?? "";
  const file = fileName === "none" ? null : files.get(fileName);
  if (file === undefined) throw new Error(`corpus ${id}: unknown file "${fileName}"`);
  const options = new Set((meta.get("options")?.[0] ?? "").split(/[\s,]+/).filter(Boolean));
  const text = (name: string, crlf: boolean, nl: boolean): string => {
    const t = trimBlankTail(sections.get(name) ?? []).join(crlf ? "\r\n" : "\n");
    return nl ? t + (crlf ? "\r\n" : "\n") : t;
  };
  const oldText = text("old", options.has("old-crlf"), options.has("old-trailing-newline"));
  const newText = text("new", options.has("new-crlf"), options.has("new-trailing-newline"));
  const [verb, arg = ""] = (meta.get("expect")?.[0] ?? "").split(/\s+(.*)/s);
  const expect: PatchCase["expect"] =
    verb === "apply"
      ? { kind: "apply", content: expected(file, arg.trim(), trimBlankTail(sections.get("want") ?? []), id) }
      : { kind: "refuse", reason: arg.trim() as RefusalKind };
  if (verb !== "apply" && verb !== "refuse") throw new Error(`corpus ${id}: expect must be apply or refuse`);
  return {
    id,
    content: file ? render(file, file.lines) : "",
    fileExists: file !== null,
    oldText,
    newText,
    replaceAll: options.has("replace-all"),
    expect,
    mentions: meta.get("mentions") ?? [],
  };
}

export function loadCorpus(dir: URL = CORPUS_DIR): PatchCase[] {
  const cases: PatchCase[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".cases"))
    .sort()) {
    const group = name.replace(/\.cases$/, "");
    const files = new Map<string, SourceFile>();
    for (const block of splitBlocks(readFileSync(join(dir.pathname, name), "utf8"))) {
      const [kind, id = "", ...flags] = block.head.split(/\s+/);
      if (kind === "file") {
        files.set(id, {
          lines: trimBlankTail(block.body),
          bom: flags.includes("bom"),
          eol: flags.includes("crlf") ? "\r\n" : "\n",
          finalNewline: !flags.includes("no-final-newline"),
        });
      } else if (kind === "case") cases.push(buildCase(`${group}/${id}`, block.body, files));
      else throw new Error(`corpus ${name}: unknown block "@@@ ${block.head}"`);
    }
  }
  return cases;
}
