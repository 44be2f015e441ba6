/** `model` and `router` declarations → generated/models.ts (ModelSpec and RouterSpec constants). */
import type { ModelDecl, RouterDecl, Value } from "../ast.js";
import { getEntry } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, code, print, recordOf, type Printable } from "./literal.js";
import { asConfigurable, asNames, asNumber, asString } from "./values.js";
import type { EmittedModule } from "./module.js";

/** Used when a model does not declare its window or output size. */
export const DEFAULT_CONTEXT_WINDOW = 8192;
export const DEFAULT_MAX_OUTPUT = 2048;

export function emitModels(ctx: EmitContext): EmittedModule {
  const statements: string[] = [];
  const decls = [...ctx.declarations("Model"), ...ctx.declarations("Router")];
  for (const model of ctx.declarations("Model")) statements.push(modelStatement(ctx, model));
  for (const router of ctx.declarations("Router")) statements.push(routerStatement(ctx, router));
  const modelNames = ctx.declarations("Model").map((m) => m.name);
  const routerNames = ctx.declarations("Router").map((r) => r.name);
  statements.push(
    `/** Every declared model, by name. */\nexport const models: Readonly<Record<string, ModelSpec>> = ${recordOf(modelNames)};`,
    `/** Every declared router, by name. */\nexport const routers: Readonly<Record<string, RouterSpec>> = ${recordOf(routerNames)};`,
  );
  return {
    file: "models.ts",
    sources: decls,
    imports: [{ module: ctx.runtime.prompt, names: ["ModelSpec", "RouterSpec"], typeOnly: true }],
    statements,
  };
}

function modelStatement(ctx: EmitContext, model: ModelDecl): string {
  const f = (name: string): Value | undefined => ctx.field(model, name)?.value;
  const spec: Record<string, Printable> = {
    name: model.name,
    provider: asString(f("provider")) ?? "openai_compat",
    model: asConfigurable(f("name")) ?? model.name,
    endpoint: asConfigurable(f("endpoint")),
    apiKey: asConfigurable(f("api_key")),
    contextWindow: asNumber(f("context_window")) ?? DEFAULT_CONTEXT_WINDOW,
    maxOutput: asNumber(f("max_output")) ?? DEFAULT_MAX_OUTPUT,
    temperature: asNumber(f("temperature")),
    topP: asNumber(f("top_p")),
    stop: asNames(f("stop")),
    topK: asNumber(f("top_k")),
    seed: asNumber(f("seed")),
    frequencyPenalty: asNumber(f("frequency_penalty")),
    presencePenalty: asNumber(f("presence_penalty")),
    timeoutMs: asNumber(f("timeout")),
    toolCalling: asString(f("tool_calling")),
    costClass: asString(f("cost_class")),
    latencyClass: asString(f("latency_class")),
  };
  return `export const ${bindingName(model.name)}: ModelSpec = ${print(spec)};`;
}

function routerStatement(ctx: EmitContext, router: RouterDecl): string {
  const tiersField = ctx.field(router, "tiers");
  const tiers: Printable[] = [];
  if (tiersField?.value.kind === "List") {
    for (const item of tiersField.value.items) {
      const arrow = item.kind === "Map" ? getEntry(item, "max") : item;
      if (arrow?.kind !== "Arrow") {
        ctx.unsupported(tiersField, item, "a tier { max: N tokens -> Model }");
        continue;
      }
      tiers.push({ maxTokens: asNumber(arrow.from) ?? 0, model: modelRef(ctx, arrow.to.name, arrow.to.span) });
    }
  }
  const defaultName = asString(ctx.field(router, "default")?.value);
  const fallbackName = asString(ctx.field(router, "fallback")?.value);
  const firstTier = tiersField?.value.kind === "List" ? tiersField.value.items[0] : undefined;
  const spec: Record<string, Printable> = {
    name: router.name,
    tiers,
    default: defaultName
      ? modelRef(ctx, defaultName, router.nameSpan)
      : (tiers[0] as { model?: Printable } | undefined)?.model,
    fallback: fallbackName ? modelRef(ctx, fallbackName, router.nameSpan) : undefined,
    onLowConfidence: asString(ctx.field(router, "on_low_confidence")?.value),
    confidenceThreshold: asNumber(ctx.field(router, "confidence_threshold")?.value),
  };
  if (spec.default === undefined)
    ctx.report("MS3003", firstTier?.span ?? router.nameSpan, { name: "default", expected: "model" });
  return `export const ${bindingName(router.name)}: RouterSpec = ${print(spec)};`;
}

function modelRef(ctx: EmitContext, name: string, span: ModelDecl["span"]): Printable {
  if (!ctx.lookup("Model", name)) ctx.report("MS3003", span, { name, expected: "model" });
  return code(bindingName(name));
}
