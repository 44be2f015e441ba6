/**
 * CST → AST: a Chevrotain CST visitor (checked with validateVisitor) that builds the typed AST of compiler/ast.ts.
 * It tolerates the partial trees error recovery leaves behind: a missing piece becomes an `Error` value or is skipped,
 * never an exception. Placement errors that the grammar allows for recovery's sake (a `stage` outside an agent, a
 * `loop` outside a stage) are reported here.
 */
import type { CstNode } from "chevrotain";
import type * as A from "./ast.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { createDiagnostic } from "./diagnostics/diagnostic.js";
import { type Ctx, isToken, node, token, ValueBuilder } from "./cst-values.js";
import { decodeString } from "./literals.js";
import type { LineMap } from "./span.js";

const KEYWORD_KIND: Readonly<Record<string, A.DeclKind>> = {
  model: "Model",
  tool: "Tool",
  prompt: "Prompt",
  router: "Router",
  evaluation: "Evaluation",
  guard: "Guard",
  budget: "Budget",
  routing: "Routing",
  agent: "Agent",
};

interface Body {
  fields: A.Field[];
  stages: A.StageDecl[];
  loops: A.LoopClause[];
}

/** Builds the AST of one file. Not re-entrant: `build()` resets its state. */
class AstBuilder extends ValueBuilder {
  constructor() {
    super();
    this.validateVisitor();
  }

  build(cst: CstNode[], lines: LineMap): { items: A.TopLevel[]; diagnostics: Diagnostic[] } {
    this.lines = lines;
    this.diagnostics = [];
    const items = cst.flatMap((c) => this.v(c) as A.TopLevel[]);
    return { items, diagnostics: this.diagnostics };
  }

  // ─── top level ───
  file(ctx: Ctx): A.TopLevel[] {
    const out: A.TopLevel[] = [];
    for (const key of ["importDecl", "simpleDecl", "callableDecl", "extendDecl"]) {
      for (const child of ctx[key] ?? []) {
        if (isToken(child)) continue;
        const item = this.v(child) as A.TopLevel | undefined;
        if (item !== undefined) out.push(item);
      }
    }
    return out.sort((a, b) => a.span.offset - b.span.offset);
  }

  importDecl(ctx: Ctx, self?: CstNode): A.ImportDecl | undefined {
    const str = token(ctx, "StringLiteral");
    if (str === undefined) return undefined;
    const span = this.nodeSpan(self, this.tokSpan(str));
    return { kind: "Import", span, path: decodeString(str.image), pathSpan: this.tokSpan(str) };
  }

  declHeader(ctx: Ctx): { kind: A.DeclKind; name: string; nameSpan: A.Span } | undefined {
    const kw = token(ctx, "keyword");
    const name = this.nameOf(ctx, "name");
    const kind = kw === undefined ? undefined : KEYWORD_KIND[kw.image];
    if (kind === undefined || name === undefined) return undefined;
    return { kind, name: name.name, nameSpan: name.span };
  }

  simpleDecl(ctx: Ctx): A.Declaration | undefined {
    const header = this.declHeader(ctx);
    const bodyNode = node(ctx, "body");
    if (header === undefined) return undefined;
    const body = this.bodyOf(bodyNode);
    const where = `${header.kind.toLowerCase()} '${header.name}'`;
    this.rejectLoops(body, where);
    const base = {
      span: this.declSpan(ctx, bodyNode, header.nameSpan),
      name: header.name,
      nameSpan: header.nameSpan,
      fields: body.fields,
    };
    if (header.kind === "Agent") return { kind: "Agent", ...base, stages: body.stages };
    this.rejectStages(body, where);
    return { kind: header.kind, ...base } as A.Declaration;
  }

  callableDecl(ctx: Ctx): A.ToolDecl | A.PromptDecl | undefined {
    const header = this.declHeader(ctx);
    if (header === undefined || (header.kind !== "Tool" && header.kind !== "Prompt")) return undefined;
    const bodyNode = node(ctx, "body");
    const body = this.bodyOf(bodyNode);
    const where = `${header.kind.toLowerCase()} '${header.name}'`;
    this.rejectLoops(body, where);
    this.rejectStages(body, where);
    const params = (ctx["param"] ?? []).flatMap((p) => (isToken(p) ? [] : [this.v(p) as A.Param | undefined]));
    const returnsNode = node(ctx, "returns");
    let returns = returnsNode === undefined ? undefined : (this.v(returnsNode) as A.TypeRef | undefined);
    const returnsField = body.fields.find((f) => f.name === "returns");
    if (returns === undefined && returnsField?.value.kind === "Ident") {
      returns = { kind: "NamedType", span: returnsField.value.span, name: returnsField.value.name };
    }
    const decl = {
      kind: header.kind,
      span: this.declSpan(ctx, bodyNode, header.nameSpan),
      name: header.name,
      nameSpan: header.nameSpan,
      fields: body.fields,
      params: params.filter((p): p is A.Param => p !== undefined),
    };
    return returns === undefined ? decl : { ...decl, returns };
  }

  extendDecl(ctx: Ctx): A.ExtendDecl | undefined {
    const header = this.declHeader(ctx);
    const kw = token(ctx, "keyword");
    if (header === undefined || kw === undefined) return undefined;
    const bodyNode = node(ctx, "body");
    const body = this.bodyOf(bodyNode);
    const where = `extend ${kw.image} '${header.name}'`;
    this.rejectLoops(body, where);
    if (header.kind !== "Agent") this.rejectStages(body, where);
    return {
      kind: "Extend",
      span: this.declSpan(ctx, bodyNode, header.nameSpan),
      name: header.name,
      nameSpan: header.nameSpan,
      target: header.kind,
      targetSpan: this.tokSpan(kw),
      fields: body.fields,
      stages: header.kind === "Agent" ? body.stages : [],
    };
  }

