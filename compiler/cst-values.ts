/**
 * The half of the CST → AST visitor that builds values and types (cst-to-ast.ts builds declarations on top of it),
 * plus the span helpers both share. Partial trees from error recovery become `Error` values, never exceptions.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { decodeNumber, decodeString, decodeTripleString } from "./literals.js";
import { marrowParser } from "./parser.js";
import { LineMap } from "./span.js";

export type Child = CstNode | IToken;
export type Ctx = Record<string, Child[] | undefined>;

export function isToken(c: Child | undefined): c is IToken {
  return c !== undefined && "image" in c;
}

export function node(ctx: Ctx, key: string, i = 0): CstNode | undefined {
  const c = ctx[key]?.[i];
  return c !== undefined && !isToken(c) ? c : undefined;
}

/** A real token (not one invented by error recovery). */
export function token(ctx: Ctx, key: string, i = 0): IToken | undefined {
  const c = ctx[key]?.[i];
  return isToken(c) && !c.isInsertedInRecovery && Number.isFinite(c.startOffset) ? c : undefined;
}

function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []).filter((c): c is CstNode => !isToken(c));
}

const BaseVisitor = marrowParser().getBaseCstVisitorConstructor<CstNode, unknown>();

export class ValueBuilder extends BaseVisitor {
  lines = new LineMap("", "");
  diagnostics: Diagnostic[] = [];

  /** Visit a node, handing the node itself to the rule method (for its location) as the visitor parameter. */
  v(n: CstNode): unknown {
    return this.visit(n, n);
  }

