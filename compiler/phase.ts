/** The pipeline order of marrowc, written down once. Each phase is its own module; the driver runs them in order. */
export enum Phase {
  /** lexer.ts: text → tokens (MS1001–MS1003). */
  Lexed = 1,
  /** parser.ts + cst-to-ast.ts: tokens → CST → AST per file (MS1004, MS1005, MS2028). */
  Parsed = 2,
  /** imports.ts + merge.ts: imports resolved, files ordered, overrides and `extend`s merged (MS2002, MS2014–MS2016). */
  Bound = 3,
  /** checker/: names, fields, types, units, stages (MS2xxx). */
  Checked = 4,
  /** emit/ (owned by the emitter): AST → TypeScript files in memory (MS3xxx). */
  Emitted = 5,
}
