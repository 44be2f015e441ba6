/**
 * `routing` declarations: every category named in `always`, `fallback` or a category's `after` must be declared in
 * `categories` or be some tool's `category` (MS2030, with a did-you-mean). A tool whose category is neither a declared
 * category nor in `always` is offered on every step (runtime/routing's safe default), spending schema tokens on every
 * request without saying so: a warning (MS2031).
 */
import type { IdentValue, RoutingDecl, StringValue, Value } from "../ast.js";
import { getEntry, getField, isTool } from "../ast.js";
import type { CheckContext } from "./context.js";
import { didYouMean } from "./suggest.js";

type Word = IdentValue | StringValue;

function wordsOf(value: Value | undefined): Word[] {
  if (value?.kind !== "List") return [];
  return value.items.filter((v): v is Word => v.kind === "Ident" || v.kind === "String");
}

const nameOf = (w: Word): string => (w.kind === "Ident" ? w.name : w.value);

/** Every tool category declared in the program, with the span of the first tool that declares it. */
function toolCategories(ctx: CheckContext): Map<string, { tool: string; value: Value }> {
  const out = new Map<string, { tool: string; value: Value }>();
  for (const decl of ctx.program.declarations) {
    if (!isTool(decl)) continue;
    const value = getField(decl, "category")?.value;
    const name = value?.kind === "Ident" ? value.name : value?.kind === "String" ? value.value : undefined;
    if (value !== undefined && name !== undefined && !out.has(name)) out.set(name, { tool: decl.name, value });
  }
  return out;
}

export function checkRouting(ctx: CheckContext, routing: RoutingDecl): void {
  const categories = getField(routing, "categories")?.value;
  const declared = categories?.kind === "Map" ? categories.entries.map((e) => e.key) : [];
  const tools = toolCategories(ctx);
  const always = wordsOf(getField(routing, "always")?.value);
  const fallback = wordsOf(getField(routing, "fallback")?.value);
  const after =
    categories?.kind === "Map"
      ? categories.entries.flatMap((e) => (e.value.kind === "Map" ? wordsOf(getEntry(e.value, "after")) : []))
      : [];
  const known = [...new Set([...declared, ...tools.keys()])];
  const where = `routing '${routing.name}'`;
  for (const word of [...always, ...fallback, ...after]) {
    const name = nameOf(word);
    if (known.includes(name)) continue;
    const list = known.length === 0 ? "(none)" : known.join(", ");
    const hint = didYouMean(name, known, `Categories: ${list}.`);
    ctx.report("MS2030", word.span, { name, where, known: list }, hint);
  }
  const covered = new Set([...declared, ...always.map(nameOf)]);
  for (const [category, { tool, value }] of tools) {
    if (covered.has(category)) continue;
    ctx.report("MS2031", value.span, { tool, category, routing: routing.name });
  }
}
