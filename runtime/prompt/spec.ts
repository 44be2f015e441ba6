/**
 * The declarations `marrowc` emits for `model`, `router`, `prompt` and `evaluation`, and that `runPrompt` executes.
 * Units are normalised by the compiler: durations in milliseconds, sizes in tokens or characters, shares in 0..1.
 */
import type { z } from "zod";

/** A value fixed in the source, or read from the environment when the model is resolved (`env("NAME", default)`). */
export type Configurable<T> = T | { env: string; default: T };

export interface ModelSpec {
  name: string;
  provider: string;
  /** The model id sent to the server. */
  model: Configurable<string>;
  endpoint?: Configurable<string>;
  apiKey?: Configurable<string>;
  contextWindow: number;
  maxOutput: number;
  temperature?: number;
  topP?: number;
  stop?: readonly string[];
  topK?: number;
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** Timeout of one request, in ms (a prompt's own `timeout` wins). */
  timeoutMs?: number;
  toolCalling?: "auto" | "native" | "prompt";
  costClass?: string;
  latencyClass?: string;
}

/** A model with every `env(...)` value read. */
export interface ResolvedModel {
  name: string;
  provider: string;
  model: string;
  endpoint?: string;
  apiKey?: string;
  contextWindow: number;
  maxOutput: number;
  temperature?: number;
  topP?: number;
  stop?: readonly string[];
  costClass?: string;
}

export interface RouterTier {
  /** Largest prompt (in tokens) this tier takes. */
  maxTokens: number;
  model: ModelSpec;
}

export interface RouterSpec {
  name: string;
  /** Ordered by increasing `maxTokens`. */
  tiers: readonly RouterTier[];
  default: ModelSpec;
  fallback?: ModelSpec;
  onLowConfidence?: "escalate" | "accept" | "fail";
  confidenceThreshold?: number;
}

export type ModelRef = { kind: "model"; model: ModelSpec } | { kind: "router"; router: RouterSpec };

export type Backoff = "none" | "fixed" | "linear" | "exponential";

export interface RetrySpec {
  /** Total attempts, the first included. */
  maxAttempts: number;
  backoff: Backoff;
  intervalMs: number;
}

/** A check on the model's output; failing it counts as invalid output. */
export type OutputCheck =
  | { kind: "non_empty" }
  | { kind: "single_line" }
  | { kind: "max_chars"; max: number }
  | { kind: "min_chars"; min: number }
  | { kind: "matches"; pattern: string }
  | { kind: "contains"; text: string }
  | { kind: "one_of"; values: readonly string[] }
  | { kind: "json" }
  /** Code in the reply (fenced or bare) has balanced brackets, braces and quotes: a cheap syntax check. */
  | { kind: "balanced" };

export type OnInvalid = "fail" | "retry" | "retry_with_repair_prompt" | "escalate";

export interface PromptSpec<P extends Record<string, unknown>, T> {
  name: string;
  /** The source declaration, for traces ("marrow/prompts.marrow:12"). */
  source?: string;
  params: readonly (keyof P & string)[];
  template: string;
  system?: string;
  model: ModelRef;
  /** How the raw text becomes a value: as-is, or JSON read leniently (fences, trailing prose, small repairs). */
  output: "text" | "json";
  schema: z.ZodType<T>;
  /** A description of the expected shape, used in the repair prompt. */
  returns: string;
  timeoutMs?: number;
  retry?: RetrySpec;
  cache?: { keyParams: readonly (keyof P & string)[]; ttlMs?: number };
  validate: readonly OutputCheck[];
  constraints: readonly OutputCheck[];
  onInvalid: OnInvalid;
  /** Token budget for the rendered prompt (system + user). */
  budgetTokens?: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** Safe to repeat: may be answered from cache or retried freely. */
  idempotent?: boolean;
}

export type Expectation =
  | { kind: "contains"; text: string }
  | { kind: "not_contains"; text: string }
  | { kind: "equals"; value: unknown }
  | { kind: "matches"; pattern: string }
  | { kind: "valid" };

export interface EvaluationSpec {
  name: string;
  prompt: string;
  /** Evaluate against this model instead of the prompt's own. */
  model?: ModelSpec;
  cases: readonly { input: Readonly<Record<string, unknown>>; expect: Expectation }[];
  baseline: { minPassRate: number };
}

/** Reads every `env(...)` of a model from `env`; an empty variable counts as unset. */
export function resolveModel(spec: ModelSpec, env: Readonly<Record<string, string | undefined>>): ResolvedModel {
  const read = <T>(value: Configurable<T> | undefined): T | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === "object" && value !== null && "env" in value) {
      const fromEnv = env[value.env];
      return fromEnv !== undefined && fromEnv !== "" ? (fromEnv as T) : value.default;
    }
    return value;
  };
  const resolved: ResolvedModel = {
    name: spec.name,
    provider: spec.provider,
    model: read(spec.model) ?? "",
    contextWindow: spec.contextWindow,
    maxOutput: spec.maxOutput,
  };
  const endpoint = read(spec.endpoint);
  if (endpoint !== undefined) resolved.endpoint = endpoint;
  const apiKey = read(spec.apiKey);
  if (apiKey !== undefined) resolved.apiKey = apiKey;
  if (spec.temperature !== undefined) resolved.temperature = spec.temperature;
  if (spec.topP !== undefined) resolved.topP = spec.topP;
  if (spec.stop !== undefined) resolved.stop = spec.stop;
  if (spec.costClass !== undefined) resolved.costClass = spec.costClass;
  return resolved;
}
