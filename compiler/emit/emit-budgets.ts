/** `budget` declarations (and inline agent budgets) → generated/budgets.ts (BudgetSpec constants). */
import type { Field } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, print, recordOf } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { asNumber } from "./values.js";

/** MarrowScript field → BudgetSpec key. */
const BUDGET_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ["context", "contextShare"],
  ["output_reserve", "outputReserve"],
  ["safety_margin", "safetyMargin"],
  ["tool_result", "toolResultChars"],
  ["compact_at", "compactAt"],
  ["compact_to", "compactTo"],
  ["keep_recent_turns", "keepRecentTurns"],
];

/** The name of an agent's inline `budget { … }`. */
export const inlineBudgetName = (agent: string): string => `${agent}_budget`;

export function emitBudgets(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Budget");
  const statements: string[] = [];
  const names: string[] = [];
  for (const budget of decls) {
    statements.push(budgetStatement(budget.name, budget.fields));
    names.push(budget.name);
  }
  for (const agent of ctx.declarations("Agent")) {
    const field = ctx.field(agent, "budget");
    if (field?.value.kind !== "Map") continue;
    const name = inlineBudgetName(agent.name);
    const fields: Field[] = field.value.entries.map((e) => ({
      kind: "Field",
      span: e.span,
      name: e.key,
      nameSpan: e.keySpan,
      value: e.value,
    }));
    statements.push(budgetStatement(name, fields));
    names.push(name);
  }
  statements.push(
    `/** Every declared budget, by name. */\nexport const budgets: Readonly<Record<string, BudgetSpec>> = ${recordOf(names)};`,
  );
  return {
    file: "budgets.ts",
    sources: decls,
    imports: [
      { module: ctx.runtime.context, names: ["DEFAULT_BUDGET"] },
      { module: ctx.runtime.context, names: ["BudgetSpec"], typeOnly: true },
    ],
    statements,
  };
}

function budgetStatement(name: string, fields: readonly Field[]): string {
  const entries = [`name: ${print(name)}`];
  for (const [marrow, key] of BUDGET_FIELDS) {
    const field = [...fields].reverse().find((f) => f.name === marrow);
    const value = asNumber(field?.value);
    if (value !== undefined) entries.push(`${key}: ${print(value)}`);
  }
  return `export const ${bindingName(name)}: BudgetSpec = { ...DEFAULT_BUDGET, ${entries.join(", ")} };`;
}
