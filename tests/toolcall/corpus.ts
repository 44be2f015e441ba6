/**
 * Loads the tool-call corpus (tests/fixtures/toolcalls/): tool sets from tools.yaml, cases from cases/*.yaml.
 * Each case: name (what makes it hard), text (raw assistant output), optional native tool_calls, optional crlf (turn
 * the text's newlines into CRLF), tools (a set name; default "coding"), expect (the intended calls; [] for a
 * negative) and optionally diagnostics (the exact diagnostic codes expected). Shared by the corpus test and bench.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { OpenAITool } from "../../runtime/model/types.js";
import type { ToolCallInput, ToolCallParseOptions } from "../../runtime/toolcall/index.js";

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "toolcalls");
/** The held-out corpus: written blind against the parser, same format. */
export const HELDOUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "toolcalls-heldout");
/** The second blind round: written without reading the parser or any corpus case, same format. */
export const BLIND2_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "toolcalls-blind2");

export interface CorpusCase {
  file: string;
  name: string;
  tools: OpenAITool[];
  input: ToolCallInput;
  options?: ToolCallParseOptions;
  expect: { name: string; arguments: Record<string, unknown> }[];
  diagnostics?: string[];
}

interface RawCase {
  name?: unknown;
  text?: unknown;
  native?: unknown;
  crlf?: unknown;
  tools?: unknown;
  aliases?: unknown;
  expect?: unknown;
  diagnostics?: unknown;
}

export function loadCorpus(dir = CORPUS_DIR): CorpusCase[] {
  const toolSets = parse(readFileSync(join(dir, "tools.yaml"), "utf8")) as Record<string, OpenAITool[]>;
  const out: CorpusCase[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(join(dir, "cases"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const doc = parse(readFileSync(join(dir, "cases", file), "utf8")) as { tools?: string; cases?: RawCase[] };
    for (const [i, c] of (doc.cases ?? []).entries()) {
      const where = `${file} case ${i + 1}`;
      if (typeof c.name !== "string" || typeof c.text !== "string" || !Array.isArray(c.expect)) {
        throw new Error(`${where}: needs name, text and expect`);
      }
      if (seen.has(c.name)) throw new Error(`${where}: duplicate case name ${c.name}`);
      seen.add(c.name);
      const setName = typeof c.tools === "string" ? c.tools : (doc.tools ?? "coding");
      const tools = toolSets[setName];
      if (!tools) throw new Error(`${where}: unknown tool set ${setName}`);
      const text = c.crlf === true ? c.text.replace(/\r?\n/g, "\r\n") : c.text;
      const input: ToolCallInput = { text };
      if (Array.isArray(c.native)) input.nativeToolCalls = c.native as { name: string; arguments: string }[];
      const kase: CorpusCase = { file, name: c.name, tools, input, expect: c.expect as CorpusCase["expect"] };
      if (c.aliases && typeof c.aliases === "object")
        kase.options = { aliases: c.aliases as ToolCallParseOptions["aliases"] & object };
      if (Array.isArray(c.diagnostics)) kase.diagnostics = c.diagnostics.map(String);
      out.push(kase);
    }
  }
  return out;
}
