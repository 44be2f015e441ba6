/**
 * The tools a reply is parsed against: name resolution, per-tool parameter resolution and compiled ajv validators.
 * Built once per parseToolCalls call from any OpenAI-style tools array (tolerating junk entries).
 */
import { Ajv, type ValidateFunction } from "ajv";
import { NameResolver } from "./resolve-name.js";
import { isRecord, properties, type Schema } from "./schema.js";
import { PARAM_SYNONYMS, TOOL_SYNONYMS } from "./synonyms.js";
import type { ToolCallAliases } from "./types.js";

export interface ToolEntry {
  name: string;
  schema: Schema | undefined;
  params: NameResolver;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction | null>();

export class ToolSet {
  readonly tools = new Map<string, ToolEntry>();
  readonly names: NameResolver;

  constructor(tools: unknown, aliases: ToolCallAliases | undefined) {
    for (const t of Array.isArray(tools) ? tools : []) {
      const fn = isRecord(t) && isRecord(t["function"]) ? t["function"] : isRecord(t) ? t : undefined;
      const name = fn?.["name"];
      if (typeof name !== "string" || name === "" || this.tools.has(name)) continue;
      const schema = isRecord(fn?.["parameters"]) ? fn["parameters"] : undefined;
      const paramAliases = aliases?.params?.[name] ?? {};
      const params = new NameResolver(Object.keys(properties(schema)), paramAliases, PARAM_SYNONYMS, true);
      this.tools.set(name, { name, schema, params });
    }
    this.names = new NameResolver([...this.tools.keys()], aliases?.tools ?? {}, TOOL_SYNONYMS);
  }

  get(name: string): ToolEntry | undefined {
    return this.tools.get(name);
  }

  /** Known without guessing: exact, declared alias, case style, or a tool-namespace prefix. */
  isToolName(written: string): boolean {
    const r = this.names.resolve(stripNamespace(written), false);
    return r.kind === "exact" || r.kind === "resolved";
  }

  /** ajv errors as plain sentences, or [] when valid (or the schema could not be compiled). */
  validate(entry: ToolEntry, args: Record<string, unknown>): string[] {
    if (!entry.schema) return [];
    let validator = compiled.get(entry.schema);
    if (validator === undefined) {
      try {
        validator = ajv.compile(entry.schema);
      } catch {
        validator = null; // a schema ajv cannot compile is the tool author's problem; accept the call as coerced
      }
      compiled.set(entry.schema, validator);
    }
    if (!validator || validator(args)) return [];
    return (validator.errors ?? []).map((e) => {
      const where = e.instancePath ? `argument ${e.instancePath.slice(1).replace(/\//g, ".")}` : "the arguments";
      if (e.keyword === "required") return `missing required argument "${String(e.params["missingProperty"])}"`;
      if (e.keyword === "additionalProperties")
        return `unexpected argument "${String(e.params["additionalProperty"])}"`;
      return `${where} ${e.message ?? "is invalid"}`;
    });
  }
}

const NO_OPTIONS = {};
const cache = new WeakMap<object, WeakMap<object, ToolSet>>();

/**
 * The ToolSet for a tools array (and aliases), reused while the caller passes the same objects: the agent offers the
 * same tools every step, so resolvers are built once. Arrays are not deep-compared; a new array builds a new set.
 */
export function toolSetFor(tools: unknown, aliases: ToolCallAliases | undefined): ToolSet {
  if (typeof tools !== "object" || tools === null) return new ToolSet(tools, aliases);
  const key = aliases ?? NO_OPTIONS;
  let byAliases = cache.get(tools);
  if (!byAliases) cache.set(tools, (byAliases = new WeakMap()));
  let set = byAliases.get(key);
  if (!set) byAliases.set(key, (set = new ToolSet(tools, aliases)));
  return set;
}

/** `functions.read_file`, `default_api.read_file`, `tools.read_file` → `read_file`. */
export function stripNamespace(name: string): string {
  const t = name.trim();
  const m = /^(?:functions|function|default_api|tools|tool|api)\.([A-Za-z_][\w.-]*)$/.exec(t);
  return m?.[1] ?? t;
}
