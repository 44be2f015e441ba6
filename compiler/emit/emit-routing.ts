/** `routing` declarations → generated/routing.ts (RoutingSpec constants: categories and their signals as data). */
import type { RoutingDecl, Value } from "../ast.js";
import { getEntry } from "../ast.js";
import type { EmitContext } from "./context.js";
import { print, type Printable } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { asNames, asNumber } from "./values.js";

export function emitRouting(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Routing");
  const entries = decls.map((d) => `${JSON.stringify(d.name)}: ${print(routingSpec(ctx, d))}`);
  return {
    file: "routing.ts",
    sources: decls,
    imports: [{ module: ctx.runtime.routing, names: ["RoutingSpec"], typeOnly: true }],
    statements: [
      `/** Every declared routing, by name (an agent names its own with \`routing:\`). */\nexport const routings: Readonly<Record<string, RoutingSpec>> = { ${entries.join(", ")} };`,
    ],
  };
}

function routingSpec(ctx: EmitContext, decl: RoutingDecl): Record<string, Printable> {
  const f = (name: string): Value | undefined => ctx.field(decl, name)?.value;
  const categories = f("categories");
  return {
    categories:
      categories?.kind === "Map"
        ? categories.entries.map((e) => ({
            name: e.key,
            keywords: e.value.kind === "Map" ? (asNames(getEntry(e.value, "keywords")) ?? []) : [],
            after: e.value.kind === "Map" ? (asNames(getEntry(e.value, "after")) ?? []) : [],
          }))
        : [],
    always: asNames(f("always")) ?? [],
    fallback: asNames(f("fallback")) ?? [],
    continuePhrases: asNames(f("continue_phrases")) ?? [],
    holdSteps: asNumber(f("hold_steps")) ?? 0,
  };
}
