/**
 * Import resolution: parse every source and everything it imports, and order the files so that each file comes after
 * the files it imports (depth-first, in source order). Reports missing imports (MS2015) and cycles (MS2016).
 * No file-system access: the caller's `resolveImport` decides what a path means.
 */
import type { ImportDecl, SourceFileAst } from "./ast.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { createDiagnostic } from "./diagnostics/diagnostic.js";
import { parseFile } from "./parse-file.js";

export interface SourceFile {
  /** The path as shown in diagnostics (relative). */
  path: string;
  text: string;
}

export type ImportResolver = (from: string, spec: string) => SourceFile | undefined;

export interface LoadedFiles {
  /** Every parsed file, imported files before their importers. */
  files: SourceFileAst[];
  /** Every source text that was read (given and imported), for rendering diagnostics. */
  sources: SourceFile[];
  diagnostics: Diagnostic[];
  hasSyntaxErrors: boolean;
}

/** `./a/../b.marrow` relative to `dir/x.marrow` → `dir/b.marrow` (POSIX separators). */
export function joinImportPath(from: string, spec: string): string {
  const base = spec.startsWith("/") ? [] : from.split("/").slice(0, -1);
  for (const part of spec.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && base.length > 0 && base[base.length - 1] !== "..") base.pop();
    else base.push(part);
  }
  return (spec.startsWith("/") ? "/" : "") + base.join("/");
}

/** The default resolver: look the joined path up among the given sources. */
function resolveAmong(sources: readonly SourceFile[]): ImportResolver {
  const byPath = new Map(sources.map((s) => [joinImportPath("", s.path), s] as const));
  return (from, spec) => byPath.get(joinImportPath(from, spec));
}

export function loadFiles(sources: readonly SourceFile[], resolveImport?: ImportResolver): LoadedFiles {
  const resolve = resolveImport ?? resolveAmong(sources);
  const out: LoadedFiles = { files: [], sources: [], diagnostics: [], hasSyntaxErrors: false };
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];

  const visit = (source: SourceFile): void => {
    state.set(source.path, "visiting");
    stack.push(source.path);
    out.sources.push(source);
    const parsed = parseFile(source.path, source.text);
    out.diagnostics.push(...parsed.diagnostics);
    out.hasSyntaxErrors ||= parsed.hasSyntaxErrors;
    for (const item of parsed.ast.items) {
      if (item.kind === "Import") visitImport(source, item);
    }
    stack.pop();
    state.set(source.path, "done");
    out.files.push(parsed.ast);
  };

  const visitImport = (from: SourceFile, decl: ImportDecl): void => {
    let target: SourceFile | undefined;
    try {
      target = resolve(from.path, decl.path);
    } catch {
      target = undefined; // a resolver that throws (unreadable file) counts as "not found"
    }
    if (target === undefined) {
      out.diagnostics.push(createDiagnostic("MS2015", decl.pathSpan, { path: decl.path }));
      return;
    }
    const seen = state.get(target.path);
    if (seen === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(target.path)), target.path].join(" -> ");
      out.diagnostics.push(createDiagnostic("MS2016", decl.pathSpan, { cycle }));
      return;
    }
    if (seen === undefined) visit(target);
  };

  for (const source of sources) {
    if (!state.has(source.path)) visit(source);
  }
  return out;
}
