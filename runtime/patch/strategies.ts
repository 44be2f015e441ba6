/** The strategies in the order they are tried, strictest first. */
import type { EditStrategy } from "./types.js";

export const STRATEGY_ORDER: readonly EditStrategy[] = [
  "create",
  "exact",
  "line-endings",
  "trailing-whitespace",
  "indentation",
  "tabs",
  "blank-lines",
  "fences",
  "line-numbers",
  "unicode",
  "spacing",
  "elision",
  "fuzzy",
];
