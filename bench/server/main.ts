/**
 * Run the test LLM server as a standalone process:
 *
 *   tsx bench/server/main.ts [--port N] [--script replies.json] [--flavour ollama|llamacpp|lmstudio|vllm|jan|openai]
 *                            [--model NAME]... [--context-length N] [--truncate-at N]
 *
 * The script file is a JSON array of reply specs (the `spec` of `reply()`), e.g.
 * `[{"content": "Hello"}, {"toolCalls": [{"name": "read_file", "arguments": {"path": "a.ts"}}]}]` (arguments as an
 * object, or as the exact string to send).
 * Prints `listening <baseUrl>` on stdout once ready; stops on SIGINT / SIGTERM.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ServerFlavour } from "./flavours.js";
import { reply, type ReplySpec } from "./script.js";
import { startLlmServer, type LlmServerOptions } from "./server.js";

const FLAVOURS: readonly ServerFlavour[] = ["openai", "ollama", "llamacpp", "lmstudio", "vllm", "jan"];

function fail(message: string): never {
  process.stderr.write(`test-llm-server: ${message}\n`);
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} expects a non-negative integer, got "${value}"`);
  return n;
}

async function loadScript(file: string): Promise<Partial<ReplySpec>[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    fail(`cannot read --script ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`--script ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) fail(`--script ${file} must hold a JSON array of replies, e.g. [{"content": "Hello"}]`);
  parsed.forEach((item: unknown, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      fail(`--script ${file}: reply #${i + 1} must be an object like {"content": "Hello"}`);
    }
    const calls = (item as { toolCalls?: unknown }).toolCalls;
    if (calls === undefined) return;
    if (!Array.isArray(calls)) fail(`--script ${file}: reply #${i + 1}: "toolCalls" must be an array`);
    for (const call of calls as Array<Record<string, unknown>>) {
      if (!call || typeof call["name"] !== "string") {
        fail(
          `--script ${file}: reply #${i + 1}: each tool call needs a "name", e.g. {"name": "read_file", "arguments": {}}`,
        );
      }
      // Arguments may be written as an object for convenience; the wire carries a string.
      if (typeof call["arguments"] !== "string") call["arguments"] = JSON.stringify(call["arguments"] ?? {});
    }
  });
  return parsed as Partial<ReplySpec>[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      script: { type: "string" },
      flavour: { type: "string" },
      model: { type: "string", multiple: true },
      "context-length": { type: "string" },
      "truncate-at": { type: "string" },
    },
    strict: true,
  });
  const options: LlmServerOptions = {};
  const port = positiveInt("port", values.port);
  if (port !== undefined) options.port = port;
  if (values.flavour !== undefined) {
    if (!FLAVOURS.includes(values.flavour as ServerFlavour)) {
      fail(`--flavour must be one of ${FLAVOURS.join(", ")}; got "${values.flavour}"`);
    }
    options.flavour = values.flavour as ServerFlavour;
  }
  if (values.model && values.model.length > 0) options.models = values.model;
  const contextLength = positiveInt("context-length", values["context-length"]);
  if (contextLength !== undefined) options.contextLength = contextLength;
  const truncateAt = positiveInt("truncate-at", values["truncate-at"]);
  if (truncateAt !== undefined) options.truncateAt = truncateAt;

  const server = await startLlmServer(options);
  if (values.script !== undefined) {
    for (const spec of await loadScript(values.script)) server.enqueue(reply(spec));
  }
  process.stdout.write(`listening ${server.baseUrl}\n`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
