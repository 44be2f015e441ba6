/**
 * Zero configuration: find a live local model server on the usual ports, pick its model, and learn its context
 * window. All candidates are probed at once with short timeouts; the first live one in priority order wins.
 */
import {
  chooseModel,
  inspectServer,
  learnContextWindow,
  type ContextWindowInfo,
  type ServerKind,
} from "./server-info.js";

export interface DiscoveryCandidate {
  kind: ServerKind;
  port: number;
  /** Display name, e.g. "Ollama". */
  label: string;
  /** Host for this candidate only (e.g. from OLLAMA_HOST); default the `host` option. */
  host?: string;
}

/** The usual local ports, in priority order. */
export const DEFAULT_CANDIDATES: readonly DiscoveryCandidate[] = Object.freeze([
  { kind: "ollama", port: 11434, label: "Ollama" },
  { kind: "lmstudio", port: 1234, label: "LM Studio" },
  { kind: "llamacpp", port: 8080, label: "llama.cpp" },
  { kind: "vllm", port: 8000, label: "vLLM" },
  { kind: "jan", port: 1337, label: "Jan" },
]);

export interface DiscoverOptions {
  /** Ports to try (tests inject their own so they never touch the real well-known ports). */
  candidates?: readonly DiscoveryCandidate[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Per-request timeout in ms (default 800). */
  timeoutMs?: number;
  /** Use this model when the server serves it. */
  preferModel?: string;
}

export interface DiscoveredServer {
  kind: ServerKind;
  label: string;
  baseUrl: string;
  model: string;
  /** Every chat model the server lists. */
  models: string[];
  /** Absent when the server does not expose it. */
  context?: ContextWindowInfo;
}

export type DiscoveryResult =
  { found: true; server: DiscoveredServer } | { found: false; message: string; tried: string[] };

function notFoundMessage(tried: readonly DiscoveryCandidate[], host: string, idle: string[]): string {
  const ports = tried.map((c) => `${c.host && c.host !== host ? `${c.host}:` : ""}${c.port} (${c.label})`).join(", ");
  const lines = [`No local model server found on ${host}: tried ports ${ports}.`];
  if (idle.length > 0) lines.push(...idle);
  lines.push(
    "",
    "Start one, for example:",
    "  Ollama:     ollama serve    then    ollama pull qwen3:8b",
    "              (set OLLAMA_CONTEXT_LENGTH=32768 before `ollama serve` for a usable context window)",
    "  llama.cpp:  llama-server -m model.gguf --port 8080 --ctx-size 32768 --jinja",
    "",
    "Or point SmallCode at a running OpenAI-compatible server:",
    '  smallcode run "task" --base-url http://HOST:PORT/v1 --model NAME',
    "  or set SMALLCODE_BASE_URL (and SMALLCODE_MODEL) in the environment.",
  );
  return lines.join("\n");
}

/**
 * The candidate for Ollama's own OLLAMA_HOST setting ("host", "host:port" or a URL; 0.0.0.0 means this machine),
 * or undefined when it is unset, unparsable, or the default 127.0.0.1:11434.
 */
export function ollamaHostCandidate(value: string | undefined): DiscoveryCandidate | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  const port = url.port ? Number(url.port) : 11434;
  const host = url.hostname === "0.0.0.0" || url.hostname === "" ? "127.0.0.1" : url.hostname.replace(/^\[|\]$/g, "");
  if ((host === "127.0.0.1" || host === "localhost") && port === 11434) return undefined;
  return { kind: "ollama", port, label: "Ollama (OLLAMA_HOST)", host: host.includes(":") ? `[${host}]` : host };
}

/** Find a live local server. Never throws. */
export async function discoverServer(options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const candidates = options.candidates ?? DEFAULT_CANDIDATES;
  const host = options.host ?? "127.0.0.1";
  const timeoutMs = options.timeoutMs ?? 800;
  const infos = await Promise.all(
    candidates.map((c) => inspectServer(`http://${c.host ?? host}:${c.port}/v1`, { timeoutMs, hint: c.kind })),
  );
  const idle: string[] = [];
  for (const [i, info] of infos.entries()) {
    const candidate = candidates[i];
    if (!info || !candidate) continue;
    const model = chooseModel(info, options.preferModel);
    if (!model) {
      idle.push(
        `${candidate.label} answers on ${candidate.host ?? host}:${candidate.port} but serves no chat model` +
          (info.kind === "ollama" ? " (pull one: `ollama pull qwen3:8b`)." : " (load one)."),
      );
      continue;
    }
    const label = DEFAULT_CANDIDATES.find((c) => c.kind === info.kind)?.label ?? candidate.label;
    const server: DiscoveredServer = {
      kind: info.kind,
      label,
      baseUrl: info.baseUrl,
      model,
      models: info.models.filter((m) => !m.embedding).map((m) => m.id),
    };
    const context = await learnContextWindow(info, model, { timeoutMs });
    if (context) server.context = context;
    return { found: true, server };
  }
  return {
    found: false,
    message: notFoundMessage(candidates, host, idle),
    tried: candidates.map((c) => `${c.host ?? host}:${c.port}`),
  };
}
