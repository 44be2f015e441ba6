/**
 * The MarrowScript abstract syntax tree: a hand-written tagged union (`kind`) with one guard per node kind.
 *
 * Stability contract: the emitter builds on these shapes. Change them only additively (new optional fields, new
 * kinds); never rename or remove.
 *
 * Declarations keep their body as an ordered list of `Field`s (name + value). Which fields a declaration accepts, and
 * their types and units, is data (compiler/checker/field-tables.ts), shared by the checker and the docs. Values keep
 * what the author wrote (units, spans), plus a normalised number where one exists.
 */

/** A location in a source file. `line` and `column` are 1-based; `offset` is the 0-based character offset. */
export interface Span {
  file: string;
  line: number;
  column: number;
  /** Length in characters (0 for a point, e.g. end of file). */
  length: number;
  offset: number;
}

// ─── Values ───────────────────────────────────────────────────────────────────────────────────────────────────

export type DurationUnit = "ms" | "s" | "m" | "h" | "d";
/** Units written as a word after the number: `4k chars`, `32k tokens`. */
export type SizeUnit = "tokens" | "chars" | "lines";
export type Unit = DurationUnit | SizeUnit | "%";
/** What a number measures: derived from its unit. A plain number (`40`, `2k`, `0.2`) is a `count`. */
export type Dimension = "duration" | "tokens" | "chars" | "lines" | "percent" | "count";

export interface StringValue {
  kind: "String";
  span: Span;
  /** The string with escapes resolved. Triple-quoted strings keep their line breaks verbatim. */
  value: string;
  triple: boolean;
  /** The literal exactly as in the source, quotes included (for spans inside the string, e.g. `{{var}}`). */
  raw?: string;
}

export interface NumberValue {
  kind: "Number";
  span: Span;
  /** The number as written with the `k`/`M` multiplier applied (k = 1000, M = 1 000 000): `4k chars` → 4000. */
  value: number;
  /** The literal as written, e.g. `4k`, `500ms`, `85%`. */
  raw: string;
  unit: Unit | null;
  /** Span of the unit word (`chars`, `tokens`), when the unit is written as a separate word. */
  unitSpan?: Span;
  /** A unit word that is not a known unit (`8k bytes`): kept so the checker can report it. */
  unknownUnit?: string;
  dimension: Dimension;
  /**
   * The value in the dimension's base unit: milliseconds for durations, a fraction 0..1 for percentages
   * (`85%` → 0.85), otherwise the same as `value`.
   */
  normalized: number;
}

export interface BoolValue {
  kind: "Bool";
  span: Span;
  value: boolean;
}

/** A bare name: an enum word (`exponential`), a reference (`Local`), or a dotted path (`project.test_command`). */
export interface IdentValue {
  kind: "Ident";
  span: Span;
  /** The full dotted name, e.g. `project.test_command`. */
  name: string;
  /** The name split at dots, e.g. `["project", "test_command"]`. */
  parts: string[];
}

export interface ListValue {
  kind: "List";
  span: Span;
  items: Value[];
}

export interface MapEntry {
  kind: "MapEntry";
  span: Span;
  key: string;
  keySpan: Span;
  value: Value;
}

export interface MapValue {
  kind: "Map";
  span: Span;
  entries: MapEntry[];
}

/** A call: `env("NAME", "default")`, `hash(transcript)`, `steer("…")`, `retry(act, 2)`, `contains("x")`. */
export interface CallValue {
  kind: "Call";
  span: Span;
  callee: string;
  calleeSpan: Span;
  args: Value[];
}

/** `8k tokens -> Local` (a router tier's bound and target). */
export interface ArrowValue {
  kind: "Arrow";
  span: Span;
  from: Value;
  to: IdentValue;
}

export type BinaryOp = "in" | "==" | "!=" | "<" | "<=" | ">" | ">=";

/** A constraint: `output in ["yes", "no"]`, `confidence >= 0.5`. */
export interface BinaryValue {
  kind: "Binary";
  span: Span;
  op: BinaryOp;
  left: Value;
  right: Value;
}

