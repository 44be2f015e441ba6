/**
 * Which server and model to talk to: explicit values (flags) first, then SMALLCODE_BASE_URL / SMALLCODE_MODEL, then
 * zero-configuration discovery. With a base URL but no model, the server's own list supplies the model.
 */
import { discoverServer, type DiscoverOptions } from "./discover.js";
import {
  chooseModel,
  inspectServer,
  learnContextWindow,
  type ContextWindowInfo,
  type ServerKind,
} from "./server-info.js";

export interface EndpointQuery {
  baseUrl?: string;
  model?: string;
  /** Environment to read SMALLCODE_BASE_URL / SMALLCODE_MODEL from (default: none). */
  env?: Record<string, string | undefined>;
  discover?: DiscoverOptions;
}

export type ResolvedEndpoint =
  | {
      ok: true;
      baseUrl: string;
      model: string;
      source: "flags" | "env" | "discovered";
      kind?: ServerKind;
      context?: ContextWindowInfo;
    }
  | { ok: false; message: string };

/** Resolve the endpoint; never throws. */
export async function resolveEndpoint(query: EndpointQuery): Promise<ResolvedEndpoint> {
  const envUrl = query.env?.["SMALLCODE_BASE_URL"]?.trim() || undefined;
  const envModel = query.env?.["SMALLCODE_MODEL"]?.trim() || undefined;
  const baseUrl = query.baseUrl ?? envUrl;
  const model = query.model ?? envModel;
  const timeoutMs = query.discover?.timeoutMs ?? 2000;
  if (baseUrl === undefined) {
    const found = await discoverServer({ ...query.discover, ...(model ? { preferModel: model } : {}) });
    if (!found.found) return { ok: false, message: found.message };
    const s = found.server;
    return {
      ok: true,
      baseUrl: s.baseUrl,
      model: model ?? s.model,
      source: "discovered",
      kind: s.kind,
      ...(s.context ? { context: s.context } : {}),
    };
  }
  const source = query.baseUrl !== undefined ? "flags" : "env";
  const info = await inspectServer(baseUrl, timeoutMs);
  if (model !== undefined) {
    const context = info ? await learnContextWindow(info, model, timeoutMs) : undefined;
    return { ok: true, baseUrl, model, source, ...(info ? { kind: info.kind } : {}), ...(context ? { context } : {}) };
  }
  if (!info) {
    return {
      ok: false,
      message:
        `Cannot list models at ${baseUrl}/models: nothing answered there. Check that the server is running and the ` +
        "URL ends in /v1, or name the model with --model (or SMALLCODE_MODEL).",
    };
  }
  const chosen = chooseModel(info);
  if (!chosen) {
    return { ok: false, message: `The server at ${baseUrl} serves no chat model; load one or pass --model NAME.` };
  }
  const context = await learnContextWindow(info, chosen, timeoutMs);
  return { ok: true, baseUrl, model: chosen, source, kind: info.kind, ...(context ? { context } : {}) };
}
