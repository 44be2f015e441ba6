/**
 * `tool` declarations → generated/tools.ts: for each tool a zod schema of its arguments, the argument type, and a
 * ToolSpec (JSON schema for native tool calling, compact text for prompt-mode, alias maps, category, purity, cap,
 * shell command). Plus `tools` (in declaration order) and `toolArgs` (schemas by name).
 */
import type { ToolDecl } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, pascalCase, print, type Printable } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { marrowTypeText, objectSchema, tsOf, zodObjectOf } from "./types.js";
import { asBool, asNames, asNumber, asString } from "./values.js";

export function emitTools(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Tool");
  const statements: string[] = [];
  for (const tool of decls) statements.push(...toolStatements(ctx, tool));
  const names = decls.map((t) => t.name);
  statements.push(
    `/** Every declared tool, in declaration order. */\nexport const tools: readonly ToolSpec[] = [${names.map(bindingName).join(", ")}];`,
    `/** The argument schema of each tool, by tool name. */\nexport const toolArgs: Readonly<Record<string, z.ZodType>> = { ${names
      .map((n) => `${n}: ${pascalCase(n)}Args`)
      .join(", ")} };`,
  );
  return {
    file: "tools.ts",
    sources: decls,
    imports: [
      { module: ctx.runtime.zod, names: ["z"] },
      { module: ctx.runtime.tools, names: ["ToolSpec"], typeOnly: true },
    ],
    statements,
  };
}

function toolStatements(ctx: EmitContext, tool: ToolDecl): string[] {
  const type = pascalCase(tool.name);
  const description = asString(ctx.field(tool, "description")?.value) ?? "";
  const aliases = aliasMaps(ctx, tool);
  const spec: Record<string, Printable> = {
    name: tool.name,
    description,
    category: asString(ctx.field(tool, "category")?.value) ?? "other",
    pure: asBool(ctx.field(tool, "pure")?.value) ?? false,
    parameters: objectSchema(tool.params),
    nameAliases: aliases.tool,
    paramAliases: aliases.params,
    resultCap: asNumber(ctx.field(tool, "result_cap")?.value),
    shell: asString(ctx.field(tool, "shell")?.value),
    timeoutMs: asNumber(ctx.field(tool, "timeout")?.value),
    compact: compactForm(tool, description),
  };
  const argsType = `{ ${tool.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${tsOf(p.type)}`).join("; ")} }`;
  return [
    `/** Arguments of \`${tool.name}\`. */\nexport const ${type}Args: z.ZodType<${type}Args> = ${zodObjectOf(tool.params).text};`,
    `export type ${type}Args = ${tool.params.length === 0 ? "Record<string, never>" : argsType};`,
    `export const ${bindingName(tool.name)}: ToolSpec = ${print(spec)};`,
  ];
}

/** `read_file(path: string, start_line?: int) — Show numbered lines of a file.` (first sentence only). */
export function compactForm(tool: ToolDecl, description: string): string {
  const params = tool.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${marrowTypeText(p.type)}`).join(", ");
  const sentence = /^[^\n]*?[.!?](?=\s|$)/.exec(description)?.[0] ?? description.split("\n")[0] ?? "";
  return `${tool.name}(${params})${sentence ? " — " + sentence : ""}`;
}

function aliasMaps(ctx: EmitContext, tool: ToolDecl): { tool: string[]; params: Record<string, Printable> } {
  const field = ctx.field(tool, "aliases");
  const result: { tool: string[]; params: Record<string, Printable> } = { tool: [], params: {} };
  if (!field) return result;
  if (field.value.kind !== "Map") {
    ctx.unsupported(field, field.value, "a map { tool: [...], <param>: [...] }");
    return result;
  }
  for (const entry of field.value.entries) {
    const names = asNames(entry.value) ?? [];
    if (entry.key === "tool") result.tool.push(...names);
    else result.params[entry.key] = names;
  }
  return result;
}
