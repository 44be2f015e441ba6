/**
 * The MarrowScript parser (Chevrotain CstParser with error recovery). Builds a CST; cst-to-ast.ts turns it into the
 * AST. One instance is built once (performSelfAnalysis is costly) and reused for every file.
 *
 * Separators between fields, entries and list items are optional (`,` or `;`), so both the one-line form
 * `{ a: 1, b: 2 }` and one field per line work.
 */
import {
  CstParser,
  EOF,
  tokenMatcher,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
} from "chevrotain";
import * as T from "./lexer.js";

function label(type: TokenType): string {
  if (type === EOF) return "end of file";
  return type.LABEL ?? type.name;
}

function describePaths(paths: TokenType[][]): string {
  const firsts = [...new Set(paths.map((p) => (p[0] ? label(p[0]) : "end of input")))];
  if (firsts.length <= 1) return firsts[0] ?? "something else";
  return `${firsts.slice(0, -1).join(", ")} or ${firsts[firsts.length - 1]}`;
}

/** Marks "a field name not followed by ':'", so the diagnostic can point at the token after the name. */
export const COLON_AFTER = "\u0000colon-after:";

const A_DECLARATION =
  "a declaration (model, tool, prompt, router, evaluation, guard, budget, routing, agent, extend or import)";

/** Messages hold only what was expected; parse() adds what was found and where. */
const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => (expected === EOF ? A_DECLARATION : label(expected)),
  buildNotAllInputParsedMessage: () => A_DECLARATION,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, customUserDescription, actual, ruleName }) => {
    const first = actual[0];
    if (ruleName === "member" && first !== undefined && tokenMatcher(first, T.Name))
      return `${COLON_AFTER}${first.image}`;
    return customUserDescription ?? describePaths(expectedPathsPerAlt.flat());
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, customUserDescription }) =>
    customUserDescription ?? describePaths(expectedIterationPaths),
};

const SIMPLE_DECLS = [T.Model, T.Router, T.Evaluation, T.Guard, T.Budget, T.Routing, T.Agent];
const CALLABLE_DECLS = [T.Tool, T.Prompt];

/** Token types that begin a top-level item: where parsing resumes after junk at the top level. */
export const TOP_LEVEL_STARTS: ReadonlySet<TokenType> = new Set([
  T.Import,
  T.Extend,
  ...SIMPLE_DECLS,
  ...CALLABLE_DECLS,
]);

class MarrowParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider: errorMessages,
    });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.simpleDecl) },
        { ALT: () => this.SUBRULE(this.callableDecl) },
        { ALT: () => this.SUBRULE(this.extendDecl) },
      ]);
    });
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => this.CONSUME(T.Semicolon));
  });

  simpleDecl = this.RULE("simpleDecl", () => {
    this.OR(SIMPLE_DECLS.map((kw) => ({ ALT: () => this.CONSUME(kw, { LABEL: "keyword" }) })));
    this.CONSUME(T.Name, { LABEL: "name" });
    this.SUBRULE(this.body);
  });

  callableDecl = this.RULE("callableDecl", () => {
    this.OR(CALLABLE_DECLS.map((kw) => ({ ALT: () => this.CONSUME(kw, { LABEL: "keyword" }) })));
    this.CONSUME(T.Name, { LABEL: "name" });
    this.CONSUME(T.LParen);
    this.MANY(() => {
      this.SUBRULE(this.param);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RParen);
    this.OPTION2(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE(this.type, { LABEL: "returns" });
    });
    this.SUBRULE(this.body);
  });

  extendDecl = this.RULE("extendDecl", () => {
    this.CONSUME(T.Extend);
    this.OR([...SIMPLE_DECLS, ...CALLABLE_DECLS].map((kw) => ({ ALT: () => this.CONSUME(kw, { LABEL: "keyword" }) })));
    this.CONSUME(T.Name, { LABEL: "name" });
    this.SUBRULE(this.body);
  });

  param = this.RULE("param", () => {
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.Question));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
  });

  body = this.RULE("body", () => {
    this.CONSUME(T.LCurly);
    // A declaration keyword followed by a name (`prompt p(`) means the '}' is missing: stop here so the error says so
    // and recovery resumes with that declaration.
    this.MANY({
      GATE: () => !this.startsDeclaration(),
      DEF: () => {
        this.SUBRULE(this.member);
        this.OPTION(() => this.SUBRULE(this.separator));
      },
    });
    this.CONSUME(T.RCurly);
  });

  private startsDeclaration(): boolean {
    const first = this.LA(1).tokenType;
    const second = this.LA(2);
    if (first === T.Import) return second.tokenType === T.StringLiteral;
    if (first === T.Extend) return tokenMatcher(second, T.Name);
    return TOP_LEVEL_STARTS.has(first) && tokenMatcher(second, T.Name) && this.LA(3).tokenType !== T.Colon;
  }

  member = this.RULE("member", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.stage) },
      { ALT: () => this.SUBRULE(this.loopClause) },
      { ALT: () => this.SUBRULE(this.field) },
    ]);
  });

  stage = this.RULE("stage", () => {
    this.CONSUME(T.Stage);
    this.CONSUME(T.Name);
    this.SUBRULE(this.body);
  });

  loopClause = this.RULE("loopClause", () => {
    this.CONSUME(T.Loop);
    this.CONSUME(T.Until);
    this.CONSUME(T.Name);
  });

  field = this.RULE("field", () => {
    this.CONSUME(T.Name);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE(this.map) },
    ]);
  });

  separator = this.RULE("separator", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Comma) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
  });

  value = this.RULE("value", () => {
    this.SUBRULE(this.primary, { LABEL: "left" });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Arrow);
            this.CONSUME(T.Name, { LABEL: "target" });
          },
        },
        {
          ALT: () => {
            this.OR2([{ ALT: () => this.CONSUME(T.CompareOp) }, { ALT: () => this.CONSUME(T.In) }]);
            this.SUBRULE2(this.primary, { LABEL: "right" });
          },
        },
      ]);
    });
  });

  primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.TripleString) },
      { ALT: () => this.SUBRULE(this.number) },
      { ALT: () => this.SUBRULE(this.reference) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.map) },
    ]);
  });

  number = this.RULE("number", () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    const literal = this.CONSUME(T.NumberLiteral);
    this.OPTION2({ GATE: () => this.isUnitWord(literal), DEF: () => this.CONSUME(T.Identifier, { LABEL: "unit" }) });
  });

  /** A word right after a number, on the same line, that does not start the next field (`4k chars`). */
  private isUnitWord(literal: IToken): boolean {
    const next = this.LA(1);
    if (next.tokenType !== T.Identifier) return false;
    if (next.startLine !== literal.endLine) return false;
    const after = this.LA(2).tokenType;
    return after !== T.Colon && after !== T.LParen && after !== T.LCurly;
  }

  reference = this.RULE("reference", () => {
    this.CONSUME(T.Name);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => this.SUBRULE(this.commaValues, { LABEL: "args" }));
      this.CONSUME(T.RParen);
    });
  });

  /** Items need commas (a trailing one is fine): a missing `]` is then caught where it is missing. */
  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => this.SUBRULE(this.commaValues, { LABEL: "items" }));
    this.CONSUME(T.RBracket);
  });

  commaValues = this.RULE("commaValues", () => {
    this.SUBRULE(this.value, { LABEL: "values" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.OPTION(() => this.SUBRULE2(this.value, { LABEL: "values" }));
    });
  });

  map = this.RULE("map", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.mapEntry);
      this.OPTION(() => this.SUBRULE(this.separator));
    });
    this.CONSUME(T.RCurly);
  });

  mapEntry = this.RULE("mapEntry", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.value);
  });

  type = this.RULE("type", () => {
    this.SUBRULE(this.typeMember, { LABEL: "members" });
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.typeMember, { LABEL: "members" });
    });
  });

  typeMember = this.RULE("typeMember", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.Name) },
      { ALT: () => this.SUBRULE(this.objectType) },
    ]);
    this.MANY(() => {
      this.CONSUME(T.LBracket);
      this.CONSUME(T.RBracket);
    });
  });

  objectType = this.RULE("objectType", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.objectField);
      this.OPTION(() => this.SUBRULE(this.separator));
    });
    this.CONSUME(T.RCurly);
  });

  objectField = this.RULE("objectField", () => {
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.Question));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
  });
}

let instance: MarrowParser | undefined;

/** The shared parser instance (built on first use). */
export function marrowParser(): MarrowParser {
  instance ??= new MarrowParser();
  return instance;
}

export type { MarrowParser };
