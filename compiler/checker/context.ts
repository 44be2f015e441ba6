/** What every check shares: the declarations by kind and name, and the diagnostics collected so far. */
import type { DeclKind, Declaration, Program, Span } from "../ast.js";
import type { Diagnostic, DiagnosticArgs, DiagnosticCode } from "../diagnostics/diagnostic.js";
import { createDiagnostic } from "../diagnostics/diagnostic.js";

/** Where a value sits, for messages and for the names it may refer to. */
export interface Scope {
  /** e.g. `prompt 'summarize'`. */
  where: string;
  /** Parameter names a template or cache key may use (undefined: no parameters apply). */
  params?: readonly string[];
  /** Stage names a transition may target (inside an agent). */
  stages?: readonly string[];
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly #byKind = new Map<DeclKind, Map<string, Declaration>>();

  constructor(readonly program: Program) {
    for (const decl of program.declarations) {
      let names = this.#byKind.get(decl.kind);
      if (names === undefined) this.#byKind.set(decl.kind, (names = new Map()));
      names.set(decl.name, decl);
    }
  }

  report(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}, hint?: string | null): void {
    this.diagnostics.push(createDiagnostic(code, span, args, hint));
  }

  lookup(kinds: readonly DeclKind[], name: string): Declaration | undefined {
    for (const kind of kinds) {
      const found = this.#byKind.get(kind)?.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  namesOf(kinds: readonly DeclKind[]): string[] {
    return kinds.flatMap((kind) => [...(this.#byKind.get(kind)?.keys() ?? [])]);
  }
}
