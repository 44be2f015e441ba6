/** `guard` declarations → generated/guards.ts (GuardSpec constants: detector, thresholds, steering action). */
import type { GuardDecl, Value } from "../ast.js";
import { getEntry } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, camelCase, print, type Printable } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { asBool, asNumber, asString } from "./values.js";

/** Fields with a meaning of their own; every other field is a threshold. */
const RESERVED_FIELDS = new Set(["then", "description", "detector", "enabled", "escalate"]);

export function emitGuards(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Guard");
  const statements = decls.map(
    (guard) => `export const ${bindingName(guard.name)}: GuardSpec = ${print(guardSpec(ctx, guard))};`,
  );
  statements.push(
    `/** Every declared guard, in declaration order. */\nexport const guards: readonly GuardSpec[] = [${decls.map((g) => bindingName(g.name)).join(", ")}];`,
  );
  return {
    file: "guards.ts",
    sources: decls,
    imports: [{ module: ctx.runtime.agent, names: ["GuardSpec"], typeOnly: true }],
    statements,
  };
}

function guardSpec(ctx: EmitContext, guard: GuardDecl): Record<string, Printable> {
  const thresholds: Record<string, Printable> = {};
  for (const field of guard.fields) {
    if (RESERVED_FIELDS.has(field.name)) continue;
    const value = threshold(field.value);
    if (value === undefined) ctx.unsupported(field, field.value, "a number, a flag, a word or a list of words");
    else thresholds[camelCase(field.name)] = value;
  }
  const thenField = ctx.field(guard, "then");
  const escalate = ctx.field(guard, "escalate")?.value;
  return {
    name: guard.name,
    detector: asString(ctx.field(guard, "detector")?.value) ?? guard.name,
    description: asString(ctx.field(guard, "description")?.value),
    enabled: asBool(ctx.field(guard, "enabled")?.value) ?? true,
    thresholds,
    then: thenField ? actionOf(ctx, thenField.value) : { kind: "steer", message: `Guard ${guard.name} fired.` },
    escalate: escalate ? escalationOf(ctx, escalate) : undefined,
  };
}

function threshold(value: Value): Printable | undefined {
  switch (value.kind) {
    case "Number":
      return value.normalized;
    case "Bool":
      return value.value;
    case "String":
      return value.value;
    case "Ident":
      return value.name;
    case "List": {
      const words = value.items.map((item) => asString(item));
      return words.every((w) => w !== undefined) ? (words as string[]) : undefined;
    }
    default:
      return undefined;
  }
}

/** `steer("…")`, `reject("…")`, `retry("…")`, `retry`, `compact`, `stop("…")`. */
export function actionOf(ctx: EmitContext, value: Value): Printable {
  const callee = value.kind === "Call" ? value.callee : value.kind === "Ident" ? value.name : "";
  const text = value.kind === "Call" ? asString(value.args[0]) : undefined;
  switch (callee) {
    case "steer":
    case "reject":
      return { kind: callee, message: text ?? "" };
    case "retry":
      return text === undefined ? { kind: "retry" } : { kind: "retry", message: text };
    case "compact":
      return { kind: "compact" };
    case "abort":
    case "stop":
      return { kind: "stop", reason: text ?? "stopped by a guard" };
    default:
      ctx.unsupported(undefined, value, 'steer("…"), reject("…"), retry, compact or stop("…")');
      return { kind: "stop", reason: "unsupported guard action" };
  }
}

/** `escalate: { after: 3, then: stop("…") }`. */
function escalationOf(ctx: EmitContext, value: Value): Printable {
  if (value.kind !== "Map") {
    ctx.unsupported(undefined, value, "a map { after: n, then: action }");
    return undefined;
  }
  const then = getEntry(value, "then");
  return {
    afterTriggers: asNumber(getEntry(value, "after")) ?? 1,
    action: then ? actionOf(ctx, then) : { kind: "stop", reason: "guard kept firing" },
  };
}
