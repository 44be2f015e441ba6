/** State shared by the per-concern emitters: the symbol table, the diagnostics, and where runtime imports point. */
import type { DeclKind, Declaration, Field, Program, Span, Value } from "../ast.js";
import { getField } from "../ast.js";
import { createDiagnostic, type Diagnostic, type DiagnosticArgs, type DiagnosticCode } from "../diagnostics/index.js";

/** Where emitted files import the runtime from. */
export interface RuntimeImports {
  /** Module exporting runPrompt, PromptSpec, ModelSpec, … (runtime/prompt). */
  prompt: string;
  /** Module exporting ToolSpec (runtime/tools/types). */
  tools: string;
  /** Module exporting GuardSpec, AgentSpec, … (runtime/agent/spec). */
  agent: string;
  /** Module exporting BudgetSpec and DEFAULT_BUDGET (runtime/context). */
  context: string;
  /** Module exporting `z`. */
  zod: string;
  /** Module exporting RoutingSpec (runtime/routing/types). */
  routing: string;
}

/** Imports for generated/ inside this repository. */
export const REPO_RUNTIME: RuntimeImports = {
  prompt: "../runtime/prompt/index.js",
  tools: "../runtime/tools/types.js",
  agent: "../runtime/agent/spec.js",
  context: "../runtime/context/types.js",
  zod: "zod",
  routing: "../runtime/routing/types.js",
};

/** Imports for a team build: everything comes from the package root (the loader points it at the installed copy). */
export const PACKAGE_RUNTIME: RuntimeImports = {
  prompt: "smallcode",
  tools: "smallcode",
  agent: "smallcode",
  context: "smallcode",
  zod: "smallcode",
  routing: "smallcode",
};

export class EmitContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols = new Map<string, Declaration>();

  constructor(
    readonly program: Program,
    readonly runtime: RuntimeImports,
  ) {
    for (const decl of program.declarations) this.symbols.set(decl.kind + ":" + decl.name, decl);
  }

  lookup(kind: DeclKind, name: string): Declaration | undefined {
    return this.symbols.get(kind + ":" + name);
  }

  declarations<K extends Declaration["kind"]>(kind: K): Extract<Declaration, { kind: K }>[] {
    return this.program.declarations.filter((d): d is Extract<Declaration, { kind: K }> => d.kind === kind);
  }

  report(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}): void {
    this.diagnostics.push(createDiagnostic(code, span, args));
  }

  /** Reports a field whose value has a shape the emitter cannot turn into code (the checker normally catches it). */
  unsupported(field: Field | undefined, value: Value, expected: string): void {
    this.report("MS3002", value.span, { field: field?.name ?? "value", expected, found: value.kind.toLowerCase() });
  }

  field(decl: { fields: readonly Field[] }, name: string): Field | undefined {
    return getField(decl, name);
  }
}
