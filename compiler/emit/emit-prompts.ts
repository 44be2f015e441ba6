/**
 * `prompt` declarations → generated/prompts.ts: a params type, a PromptSpec constant and an exported async function
 * per prompt that runs it through `runPrompt` (render, cache, budget, model, validation, on_invalid, spans).
 */
import type { PromptDecl, Value } from "../ast.js";
import { getEntry } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, code, pascalCase, print, recordOf, type Printable } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { checksOf, constraintsOf } from "./checks.js";
import { describeType, isTextType, tsOf, zodOf } from "./types.js";
import { asBool, asNumber, asString } from "./values.js";

export function emitPrompts(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Prompt");
  const statements: string[] = [];
  for (const prompt of decls) statements.push(...promptStatements(ctx, prompt));
  const names = decls.map((p) => p.name);
  statements.push(
    `/** Every declared prompt function, by name. */\nexport const prompts: Readonly<Record<string, PromptFunction>> = ${recordOf(names)};`,
    `/** Every declared prompt's spec, by name. */\nexport const promptSpecs = { ${names.map((n) => `${n}: ${n}Spec`).join(", ")} } as const;`,
  );
  return {
    file: "prompts.ts",
    sources: decls,
    imports: [
      { module: ctx.runtime.zod, names: ["z"] },
      { module: ctx.runtime.prompt, names: ["runPrompt"] },
      {
        module: ctx.runtime.prompt,
        names: ["PromptFunction", "PromptResult", "PromptRuntime", "PromptSpec"],
        typeOnly: true,
      },
      { module: "./models.js", names: [], namespace: "models" },
    ],
    statements,
  };
}

function promptStatements(ctx: EmitContext, prompt: PromptDecl): string[] {
  const params = pascalCase(prompt.name) + "Params";
  const returns = prompt.returns;
  const resultType = tsOf(returns);
  const paramsType =
    prompt.params.length === 0
      ? "Record<string, never>"
      : `{ ${prompt.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${tsOf(p.type)}`).join("; ")} }`;
  const spec = promptSpec(ctx, prompt);
  const doc = firstLine(asString(ctx.field(prompt, "description")?.value)) ?? `Runs the \`${prompt.name}\` prompt.`;
  return [
    `export type ${params} = ${paramsType};`,
    `export const ${prompt.name}Spec: PromptSpec<${params}, ${resultType}> = ${print(spec)};`,
    `/** ${doc} Never throws: failures come back as \`{ ok: false, reason }\`. */\n` +
      `export function ${bindingName(prompt.name)}(params: ${params}, runtime: PromptRuntime): Promise<PromptResult<${resultType}>> {\n` +
      `  return runPrompt(${prompt.name}Spec, params, runtime);\n}`,
  ];
}

function promptSpec(ctx: EmitContext, prompt: PromptDecl): Record<string, Printable> {
  const f = (name: string): Value | undefined => ctx.field(prompt, name)?.value;
  const file = prompt.span.file;
  return {
    name: prompt.name,
    source: `${file}:${prompt.span.line}`,
    params: prompt.params.map((p) => p.name),
    template: asString(f("template")) ?? "",
    system: asString(f("system")),
    model: modelRef(ctx, prompt),
    output: isTextType(prompt.returns) ? "text" : "json",
    schema: code(zodOf(prompt.returns)),
    returns: describeType(prompt.returns),
    timeoutMs: asNumber(f("timeout")),
    retry: retrySpec(ctx, f("retry")),
    cache: cacheSpec(ctx, prompt, f("cache")),
    validate: checksOf(ctx, ctx.field(prompt, "validate")),
    constraints: constraintsOf(ctx, ctx.field(prompt, "constraints")),
    onInvalid: asString(f("on_invalid")) ?? "fail",
    budgetTokens: asNumber(f("budget")),
    temperature: asNumber(f("temperature")),
    maxOutputTokens: asNumber(f("max_output")),
    idempotent: asBool(f("idempotent")),
  };
}

function modelRef(ctx: EmitContext, prompt: PromptDecl): Printable {
  const model = asString(ctx.field(prompt, "model")?.value);
  const router = asString(ctx.field(prompt, "router")?.value);
  if (router !== undefined) {
    if (!ctx.lookup("Router", router)) ctx.report("MS3003", prompt.nameSpan, { name: router, expected: "router" });
    return { kind: "router", router: code(`models.${bindingName(router)}`) };
  }
  if (model === undefined || !ctx.lookup("Model", model)) {
    ctx.report("MS3003", ctx.field(prompt, "model")?.value.span ?? prompt.nameSpan, {
      name: model ?? "(none)",
      expected: "model",
    });
  }
  return { kind: "model", model: code(`models.${bindingName(model ?? "undefined")}`) };
}

function retrySpec(ctx: EmitContext, value: Value | undefined): Printable {
  if (!value) return undefined;
  if (value.kind !== "Map") {
    ctx.unsupported(undefined, value, "a map { max_attempts, backoff, interval }");
    return undefined;
  }
  return {
    maxAttempts: asNumber(getEntry(value, "max_attempts")) ?? 1,
    backoff: asString(getEntry(value, "backoff")) ?? "fixed",
    intervalMs: asNumber(getEntry(value, "interval")) ?? 0,
  };
}

function cacheSpec(ctx: EmitContext, prompt: PromptDecl, value: Value | undefined): Printable {
  if (!value) return undefined;
  if (value.kind !== "Map") {
    ctx.unsupported(undefined, value, "a map { key: hash(param, …), ttl }");
    return undefined;
  }
  const key = getEntry(value, "key");
  let keyParams: string[] = prompt.params.map((p) => p.name);
  if (key?.kind === "Call" && key.callee === "hash") {
    keyParams = key.args.map((a) => asString(a) ?? "").filter((name) => name !== "");
  } else if (key?.kind === "Ident") {
    keyParams = [key.name];
  } else if (key !== undefined) {
    ctx.unsupported(undefined, key, "hash(param, …)");
  }
  return { keyParams, ttlMs: asNumber(getEntry(value, "ttl")) };
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split("\n")[0]?.replaceAll("*/", "* /");
}
