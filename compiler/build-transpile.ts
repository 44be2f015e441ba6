/**
 * Team builds ship JavaScript plus declarations, because a user who installed SmallCode globally has no TypeScript
 * toolchain. Each emitted file is transpiled on its own with the TypeScript bundled in ts-morph: the emitter annotates
 * every export explicitly, so declarations need no type information (isolated-declarations style).
 */
import { ts } from "ts-morph";

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  verbatimModuleSyntax: false,
  declaration: true,
};

/** `tools.ts` → `tools.js` and `tools.d.ts`. Output keeps the input's order and is deterministic. */
export function transpileFiles(files: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
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
    out.set(base + ".js", normalize(js.outputText));
    out.set(base + ".d.ts", normalize(dts.outputText));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function normalize(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/\n*$/, "\n");
}