  tokSpan(t: IToken): A.Span {
    return this.lines.span(t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  nodeSpan(n: CstNode | undefined, fallback?: A.Span): A.Span {
    const loc = n?.location;
    if (loc === undefined || !Number.isFinite(loc.startOffset)) return fallback ?? this.lines.end();
    const end = Number.isFinite(loc.endOffset) ? (loc.endOffset ?? loc.startOffset) + 1 : loc.startOffset;
    return this.lines.span(loc.startOffset, end);
  }

  nameOf(ctx: Ctx, key = "Name"): { name: string; span: A.Span } | undefined {
    const t = token(ctx, key);
    return t === undefined ? undefined : { name: t.image, span: this.tokSpan(t) };
  }

  /** Visit a value-producing node; a missing or broken one becomes an `Error` value at `at`. */
  valueAt(n: CstNode | undefined, at: A.Span): A.Value {
    const v = n === undefined ? undefined : (this.v(n) as A.Value | undefined);
    return (
      v ?? {
        kind: "Error",
        span: this.nodeSpan(n, { ...at, offset: at.offset + at.length, length: 0, column: at.column + at.length }),
      }
    );
  }

  value(ctx: Ctx, self?: CstNode): A.Value | undefined {
    const span = this.nodeSpan(self);
    const leftNode = node(ctx, "left");
    if (leftNode === undefined) return undefined;
    const left = this.valueAt(leftNode, span);
    const arrow = token(ctx, "Arrow");
    if (arrow !== undefined || ctx["Arrow"] !== undefined) {
      const target = token(ctx, "target");
      if (target === undefined) return { kind: "Error", span };
      const to: A.IdentValue = {
        kind: "Ident",
        span: this.tokSpan(target),
        name: target.image,
        parts: target.image.split("."),
      };
      return { kind: "Arrow", span, from: left, to };
    }
    const op = token(ctx, "CompareOp") ?? token(ctx, "Kw_in");
    if (op === undefined) return left;
    const right = this.valueAt(node(ctx, "right"), this.tokSpan(op));
    return { kind: "Binary", span, op: op.image as A.BinaryOp, left, right };
  }

  primary(ctx: Ctx): A.Value | undefined {
    const str = token(ctx, "StringLiteral");
    if (str !== undefined)
      return { kind: "String", span: this.tokSpan(str), value: decodeString(str.image), triple: false, raw: str.image };
    const triple = token(ctx, "TripleString");
    if (triple !== undefined)
      return {
        kind: "String",
        span: this.tokSpan(triple),
        value: decodeTripleString(triple.image),
        triple: true,
        raw: triple.image,
      };
    const inner = node(ctx, "number") ?? node(ctx, "reference") ?? node(ctx, "list") ?? node(ctx, "map");
    return inner === undefined ? undefined : (this.v(inner) as A.Value | undefined);
  }

  number(ctx: Ctx): A.NumberValue | undefined {
    const literal = token(ctx, "NumberLiteral");
    if (literal === undefined) return undefined;
    const minus = token(ctx, "Minus");
    const unit = token(ctx, "unit");
    const start = minus?.startOffset ?? literal.startOffset;
    const end = (unit?.endOffset ?? literal.endOffset ?? literal.startOffset) + 1;
    const decoded = decodeNumber(literal.image, unit?.image);
    const sign = minus === undefined ? 1 : -1;
    const raw = `${minus === undefined ? "" : "-"}${literal.image}${unit === undefined ? "" : ` ${unit.image}`}`;
    const out: A.NumberValue = {
      kind: "Number",
      span: this.lines.span(start, end),
      value: sign * decoded.value,
      raw,
      unit: decoded.unit,
      dimension: decoded.dimension,
      normalized: sign * decoded.normalized,
    };
    if (unit !== undefined) out.unitSpan = this.tokSpan(unit);
    if (decoded.unknownUnit !== undefined) out.unknownUnit = decoded.unknownUnit;
    return out;
  }

  reference(ctx: Ctx, self?: CstNode): A.Value | undefined {
    const name = token(ctx, "Name");
    if (name === undefined) return undefined;
    const nameSpan = this.tokSpan(name);
    if (ctx["LParen"] === undefined) {
      if (name.image === "true" || name.image === "false")
        return { kind: "Bool", span: nameSpan, value: name.image === "true" };
      return { kind: "Ident", span: nameSpan, name: name.image, parts: name.image.split(".") };
    }
    const span = this.nodeSpan(self, nameSpan);
    const args = nodes(ctx, "args").flatMap((list) => this.commaValues(list.children as Ctx, span));
    return { kind: "Call", span, callee: name.image, calleeSpan: nameSpan, args };
  }

  list(ctx: Ctx, self?: CstNode): A.ListValue {
    const span = this.nodeSpan(self);
    const items = nodes(ctx, "items").flatMap((list) => this.commaValues(list.children as Ctx, span));
    return { kind: "List", span, items };
  }

  /** The values of a comma-separated list (read through list() and reference(), never visited on its own). */
  commaValues(ctx: Ctx, at?: A.Span): A.Value[] {
    return nodes(ctx, "values").map((v) => this.valueAt(v, at ?? this.lines.end()));
  }

  map(ctx: Ctx, self?: CstNode): A.MapValue {
    const span = this.nodeSpan(self);
    const entries = nodes(ctx, "mapEntry").flatMap((e) => {
      const entry = this.v(e) as A.MapEntry | undefined;
      return entry === undefined ? [] : [entry];
    });
    return { kind: "Map", span, entries };
  }

  mapEntry(ctx: Ctx, self?: CstNode): A.MapEntry | undefined {
    const key = token(ctx, "Name") ?? token(ctx, "StringLiteral");
    if (key === undefined) return undefined;
    const keySpan = this.tokSpan(key);
    const value = this.valueAt(node(ctx, "value"), keySpan);
    const span = this.nodeSpan(self, keySpan);
    const name = key.tokenType.name === "StringLiteral" ? decodeString(key.image) : key.image;
    return { kind: "MapEntry", span, key: name, keySpan, value };
  }

  // ─── types ───
  type(ctx: Ctx, self?: CstNode): A.TypeRef | undefined {
    const members = nodes(ctx, "members").flatMap((m) => {
      const t = this.v(m) as A.TypeRef | undefined;
      return t === undefined ? [] : [t];
    });
    if (members.length <= 1) return members[0];
    return { kind: "UnionType", span: this.nodeSpan(self, members[0]?.span), members };
  }

  typeMember(ctx: Ctx, self?: CstNode): A.TypeRef | undefined {
    let base: A.TypeRef | undefined;
    const str = token(ctx, "StringLiteral");
    const name = token(ctx, "Name");
    const obj = node(ctx, "objectType");
    if (str !== undefined) base = { kind: "LiteralType", span: this.tokSpan(str), value: decodeString(str.image) };
    else if (name !== undefined) base = { kind: "NamedType", span: this.tokSpan(name), name: name.image };
    else if (obj !== undefined) base = this.v(obj) as A.ObjectType;
    if (base === undefined) return undefined;
    const span = this.nodeSpan(self, base.span);
    const dims = (ctx["RBracket"] ?? []).filter((t) => isToken(t) && !t.isInsertedInRecovery).length;
    for (let i = 0; i < dims; i++) base = { kind: "ArrayType", span, element: base };
    return base;
  }

  objectType(ctx: Ctx, self?: CstNode): A.ObjectType {
    const span = this.nodeSpan(self);
    const fields = nodes(ctx, "objectField").flatMap((f) => {
      const field = this.v(f) as A.ObjectTypeField | undefined;
      return field === undefined ? [] : [field];
    });
    return { kind: "ObjectType", span, fields };
  }

  objectField(ctx: Ctx, self?: CstNode): A.ObjectTypeField | undefined {
    const name = this.nameOf(ctx);
    const typeNode = node(ctx, "type");
    const type = typeNode === undefined ? undefined : (this.v(typeNode) as A.TypeRef | undefined);
    if (name === undefined || type === undefined) return undefined;
    const span = this.nodeSpan(self, name.span);
    return { kind: "ObjectTypeField", span, name: name.name, optional: token(ctx, "Question") !== undefined, type };
  }
}
