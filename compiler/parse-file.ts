/**
 * One file from text to AST: lex, parse (with recovery), CST → AST. Never throws; every syntax problem becomes an
 * MS1xxx diagnostic. When junk at the top level stops the parser, it resumes at the next declaration keyword so that
 * one run reports every error it can.
 */
import { EOF, type CstNode, type IRecognitionException, type IToken } from "chevrotain";
import type { SourceFileAst } from "./ast.js";
import { buildAst } from "./cst-to-ast.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { didYouMean } from "./checker/suggest.js";
import { createDiagnostic } from "./diagnostics/diagnostic.js";
import { lex } from "./lexer.js";
import { COLON_AFTER, marrowParser, TOP_LEVEL_STARTS } from "./parser.js";
import { LineMap } from "./span.js";

export interface ParseFileResult {
  ast: SourceFileAst;
  /** Syntax diagnostics (MS1xxx) and placement diagnostics found while building the AST. */
  diagnostics: Diagnostic[];
  /** True when lexing or parsing reported an error (the AST may be partial). */
  hasSyntaxErrors: boolean;
}

function describeFound(token: IToken): string {
  if (token.tokenType === EOF) return "the end of the file";
  const image = token.image.length > 24 ? `${token.image.slice(0, 21)}...` : token.image;
  const flat = image.replace(/\r?\n/g, "\\n");
  if (token.tokenType.name === "StringLiteral" || token.tokenType.name === "TripleString") return `the string ${flat}`;
  return `'${flat}'`;
}

function errorDiagnostic(e: IRecognitionException, lines: LineMap, tokens: readonly IToken[]): Diagnostic {
  let token = e.token;
  let expected = e.message;
  if (expected.startsWith(COLON_AFTER)) {
    expected = `':' after '${expected.slice(COLON_AFTER.length)}'`;
    token = tokens[tokens.indexOf(token) + 1] ?? token;
  }
  if (token.tokenType === EOF || !Number.isFinite(token.startOffset)) {
    const last = tokens[tokens.length - 1];
    const at = last === undefined ? lines.text.length : (last.endOffset ?? last.startOffset) + 1;
    return createDiagnostic("MS1005", lines.span(at, at), { expected });
  }
  const span = lines.span(token.startOffset, (token.endOffset ?? token.startOffset) + 1);
  return createDiagnostic("MS1004", span, { expected, found: describeFound(token) }, hintFor(expected, token));
}

const DECLARATION_WORDS = [
  "model",
  "tool",
  "prompt",
  "router",
  "evaluation",
  "guard",
  "budget",
  "routing",
  "agent",
  "extend",
  "import",
];

function hintFor(expected: string, found: IToken): string | undefined {
  if (expected === "'}'" && TOP_LEVEL_STARTS.has(found.tokenType)) {
    return "Close the previous declaration with '}' before starting a new one.";
  }
  if (expected.startsWith("a declaration")) {
    return didYouMean(
      found.image,
      DECLARATION_WORDS,
      "Each top-level item starts with a keyword such as `model`, `tool` or `prompt`.",
    );
  }
  if (expected.startsWith("':'")) return "Write fields as `name: value`.";
  return undefined;
}

/** Deeper nesting than this is refused before parsing: the recursive-descent parser would exhaust the stack. */
export const MAX_NESTING = 64;

/** The first token that opens a bracket beyond MAX_NESTING levels, if any. */
function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  for (const token of tokens) {
    const image = token.image;
    if (image === "{" || image === "[" || image === "(") {
      if (++depth > MAX_NESTING) return token;
    } else if (image === "}" || image === "]" || image === ")") {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Parse `text` as file `file` (the path shown in diagnostics). */
export function parseFile(file: string, text: string): ParseFileResult {
  const lines = new LineMap(file, text);
  const lexed = lex(file, text, lines);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  const parser = marrowParser();
  const tokens = lexed.tokens;
  const deep = tooDeep(tokens);
  if (deep !== undefined) {
    const span = lines.span(deep.startOffset, deep.startOffset + 1);
    diagnostics.push(createDiagnostic("MS1006", span, { max: MAX_NESTING }));
    const ast: SourceFileAst = { kind: "File", path: file, span: lines.span(0, text.length), items: [] };
    return { ast, diagnostics, hasSyntaxErrors: true };
  }
  const csts: CstNode[] = [];
  const seen = new Set<number>();
  let parseErrors = 0;
  let start = 0;
  while (start <= tokens.length) {
    parser.input = tokens.slice(start);
    csts.push(parser.file());
    let resumeAt = -1;
    for (const e of parser.errors) {
      const offset = Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length;
      if (seen.has(offset)) continue; // recovery can report the same spot twice; one message is enough
      seen.add(offset);
      parseErrors++;
      diagnostics.push(errorDiagnostic(e, lines, tokens));
      if (e.name === "NotAllInputParsedException") {
        const at = tokens.indexOf(e.token, start);
        resumeAt = tokens.findIndex((t, i) => i > at && TOP_LEVEL_STARTS.has(t.tokenType));
        if (resumeAt < 0) resumeAt = tokens.length + 1;
      }
    }
    if (resumeAt < 0) break;
    start = resumeAt;
  }
  const built = buildAst(csts, lines);
  diagnostics.push(...built.diagnostics);
  const ast: SourceFileAst = { kind: "File", path: file, span: lines.span(0, text.length), items: built.items };
  return { ast, diagnostics, hasSyntaxErrors: parseErrors > 0 || lexed.diagnostics.length > 0 };
}