/** A value that could not be parsed; the parser already reported it. The checker skips it silently. */
export interface ErrorValue {
  kind: "Error";
  span: Span;
}

export type Value =
  | StringValue
  | NumberValue
  | BoolValue
  | IdentValue
  | ListValue
  | MapValue
  | CallValue
  | ArrowValue
  | BinaryValue
  | ErrorValue;

// ─── Types (parameters and `-> T` / `returns:`) ───────────────────────────────────────────────────────────────

export type PrimitiveTypeName = "string" | "int" | "number" | "bool";

/** `string`, `int`, `number`, `bool`, or any other name (the checker reports unknown ones). */
export interface NamedType {
  kind: "NamedType";
  span: Span;
  name: string;
}

export interface ArrayType {
  kind: "ArrayType";
  span: Span;
  element: TypeRef;
}

/** A string literal used as a type: the members of `"a" | "b"`. */
export interface LiteralType {
  kind: "LiteralType";
  span: Span;
  value: string;
}

export interface UnionType {
  kind: "UnionType";
  span: Span;
  members: TypeRef[];
}

export interface ObjectTypeField {
  kind: "ObjectTypeField";
  span: Span;
  name: string;
  optional: boolean;
  type: TypeRef;
}

export interface ObjectType {
  kind: "ObjectType";
  span: Span;
  fields: ObjectTypeField[];
}

export type TypeRef = NamedType | ArrayType | LiteralType | UnionType | ObjectType;

// ─── Declarations ─────────────────────────────────────────────────────────────────────────────────────────────

export interface Field {
  kind: "Field";
  span: Span;
  name: string;
  nameSpan: Span;
  value: Value;
}

export interface Param {
  kind: "Param";
  span: Span;
  name: string;
  nameSpan: Span;
  optional: boolean;
  type: TypeRef;
}

export interface ImportDecl {
  kind: "Import";
  span: Span;
  /** The path as written, e.g. `./tools.marrow`. */
  path: string;
  pathSpan: Span;
}

interface NamedDecl {
  span: Span;
  name: string;
  nameSpan: Span;
  fields: Field[];
}

export interface ModelDecl extends NamedDecl {
  kind: "Model";
}

export interface ToolDecl extends NamedDecl {
  kind: "Tool";
  params: Param[];
  /** `-> T` after the parameter list, if written. */
  returns?: TypeRef;
}

export interface PromptDecl extends NamedDecl {
  kind: "Prompt";
  params: Param[];
  /** `-> T` after the parameter list (a `returns:` field is the other way to say it). */
  returns?: TypeRef;
}

export interface RouterDecl extends NamedDecl {
  kind: "Router";
}

export interface EvaluationDecl extends NamedDecl {
  kind: "Evaluation";
}

export interface GuardDecl extends NamedDecl {
  kind: "Guard";
}

export interface BudgetDecl extends NamedDecl {
  kind: "Budget";
}

/** `routing default { categories: { … }, always: […], fallback: […], … }`: which tool schemas each step offers. */
export interface RoutingDecl extends NamedDecl {
  kind: "Routing";
}

/** `loop until done` inside a stage. */
export interface LoopClause {
  kind: "Loop";
  span: Span;
  /** The condition word after `until`, e.g. `done`. */
  until: IdentValue;
}

export interface StageDecl extends NamedDecl {
  kind: "Stage";
  loop?: LoopClause;
}

export interface AgentDecl extends NamedDecl {
  kind: "Agent";
  stages: StageDecl[];
}

/** The declaration kinds that can be named, overridden and extended. */
export type DeclKind = "Model" | "Tool" | "Prompt" | "Router" | "Evaluation" | "Guard" | "Budget" | "Routing" | "Agent";

/** `extend tool bash { aliases: { tool: [sh] } }`: merge fields (and, for agents, stages) into an existing one. */
export interface ExtendDecl extends NamedDecl {
  kind: "Extend";
  target: DeclKind;
  targetSpan: Span;
  stages: StageDecl[];
}

export type Declaration =
  ModelDecl | ToolDecl | PromptDecl | RouterDecl | EvaluationDecl | GuardDecl | BudgetDecl | RoutingDecl | AgentDecl;