  /** From the keyword to the end of the body (or the name, when the body is missing). */
  declSpan(ctx: Ctx, bodyNode: CstNode | undefined, nameSpan: A.Span): A.Span {
    const first = token(ctx, "Kw_extend") ?? token(ctx, "keyword");
    const start = first?.startOffset ?? nameSpan.offset;
    const bodySpan = this.nodeSpan(bodyNode, nameSpan);
    return this.lines.span(start, Math.max(bodySpan.offset + bodySpan.length, nameSpan.offset + nameSpan.length));
  }

  rejectStages(body: Body, where: string): void {
    for (const stage of body.stages) {
      const hint = "Stages belong inside an `agent` (or `extend agent`).";
      this.diagnostics.push(createDiagnostic("MS2028", stage.nameSpan, { what: `Stage '${stage.name}'`, where, hint }));
    }
  }

  rejectLoops(body: Body, where: string): void {
    for (const loop of body.loops) {
      const hint = "`loop until …` belongs inside a `stage`.";
      this.diagnostics.push(createDiagnostic("MS2028", loop.span, { what: "`loop until`", where, hint }));
    }
  }

  param(ctx: Ctx, self?: CstNode): A.Param | undefined {
    const name = this.nameOf(ctx);
    const typeNode = node(ctx, "type");
    const type = typeNode === undefined ? undefined : (this.v(typeNode) as A.TypeRef | undefined);
    if (name === undefined || type === undefined) return undefined;
    const span = this.nodeSpan(self, name.span);
    return {
      kind: "Param",
      span,
      name: name.name,
      nameSpan: name.span,
      optional: token(ctx, "Question") !== undefined,
      type,
    };
  }

  // ─── bodies ───
  bodyOf(bodyNode: CstNode | undefined): Body {
    const body: Body = { fields: [], stages: [], loops: [] };
    if (bodyNode === undefined) return body;
    for (const member of bodyNode.children["member"] ?? []) {
      if (isToken(member)) continue;
      const item = this.v(member) as A.Field | A.StageDecl | A.LoopClause | undefined;
      if (item?.kind === "Field") body.fields.push(item);
      else if (item?.kind === "Stage") body.stages.push(item);
      else if (item?.kind === "Loop") body.loops.push(item);
    }
    return body;
  }

  body(): undefined {
    return undefined; // bodies are read through bodyOf()
  }

  member(ctx: Ctx): unknown {
    const inner = node(ctx, "stage") ?? node(ctx, "loopClause") ?? node(ctx, "field");
    return inner === undefined ? undefined : this.v(inner);
  }

  stage(ctx: Ctx): A.StageDecl | undefined {
    const name = this.nameOf(ctx);
    if (name === undefined) return undefined;
    const bodyNode = node(ctx, "body");
    const body = this.bodyOf(bodyNode);
    this.rejectStages(body, `stage '${name.name}'`);
    if (body.loops.length > 1) {
      for (const extra of body.loops.slice(1)) {
        const hint = "Keep one `loop until …` per stage.";
        this.diagnostics.push(
          createDiagnostic("MS2028", extra.span, {
            what: "A second `loop until`",
            where: `stage '${name.name}'`,
            hint,
          }),
        );
      }
    }
    const stage: A.StageDecl = {
      kind: "Stage",
      span: this.declSpan(ctx, bodyNode, name.span),
      name: name.name,
      nameSpan: name.span,
      fields: body.fields,
    };
    const kw = token(ctx, "Kw_stage");
    if (kw !== undefined) stage.span = this.lines.span(kw.startOffset, stage.span.offset + stage.span.length);
    return body.loops[0] === undefined ? stage : { ...stage, loop: body.loops[0] };
  }

  loopClause(ctx: Ctx): A.LoopClause | undefined {
    const kw = token(ctx, "Kw_loop");
    const cond = token(ctx, "Name");
    if (kw === undefined || cond === undefined) return undefined;
    const condSpan = this.tokSpan(cond);
    const until: A.IdentValue = { kind: "Ident", span: condSpan, name: cond.image, parts: cond.image.split(".") };
    return { kind: "Loop", span: this.lines.span(kw.startOffset, condSpan.offset + condSpan.length), until };
  }

  field(ctx: Ctx): A.Field | undefined {
    const name = this.nameOf(ctx);
    if (name === undefined) return undefined;
    const valueNode = node(ctx, "value") ?? node(ctx, "map");
    const value = this.valueAt(valueNode, name.span);
    const span = this.lines.span(
      name.span.offset,
      Math.max(name.span.offset + name.span.length, value.span.offset + value.span.length),
    );
    return { kind: "Field", span, name: name.name, nameSpan: name.span, value };
  }

  separator(): undefined {
    return undefined;
  }
}

let builder: AstBuilder | undefined;

/** Build the AST items of one file from its CST chunks (several when parsing resumed after top-level junk). */
export function buildAst(cst: CstNode[], lines: LineMap): { items: A.TopLevel[]; diagnostics: Diagnostic[] } {
  builder ??= new AstBuilder();
  return builder.build(cst, lines);
}
