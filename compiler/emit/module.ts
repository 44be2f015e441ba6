/** One emitted file before printing: its imports and statements, and the declarations it came from. */
import type { Declaration } from "../ast.js";

export interface EmittedImport {
  module: string;
  names: string[];
  typeOnly?: boolean;
  /** `import * as <namespace> from module`. */
  namespace?: string;
}

export interface EmittedModule {
  /** File name inside the output directory, e.g. "tools.ts". */
  file: string;
  /** The declarations this file was emitted from (named in the header). */
  sources: readonly Declaration[];
  imports: EmittedImport[];
  statements: string[];
}
