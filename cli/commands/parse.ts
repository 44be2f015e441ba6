/**
 * `smallcode parse --tools tools.json [--json] < reply.txt`: run the forgiving tool-call parser on a saved model reply,
 * so a user can see why their model's output was or wasn't read as tool calls.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { OpenAITool } from "../../runtime/model/types.js";
import { parseToolCalls, type ToolCallParseResult } from "../../runtime/toolcall/index.js";
import type { CommandIO } from "../command.js";

export const summary = "Show the tool calls the parser reads from a model reply (stdin)";

const USAGE = `Usage: smallcode parse --tools <tools.json> [--json] [--native <tool_calls.json>] < reply.txt

Reads a raw assistant reply on standard input and prints the tool calls the parser finds in it (each with its
format and the repairs applied), the diagnostics it would send back to the model, and the leftover prose.

Options:
  --tools <file>    OpenAI-style tools: an array of {type: "function", function: {name, parameters}}, or {tools: [...]}
  --native <file>   Optional: the server's tool_calls as JSON ([{name, arguments}] or OpenAI's {function: {...}} form)
  --json            Print the result as JSON ({calls, diagnostics, text})
  -h, --help        Show this help
`;

interface Args {
  tools?: string;
  native?: string;
  json: boolean;
  help: boolean;
}

type Parsed = { ok: true; args: Args } | { ok: false; error: string };

function parseArgs(argv: string[]): Parsed {
  const args: Args = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") args.json = true;
    else if (a === "-h" || a === "--help") args.help = true;
    else if (a === "--tools" || a === "--native") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) return { ok: false, error: `${a} needs a file path.` };
      if (a === "--tools") args.tools = v;
      else args.native = v;
    } else if (a.startsWith("--tools=")) args.tools = a.slice(8);
    else if (a.startsWith("--native=")) args.native = a.slice(9);
    else return { ok: false, error: `unknown option '${a}'.` };
  }
  return { ok: true, args };
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return usageError(io, parsed.error);
  const { args } = parsed;
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!args.tools) return usageError(io, "--tools <file> is required (the tools the model was offered).");
  const tools = await loadJson(resolve(io.cwd, args.tools));
  if (!tools.ok) return usageError(io, `cannot read --tools ${args.tools}: ${tools.error}`);
  const toolList = toToolList(tools.value);
  if (!toolList.ok) return usageError(io, `--tools ${args.tools}: ${toolList.error}`);
  let native: { name: string; arguments: string }[] | null = null;
  if (args.native) {
    const n = await loadJson(resolve(io.cwd, args.native));
    if (!n.ok) return usageError(io, `cannot read --native ${args.native}: ${n.error}`);
    const list = toNativeList(n.value);
    if (!list)
      return usageError(io, `--native ${args.native}: expected an array of {name, arguments} (or OpenAI tool_calls).`);
    native = list;
  }
  const text = await readStdin(io.stdin);
  const result = parseToolCalls({ text, nativeToolCalls: native }, toolList.tools);
  io.stdout.write(args.json ? JSON.stringify(result, null, 2) + "\n" : render(result));
  return 0;
}

function usageError(io: CommandIO, message: string): number {
  io.stderr.write(`smallcode parse: ${message}\nRun 'smallcode parse --help' for usage.\n`);
  return 2;
}

async function loadJson(path: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error: code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(code ?? err),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}

function toToolList(value: unknown): { ok: true; tools: OpenAITool[] } | { ok: false; error: string } {
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value["tools"])
      ? value["tools"]
      : undefined;
  if (!list) return { ok: false, error: 'expected an array of tools or an object with a "tools" array.' };
  const bad = list.findIndex(
    (t) => !isObject(t) || !isObject(t["function"]) || typeof t["function"]["name"] !== "string",
  );
  if (bad >= 0) return { ok: false, error: `tool ${bad + 1} is not {type: "function", function: {name, parameters}}.` };
  return { ok: true, tools: list as OpenAITool[] };
}

function toNativeList(value: unknown): { name: string; arguments: string }[] | null {
  if (!Array.isArray(value)) return null;
  const out: { name: string; arguments: string }[] = [];
  for (const item of value) {
    const fn = isObject(item) && isObject(item["function"]) ? item["function"] : item;
    if (!isObject(fn) || typeof fn["name"] !== "string") return null;
    const a = fn["arguments"];
    out.push({ name: fn["name"], arguments: typeof a === "string" ? a : JSON.stringify(a ?? {}) });
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Human-readable: calls (format, arguments, repairs), diagnostics, leftover text. */
export function render(r: ToolCallParseResult): string {
  const lines: string[] = [];
  lines.push(
    r.calls.length === 0 ? "No tool calls." : `${r.calls.length} tool call${r.calls.length === 1 ? "" : "s"}:`,
  );
  r.calls.forEach((c, i) => {
    lines.push(`  ${i + 1}. ${c.name}  [${c.format}]`);
    for (const [k, v] of Object.entries(c.arguments)) lines.push(`       ${k}: ${preview(v)}`);
    for (const rep of c.repairs) lines.push(`       repaired: ${rep}`);
  });
  if (r.diagnostics.length > 0) {
    lines.push(
      "",
      `${r.diagnostics.length} diagnostic${r.diagnostics.length === 1 ? "" : "s"} (sent back to the model):`,
    );
    for (const d of r.diagnostics) lines.push(`  - [${d.code}${d.format ? `, ${d.format}` : ""}] ${d.message}`);
  }
  lines.push("", r.text === "" ? "Leftover text: (none)" : `Leftover text:\n${r.text.replace(/^/gm, "  | ")}`);
  return lines.join("\n") + "\n";
}

function preview(v: unknown): string {
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s;
}
