/**
 * The MarrowScript lexer (Chevrotain). `lex()` turns text into tokens plus MS1xxx diagnostics; it never throws.
 * Unterminated strings and block comments are matched by dedicated tokens so they get a precise message, then dropped.
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { createDiagnostic } from "./diagnostics/diagnostic.js";
import { LineMap } from "./span.js";

/** Any word usable as a name: identifiers and keywords alike (`budget: default`, `model: Local`). */
export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "a name" });
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/,
  categories: [Name],
  label: "a name",
});

function keyword(word: string): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_.])`),
    longer_alt: Identifier,
    categories: [Name],
    label: `'${word}'`,
  });
}

export const Import = keyword("import");
export const Model = keyword("model");
export const Tool = keyword("tool");
export const Prompt = keyword("prompt");
export const Router = keyword("router");
export const Evaluation = keyword("evaluation");
export const Guard = keyword("guard");
export const Budget = keyword("budget");
export const Routing = keyword("routing");
export const Agent = keyword("agent");
export const Stage = keyword("stage");
export const Extend = keyword("extend");
export const Loop = keyword("loop");
export const Until = keyword("until");
export const True = keyword("true");
export const False = keyword("false");
export const In = keyword("in");

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "broken",
});
export const TripleString = createToken({ name: "TripleString", pattern: /"""[\s\S]*?"""/, label: "a string" });
export const UnterminatedTripleString = createToken({
  name: "UnterminatedTripleString",
  pattern: /"""[\s\S]*/,
  group: "broken",
});
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\n\r]|\\.)*"/,
  label: "a string",
});
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n\r]|\\.)*/,
  group: "broken",
});
/** A number with an optional suffix glued on: `40`, `0.2`, `4k`, `500ms`, `85%`. The suffix is checked later. */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?(?:%|[A-Za-z_][A-Za-z0-9_]*)?/,
  label: "a number",
});

export const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "'->'" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "'-'" });
export const LCurly = createToken({ name: "LCurly", pattern: /\{/, label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: /\}/, label: "'}'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, label: "';'" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "'?'" });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/, label: "'|'" });
export const CompareOp = createToken({ name: "CompareOp", pattern: /==|!=|<=|>=|<|>/, label: "a comparison" });

export const KEYWORDS = [
  Import,
  Model,
  Tool,
  Prompt,
  Router,
  Evaluation,
  Guard,
  Budget,
  Routing,
  Agent,
  Stage,
  Extend,
  Loop,
  Until,
  True,
  False,
  In,
];

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  TripleString,
  UnterminatedTripleString,
  StringLiteral,
  UnterminatedString,
  NumberLiteral,
  Arrow,
  CompareOp,
  Minus,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Comma,
  Semicolon,
  Question,
  Pipe,
  ...KEYWORDS,
  Identifier,
  Name,
];

let lexerInstance: Lexer | undefined;

function lexer(): Lexer {
  lexerInstance ??= new Lexer(ALL_TOKENS, { positionTracking: "full", ensureOptimizations: false });
  return lexerInstance;
}

export interface LexResult {
  tokens: IToken[];
  diagnostics: Diagnostic[];
}

function brokenTokenDiagnostic(token: IToken, lines: LineMap): Diagnostic {
  const start = token.startOffset;
  if (token.tokenType === UnterminatedBlockComment) {
    return createDiagnostic("MS1003", lines.span(start, start + 2));
  }
  const quote = token.tokenType === UnterminatedTripleString ? '"""' : '"';
  return createDiagnostic("MS1002", lines.span(start, start + quote.length), { quote });
}

/** An unterminated string, closed at the end of its line (or file), so that parsing carries on undisturbed. */
function closeString(token: IToken): IToken | undefined {
  const triple = token.tokenType === UnterminatedTripleString;
  if (!triple && token.tokenType !== UnterminatedString) return undefined;
  const type = triple ? TripleString : StringLiteral;
  return {
    ...token,
    image: token.image + (triple ? '"""' : '"'),
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx ?? 0,
  };
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 32 || code === 127) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${ch}'`;
}

/** Lex `text` (as file `file`). Unexpected characters become MS1001; unterminated strings/comments MS1002/MS1003. */
export function lex(file: string, text: string, lines: LineMap = new LineMap(file, text)): LexResult {
  const result = lexer().tokenize(text);
  const diagnostics: Diagnostic[] = [];
  for (const error of result.errors) {
    const ch = String.fromCodePoint(text.codePointAt(error.offset) ?? 63);
    diagnostics.push(
      createDiagnostic("MS1001", lines.span(error.offset, error.offset + error.length), { char: describeChar(ch) }),
    );
  }
  const repaired: IToken[] = [];
  for (const token of result.groups["broken"] ?? []) {
    diagnostics.push(brokenTokenDiagnostic(token, lines));
    const closed = closeString(token);
    if (closed !== undefined) repaired.push(closed);
  }
  const tokens =
    repaired.length === 0
      ? result.tokens
      : [...result.tokens, ...repaired].sort((a, b) => a.startOffset - b.startOffset);
  return { tokens, diagnostics };
}
