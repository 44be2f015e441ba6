/**
 * Checking an endpoint the way the agent will use it: `GET <base>/models` (with the key, when there is one) lists
 * the models; a 401/403 means the key was refused. Never throws; never puts the key in a message (a server's error
 * text is redacted too, in case it echoes the key).
 */
import { createRedactor } from "../../runtime/trace/redact.js";

export type EndpointCheck =
  | { ok: true; models: string[] }
  | { ok: false; kind: "auth" | "unreachable" | "http" | "invalid"; status?: number; message: string };

export interface CheckOptions {
  timeoutMs?: number;
}

function headers(apiKey: string | undefined): Record<string, string> {
  return { accept: "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
}

function serverMessage(body: string): string {
  try {
    const v = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof v.error === "string" ? v.error : (v.error?.message ?? v.message);
    if (typeof m === "string") return m;
  } catch {
    // not JSON: use the text
  }
  return body.replace(/\s+/g, " ").slice(0, 200);
}

async function get(url: string, apiKey: string | undefined, o: CheckOptions): Promise<Response | { error: string }> {
  try {
    return await fetch(url, { headers: headers(apiKey), signal: AbortSignal.timeout(o.timeoutMs ?? 8000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why =
      err instanceof Error && err.name === "TimeoutError"
        ? "no answer in time"
        : (cause?.code ?? cause?.message ?? String(err));
    return { error: why };
  }
}

async function failure(res: Response, url: string, apiKey: string | undefined): Promise<EndpointCheck> {
  const redact = createRedactor([apiKey]);
  const said = redact(serverMessage(await res.text().catch(() => ""))).replace(/[.\s]+$/, "");
  if (res.status === 401 || res.status === 403) {
    const message = apiKey
      ? `The key was refused (HTTP ${res.status}${said ? `: ${said}` : ""}). Check that it is complete and still valid.`
      : `This endpoint needs an API key (HTTP ${res.status}${said ? `: ${said}` : ""}).`;
    return { ok: false, kind: "auth", status: res.status, message };
  }
  return {
    ok: false,
    kind: "http",
    status: res.status,
    message: `GET ${url} answered HTTP ${res.status}${said ? `: ${said}` : ""}.`,
  };
}

/** Lists the endpoint's models. */
export async function listModels(
  baseUrl: string,
  apiKey: string | undefined,
  o: CheckOptions = {},
): Promise<EndpointCheck> {
  const url = `${baseUrl.replace(/\/+$/, "")}/models`;
  const res = await get(url, apiKey, o);
  if ("error" in res) return { ok: false, kind: "unreachable", message: `Nothing answered at ${url} (${res.error}).` };
  if (!res.ok) return failure(res, url, apiKey);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return {
      ok: false,
      kind: "invalid",
      message: `${url} did not answer JSON: is this an OpenAI-compatible endpoint (…/v1)?`,
    };
  }
  const data = (body as { data?: unknown }).data ?? (body as { models?: unknown }).models;
  if (!Array.isArray(data))
    return { ok: false, kind: "invalid", message: `${url} answered JSON without a model list ("data").` };
  const models = data.flatMap((m) =>
    typeof m === "object" && m !== null && typeof (m as { id?: unknown }).id === "string"
      ? [(m as { id: string }).id]
      : typeof m === "string"
        ? [m]
        : [],
  );
  return { ok: true, models: [...new Set(models)] };
}

/** For services whose model list is public: asks an endpoint that needs the key. A 404 means "cannot tell". */
export async function checkKey(
  baseUrl: string,
  path: string,
  apiKey: string,
  o: CheckOptions = {},
): Promise<EndpointCheck | undefined> {
  const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
  const res = await get(url, apiKey, o);
  if ("error" in res || res.status === 404) return undefined;
  if (res.status === 401 || res.status === 403) return failure(res, url, apiKey);
  return res.ok ? { ok: true, models: [] } : undefined;
}
