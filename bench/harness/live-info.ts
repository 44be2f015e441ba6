/**
 * What a live server says about the model under test, for the results file: its context window (through the model
 * module's discovery) and, where the server reports it, the quantisation (Ollama `/api/show` or `/api/tags`
 * details, llama.cpp `/props` model path, else the model name). Never throws; unknown fields stay undefined.
 */
import { inspectServer, learnContextWindow } from "../../runtime/model/server-info.js";

export interface LiveInfo {
  quantization?: string;
  contextWindow?: number;
}

async function getJson(url: string, body?: unknown): Promise<Record<string, unknown> | undefined> {
  try {
    const init: RequestInit = { signal: AbortSignal.timeout(2000) };
    if (body !== undefined) {
      init.method = "POST";
      init.body = JSON.stringify(body);
      init.headers = { "content-type": "application/json" };
    }
    const res = await fetch(url, init);
    if (!res.ok) return undefined;
    const json: unknown = await res.json();
    return typeof json === "object" && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const QUANT = /\b((?:I?Q\d(?:_[A-Z0-9]+)*)|F16|BF16|F32|FP8|AWQ|GPTQ)\b/i;

export async function liveInfo(baseUrl: string, model: string): Promise<LiveInfo> {
  const out: LiveInfo = {};
  const root = baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
  const info = await inspectServer(baseUrl, { timeoutMs: 2000 });
  if (info) {
    const ctx = await learnContextWindow(info, model, { timeoutMs: 2000 });
    if (ctx) out.contextWindow = ctx.contextWindow;
  }
  const show = await getJson(`${root}/api/show`, { model });
  const details = show?.["details"] as Record<string, unknown> | undefined;
  if (typeof details?.["quantization_level"] === "string") out.quantization = details["quantization_level"];
  if (!out.quantization) {
    // Ollama also lists it per model in /api/tags.
    const tags = await getJson(`${root}/api/tags`);
    const list = Array.isArray(tags?.["models"]) ? (tags["models"] as Record<string, unknown>[]) : [];
    const entry = list.find((m) => m["name"] === model || m["model"] === model);
    const level = (entry?.["details"] as Record<string, unknown> | undefined)?.["quantization_level"];
    if (typeof level === "string") out.quantization = level;
  }
  if (!out.quantization) {
    const props = await getJson(`${root}/props`);
    const path = props?.["model_path"];
    const m = typeof path === "string" ? QUANT.exec(path) : null;
    if (m?.[1]) out.quantization = m[1].toUpperCase();
  }
  if (!out.quantization) {
    const m = QUANT.exec(model);
    if (m?.[1]) out.quantization = `${m[1].toUpperCase()} (from the model name)`;
  }
  return out;
}
