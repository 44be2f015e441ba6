/**
 * Team builds ship JavaScript plus declarations, because a user who installed SmallCode globally has no TypeScript
 * toolchain. Each emitted file is transpiled on its own with the TypeScript bundled in ts-morph: the emitter annotates
 * every export explicitly, so declarations need no type information (isolated-declarations style).
 */
import { ts } from "ts-morph";

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  // ES modules whatever the file name says: NodeNext would pick CommonJS for a .ts file outside a "type": "module" package.
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  verbatimModuleSyntax: false,
  declaration: true,
};

/** Marks the output directory's .js files as ES modules for Node, wherever it is loaded from. */
export const TEAM_PACKAGE_JSON = JSON.stringify({ type: "module", private: true }, null, 2) + "\n";

/**
 * `tools.ts` → `tools.js` and `tools.d.ts` (each keeping the generated header), plus a package.json that marks the
 * directory as ES modules. Deterministic, sorted by name.
 */
export function transpileFiles(files: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>([["package.json", TEAM_PACKAGE_JSON]]);
  for (const [name, text] of files) {
    const base = name.replace(/\.ts$/, "");
    const js = ts.transpileModule(text, {
      fileName: name,
      compilerOptions: COMPILER_OPTIONS,
      reportDiagnostics: false,
    });
    const dts = ts.transpileDeclaration(text, {
      fileName: name,
      compilerOptions: COMPILER_OPTIONS,
      reportDiagnostics: false,
    });
    const header = /^(\/\/[^\n]*\n)+/.exec(text)?.[0] ?? "";
    out.set(base + ".js", withHeader(header, normalize(js.outputText)));
    out.set(base + ".d.ts", withHeader(header, normalize(dts.outputText)));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function withHeader(header: string, text: string): string {
  return text.startsWith(header) ? text : header + text;
}

function normalize(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/\n*$/, "\n");
}
