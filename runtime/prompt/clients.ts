/** A `clientFor` for PromptRuntime: one model client per endpoint and model id, created on first use. */
import { createModelClient } from "../model/client.js";
import type { ModelClientConfig } from "../model/config.js";
import type { ModelClient } from "../model/types.js";
import type { ResolvedModel } from "./spec.js";

export const DEFAULT_ENDPOINT = "http://127.0.0.1:11434/v1";

export function pooledClients(
  overrides: Partial<ModelClientConfig> = {},
  create: (config: ModelClientConfig) => ModelClient = createModelClient,
): (model: ResolvedModel) => ModelClient {
  const pool = new Map<string, ModelClient>();
  return (model) => {
    const baseUrl = overrides.baseUrl ?? model.endpoint ?? DEFAULT_ENDPOINT;
    const key = baseUrl + "\u0000" + model.model;
    let client = pool.get(key);
    if (!client) {
      const config: ModelClientConfig = { ...overrides, baseUrl, model: model.model };
      if (config.apiKey === undefined && model.apiKey !== undefined) config.apiKey = model.apiKey;
      client = create(config);
      pool.set(key, client);
    }
    return client;
  };
}