export type TopLevel = ImportDecl | Declaration | ExtendDecl;

/** One parsed file, in source order. */
export interface SourceFileAst {
  kind: "File";
  path: string;
  span: Span;
  items: TopLevel[];
}

/** The merged program: overrides applied, `extend`s merged; declarations in first-seen order. */
export interface Program {
  kind: "Program";
  files: SourceFileAst[];
  declarations: Declaration[];
}

/** The keyword that introduces each declaration kind. */
export const DECL_KEYWORDS: Readonly<Record<DeclKind, string>> = {
  Model: "model",
  Tool: "tool",
  Prompt: "prompt",
  Router: "router",
  Evaluation: "evaluation",
  Guard: "guard",
  Budget: "budget",
  Routing: "routing",
  Agent: "agent",
};

// ─── Guards ───────────────────────────────────────────────────────────────────────────────────────────────────

interface HasKind {
  kind: string;
}

export const isModel = (n: HasKind): n is ModelDecl => n.kind === "Model";
export const isTool = (n: HasKind): n is ToolDecl => n.kind === "Tool";
export const isPrompt = (n: HasKind): n is PromptDecl => n.kind === "Prompt";
export const isRouter = (n: HasKind): n is RouterDecl => n.kind === "Router";
export const isEvaluation = (n: HasKind): n is EvaluationDecl => n.kind === "Evaluation";
export const isGuard = (n: HasKind): n is GuardDecl => n.kind === "Guard";
export const isBudget = (n: HasKind): n is BudgetDecl => n.kind === "Budget";
export const isRouting = (n: HasKind): n is RoutingDecl => n.kind === "Routing";
export const isAgent = (n: HasKind): n is AgentDecl => n.kind === "Agent";
export const isStage = (n: HasKind): n is StageDecl => n.kind === "Stage";
export const isExtend = (n: HasKind): n is ExtendDecl => n.kind === "Extend";
export const isImport = (n: HasKind): n is ImportDecl => n.kind === "Import";

export const isString = (v: HasKind): v is StringValue => v.kind === "String";
export const isNumber = (v: HasKind): v is NumberValue => v.kind === "Number";
export const isBool = (v: HasKind): v is BoolValue => v.kind === "Bool";
export const isIdent = (v: HasKind): v is IdentValue => v.kind === "Ident";
export const isList = (v: HasKind): v is ListValue => v.kind === "List";
export const isMap = (v: HasKind): v is MapValue => v.kind === "Map";
export const isCall = (v: HasKind): v is CallValue => v.kind === "Call";
export const isArrow = (v: HasKind): v is ArrowValue => v.kind === "Arrow";
export const isBinary = (v: HasKind): v is BinaryValue => v.kind === "Binary";
export const isErrorValue = (v: HasKind): v is ErrorValue => v.kind === "Error";

const DECL_KINDS = new Set<string>(Object.keys(DECL_KEYWORDS));
export const isDeclaration = (n: HasKind): n is Declaration => DECL_KINDS.has(n.kind);

// ─── Small accessors the checker and emitter share ────────────────────────────────────────────────────────────

/** The last field with this name (a later duplicate wins; the checker reports duplicates). */
export function getField(decl: { fields: readonly Field[] }, name: string): Field | undefined {
  for (let i = decl.fields.length - 1; i >= 0; i--) {
    const field = decl.fields[i];
    if (field?.name === name) return field;
  }
  return undefined;
}

/** The value of a map entry by key (last one wins). */
export function getEntry(map: MapValue, key: string): Value | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) {
    const entry = map.entries[i];
    if (entry?.key === key) return entry.value;
  }
  return undefined;
}

/** `env("NAME", default)` as a call, or undefined. */
export function asEnvCall(v: Value): { name: string; fallback?: Value } | undefined {
  if (v.kind !== "Call" || v.callee !== "env") return undefined;
  const [first, second] = v.args;
  if (first?.kind !== "String") return undefined;
  return second === undefined ? { name: first.value } : { name: first.value, fallback: second };
}
