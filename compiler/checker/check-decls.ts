/** Checks specific to one declaration kind, beyond what the field tables say. */
import type { BudgetDecl, EvaluationDecl, MapValue, PromptDecl, RouterDecl, ToolDecl, Value } from "../ast.js";
import { getEntry, getField } from "../ast.js";
import type { CheckContext } from "./context.js";
import { didYouMean } from "./suggest.js";
import { templateVars } from "./templates.js";

/** Exactly one of `model:` / `router:` (MS2009). */
export function checkModelOrRouter(ctx: CheckContext, prompt: PromptDecl): void {
  const model = getField(prompt, "model");
  const router = getField(prompt, "router");
  if (model !== undefined && router !== undefined) {
    ctx.report("MS2009", router.nameSpan, { name: prompt.name, problem: "gives both `model:` and `router:`" });
  } else if (model === undefined && router === undefined) {
    ctx.report("MS2009", prompt.nameSpan, { name: prompt.name, problem: "gives neither `model:` nor `router:`" });
  }
}

/** Names used in `cache: { key: hash(a, b) }` (or `key: a`) must be parameters (MS2022). */
export function checkCacheKey(ctx: CheckContext, prompt: PromptDecl): void {
  const cache = getField(prompt, "cache")?.value;
  if (cache?.kind !== "Map") return;
  const key = getEntry(cache, "key");
  if (key === undefined) return;
  const params = prompt.params.map((p) => p.name);
  const refs: Value[] = key.kind === "Call" && key.callee === "hash" ? key.args : [key];
  if (key.kind === "Call" && key.callee !== "hash") {
    ctx.report(
      "MS2023",
      key.calleeSpan,
      { name: key.callee, known: "hash" },
      didYouMean(key.callee, ["hash"]) ?? "Use hash(param, …).",
    );
    return;
  }
  if (key.kind === "Call" && key.args.length === 0) {
    ctx.report("MS2024", key.span, { name: "hash", problem: "needs at least one parameter to hash" });
  }
  for (const ref of refs) {
    if (ref.kind !== "Ident") continue;
    const root = ref.parts[0] ?? ref.name;
    if (params.includes(root)) continue;
    const list = params.length === 0 ? "(none)" : params.join(", ");
    ctx.report(
      "MS2022",
      ref.span,
      { name: ref.name, where: `prompt '${prompt.name}'`, params: list },
      didYouMean(root, params, `Parameters: ${list}.`),
    );
  }
}

/** Alias keys are `tool` or a parameter name (MS2022). */
export function checkToolAliases(ctx: CheckContext, tool: ToolDecl): void {
  const aliases = getField(tool, "aliases")?.value;
  if (aliases?.kind !== "Map") return;
  const params = tool.params.map((p) => p.name);
  for (const entry of aliases.entries) {
    if (entry.key === "tool" || params.includes(entry.key)) continue;
    const list = ["tool", ...params].join(", ");
    const hint = didYouMean(entry.key, ["tool", ...params], `Keys: tool (other tool names) or a parameter: ${list}.`);
    ctx.report("MS2022", entry.keySpan, { name: entry.key, where: `tool '${tool.name}'`, params: list }, hint);
  }
}

function tierMax(tier: Value): { value: number; raw: string; span: Value["span"] } | undefined {
  if (tier.kind !== "Map") return undefined;
  const max = getEntry(tier as MapValue, "max");
  const from = max?.kind === "Arrow" ? max.from : undefined;
  if (from?.kind !== "Number" || from.unknownUnit !== undefined) return undefined;
  return { value: from.normalized, raw: from.raw, span: from.span };
}

/** Tier bounds strictly increase (MS2008). */
export function checkTierOrder(ctx: CheckContext, router: RouterDecl): void {
  const tiers = getField(router, "tiers")?.value;
  if (tiers?.kind !== "List") return;
  let previous: { value: number; raw: string } | undefined;
  for (const tier of tiers.items) {
    const max = tierMax(tier);
    if (max === undefined) continue;
    if (previous !== undefined && max.value <= previous.value) {
      ctx.report("MS2008", max.span, { value: max.raw, previous: previous.raw });
    }
    previous = max;
  }
}

/** compact_to must be below compact_at (MS2020). */
export function checkBudgetShares(ctx: CheckContext, budget: { fields: BudgetDecl["fields"] }): void {
  const at = getField(budget, "compact_at")?.value;
  const to = getField(budget, "compact_to")?.value;
  if (at?.kind !== "Number" || to?.kind !== "Number") return;
  if (to.normalized >= at.normalized) {
    ctx.report("MS2020", to.span, { name: "compact_to", range: `below compact_at (${at.raw})`, found: to.raw });
  }
}

/** Names a prompt or tool mentions in its templates, shell command and cache key. */
function usedNames(decl: PromptDecl | ToolDecl): Set<string> {
  const used = new Set<string>();
  for (const name of ["template", "system", "shell"]) {
    const value = getField(decl, name)?.value;
    if (value?.kind === "String") for (const v of templateVars(value)) used.add(v.name);
  }
  const cache = getField(decl, "cache")?.value;
  const key = cache?.kind === "Map" ? getEntry(cache, "key") : undefined;
  const refs = key?.kind === "Call" ? key.args : key === undefined ? [] : [key];
  for (const ref of refs) if (ref.kind === "Ident") used.add(ref.parts[0] ?? ref.name);
  return used;
}

/**
 * A prompt parameter that no template mentions never reaches the model (MS2029, a warning). Tools without `shell`
 * are implemented in TypeScript, which reads its arguments directly, so only shell-backed tools are checked.
 */
export function checkUnusedParams(ctx: CheckContext, decl: PromptDecl | ToolDecl): void {
  if (decl.kind === "Tool" && getField(decl, "shell") === undefined) return;
  if (decl.kind === "Prompt" && getField(decl, "template")?.value.kind !== "String") return;
  const used = usedNames(decl);
  const where = `${decl.kind === "Tool" ? "tool" : "prompt"} '${decl.name}'`;
  for (const param of decl.params) {
    if (!used.has(param.name)) ctx.report("MS2029", param.nameSpan, { name: param.name, where });
  }
}

/** Each case's `input` keys are parameters of the evaluated prompt (MS2022). */
export function checkEvaluationInputs(ctx: CheckContext, evaluation: EvaluationDecl): void {
  const promptName = getField(evaluation, "prompt")?.value;
  const prompt = promptName?.kind === "Ident" ? ctx.lookup(["Prompt"], promptName.name) : undefined;
  const cases = getField(evaluation, "cases")?.value;
  if (prompt?.kind !== "Prompt" || cases?.kind !== "List") return;
  const params = prompt.params.map((p) => p.name);
  const list = params.length === 0 ? "(none)" : params.join(", ");
  for (const item of cases.items) {
    const input = item.kind === "Map" ? getEntry(item, "input") : undefined;
    if (input?.kind !== "Map") continue;
    for (const entry of input.entries) {
      if (params.includes(entry.key)) continue;
      const hint = didYouMean(entry.key, params, `Parameters: ${list}.`);
      ctx.report("MS2022", entry.keySpan, { name: entry.key, where: `prompt '${prompt.name}'`, params: list }, hint);
    }
  }
}
