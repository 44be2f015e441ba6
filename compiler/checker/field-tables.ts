/**
 * The fields each declaration accepts: one data table, used by the checker and mirrored in docs/marrowscript.md.
 * model/prompt/router/evaluation follow the cognition layer of the original MarrowScript (provider, name, endpoint,
 * context_window, max_output, temperature, cost_class, latency_class; template, returns, timeout, retry, cache,
 * validate, on_invalid, idempotent; tiers, fallback, on_low_confidence, confidence_threshold); tool, guard, budget,
 * agent and stage are SmallCode's additions for the agent loop.
 */
import type { DeclKind } from "../ast.js";
import type { FieldSpec, FieldTable, FieldType } from "./field-types.js";

const str: FieldType = { type: "string" };
const template: FieldType = { type: "template" };
const bool: FieldType = { type: "bool" };
const duration: FieldType = { type: "duration" };
const share: FieldType = { type: "share" };
const tokens: FieldType = { type: "size", unit: "tokens", bare: true };
const chars: FieldType = { type: "size", unit: "chars", bare: true };
const int = (min = 0, max?: number): FieldType =>
  max === undefined ? { type: "int", min } : { type: "int", min, max };
const num = (min: number, max: number): FieldType => ({ type: "number", min, max });
const oneOf = (...values: string[]): FieldType => ({ type: "enum", values });
const ref = (...kinds: DeclKind[]): FieldType => ({ type: "ref", kinds });
const list = (of: FieldType): FieldType => ({ type: "list", of });
const f = (type: FieldType, doc: string, required = false): FieldSpec =>
  required ? { type, doc, required } : { type, doc };

export const PROVIDERS = ["openai_compat", "ollama", "llama_cpp", "lm_studio", "vllm"] as const;
export const ON_INVALID = ["fail", "retry", "retry_with_repair_prompt", "escalate"] as const;
export const VALIDATORS = ["none", "non_empty", "json", "schema", "schema_only", "ast_compiles"] as const;

export const RETRY_TABLE: FieldTable = {
  fields: {
    max_attempts: f(int(1, 10), "How many attempts in all (1 = no retry).", true),
    backoff: f(oneOf("none", "fixed", "linear", "exponential"), "How the wait grows between attempts."),
    interval: f(duration, "The first wait between attempts."),
  },
};

export const CACHE_TABLE: FieldTable = {
  fields: {
    key: f({ type: "expr", describe: "hash(param, …) or a parameter name" }, "What identifies a cached answer.", true),
    ttl: f(duration, "How long a cached answer stays valid.", true),
  },
};

export const TIER_TABLE: FieldTable = {
  fields: {
    max: f(
      { type: "arrow", from: tokens, to: ["Model"] },
      "`max: 8k tokens -> Model`: prompts up to this size go to Model.",
      true,
    ),
  },
};

export const BASELINE_TABLE: FieldTable = {
  fields: { min_pass_rate: f(num(0, 1), "The share of cases that must pass (0..1).", true) },
};

export const CASE_TABLE: FieldTable = {
  fields: {
    input: f(
      { type: "dict", of: { type: "expr", describe: "a value" } },
      "Arguments for the prompt, by parameter name.",
      true,
    ),
    expect: f(
      { type: "oneOf", options: [str, { type: "call", callees: ["contains", "equals", "matches", "not_contains"] }] },
      "The expected output: a string (exact), or contains/equals/matches/not_contains(…).",
      true,
    ),
  },
};

export const GUARD_ACTION: FieldType = {
  type: "oneOf",
  options: [
    { type: "call", callees: ["steer", "reject", "retry", "abort", "stop"] },
    oneOf("retry", "compact", "abort", "stop"),
  ],
};

export const ESCALATE_TABLE: FieldTable = {
  fields: {
    after: f(int(1), "How many firings before escalating.", true),
    then: f(GUARD_ACTION, "The stronger action.", true),
  },
};

const BUDGET_FIELDS: Readonly<Record<string, FieldSpec>> = {
  context: f(share, "Share of the model's context window the prompt may use.", true),
  output_reserve: f(tokens, "Tokens kept free for the reply."),
  safety_margin: f(tokens, "Extra tokens kept free against estimation error."),
  tool_result: f(chars, "Cap, in characters, on each tool result shown to the model."),
  compact_at: f(share, "Compact older turns when the prompt reaches this share of the budget."),
  compact_to: f(share, "Compact down to this share of the budget."),
  keep_recent_turns: f(int(0), "Never compact the most recent N turns."),
};

export const INLINE_BUDGET_TABLE: FieldTable = { fields: BUDGET_FIELDS };

const words = list({ type: "word" });
const vars = (...names: string[]): FieldType => ({ type: "template", vars: names });

export const ROUTING_CATEGORY_TABLE: FieldTable = {
  fields: {
    keywords: f(list(str), "Words or phrases in the task or a new user message that select the category."),
    after: f(words, "Select the category when the previous step called a tool of one of these categories."),
  },
};

/** The agent's messages to the model and the user, with the variables the loop fills in for each. */
export const MESSAGES_TABLE: FieldTable = {
  fields: {
    format_error: f(vars("problems"), "Sent after a reply whose tool calls could not be used."),
    check_failed: f(vars("command", "exit_code", "output"), "Sent when a `run` stage's command failed."),
    tool_dropped: f(vars("tool"), "Answer to a call of a tool a guard took away."),
    approval_refused: f(vars("command", "reasons"), "Shown when a command needing approval is refused."),
    resume_follow_up: f(vars(), "The follow-up sent when a session is resumed without a new message."),
    edited_files_title: f(vars(), "Heading of the pinned list of files edited in this run."),
    empty_reply: f(vars(), "Sent when the model replied with nothing at all."),
    stage_skipped: f(vars("stage", "reason"), "Shown when a stage is skipped (its `when:` does not hold)."),
    step_check_failed: f(
      vars("steps", "command", "exit_code", "output"),
      "Sent when the `step_check` failed after the model marked TODO steps done (they are reopened).",
    ),
    tool_timeout: f(vars("tool", "seconds"), "Answer to a tool call that ran past its `timeout`."),
    reply_cut_off: f(vars("max_output"), "Sent after a reply without a usable call that hit the output-token limit."),
  },
};

/** The loop's limits and thresholds. */
export const LOOP_TABLE: FieldTable = {
  fields: {
    max_format_errors: f(int(1), "Replies in a row whose calls could not be read before the run ends (format_error)."),
    max_empty_replies: f(int(1), "Empty replies in a row before the run ends (format_error)."),
    model_error_retries: f(int(0), "Re-asks of one turn after a cut stream or a timeout the client did not recover."),
    guard_retries: f(int(0), "Re-asks of one turn a guard may request with `retry`."),
    retry_temperature_step: f(num(0, 2), "Temperature added on each re-ask."),
    check_output: f(chars, "Characters of a failed check's output shown to the model."),
    tool_timeout: f(duration, "Time limit for one tool call when the tool declares no `timeout`."),
    project_summary: f(
      chars,
      "Cap on the project summary (with AGENTS.md) that {{project}} puts in the system prompt.",
    ),
  },
};

export const DECL_TABLES: Readonly<Record<DeclKind, FieldTable>> = {
  Model: {
    fields: {
      provider: f(oneOf(...PROVIDERS), "Which kind of server speaks to the model.", true),
      name: f(str, 'The model name the server knows (often env("SMALLCODE_MODEL", "…")).', true),
      endpoint: f(str, "Base URL of the OpenAI-compatible API."),
      api_key: f(str, 'API key, usually env("NAME", "").'),
      context_window: f(tokens, "The model's context window."),
      max_output: f(tokens, "Maximum tokens in one reply."),
      temperature: f(num(0, 2), "Sampling temperature."),
      top_p: f(num(0, 1), "Nucleus sampling."),
      top_k: f(int(0), "Top-k sampling (servers that support it)."),
      stop: f(list(str), "Stop sequences."),
      seed: f(int(0), "Sampling seed, for reproducible runs."),
      frequency_penalty: f(num(-2, 2), "Frequency penalty."),
      presence_penalty: f(num(-2, 2), "Presence penalty."),
      timeout: f(duration, "Timeout for one request."),
      tool_calling: f(
        oneOf("auto", "native", "prompt"),
        "Native tool calls, tools described in the prompt, or detect.",
      ),
      cost_class: f(oneOf("local", "free", "small", "medium", "large"), "Relative cost, for routing and reports."),
      latency_class: f(oneOf("fast", "medium", "slow"), "Relative latency, for routing and reports."),
    },
  },
  Tool: {
    fields: {
      description: f(str, "What the tool does, as the model sees it.", true),
      category: f({ type: "word" }, "A label for tool routing: read, write, search, run, plan, …", true),
      pure: f(bool, "Read-only: calling it never changes the project."),
      aliases: f(
        { type: "dict", of: list({ type: "word" }) },
        "Other names small models use: `tool: [...]` and per parameter.",
      ),
      result_cap: f(chars, "Cap on the result shown to the model."),
      shell: f(template, "A shell command that backs the tool; {{param}} is interpolated, shell-quoted."),
      timeout: f(duration, "Time limit for one call."),
      returns: f({ type: "typeName" }, "The result type (also written `-> T`)."),
    },
  },
  Prompt: {
    fields: {
      model: f(ref("Model"), "The model that answers (exactly one of model: / router:)."),
      router: f(ref("Router"), "The router that picks the model (exactly one of model: / router:)."),
      template: f(template, "The prompt text; {{param}} is replaced by the argument.", true),
      system: f(template, "A system message, with the same {{param}} interpolation."),
      returns: f({ type: "typeName" }, "The result type (also written `-> T` after the parameters)."),
      timeout: f(duration, "Abort the model call after this long."),
      retry: f({ type: "record", fields: RETRY_TABLE, name: "retry" }, "Retries: { max_attempts, backoff, interval }."),
      cache: f({ type: "record", fields: CACHE_TABLE, name: "cache" }, "Caching: { key: hash(x), ttl }."),
      validate: f(oneOf(...VALIDATORS), "How the output is validated before it is returned."),
      on_invalid: f(oneOf(...ON_INVALID), "What to do with output that fails validation."),
      constraints: f(
        list({ type: "expr", describe: 'a constraint such as output in ["yes", "no"]' }),
        "Extra checks on the output.",
      ),
      budget: f(tokens, "Refuse to call the model when the rendered prompt exceeds this many tokens."),
      temperature: f(num(0, 2), "Sampling temperature for this prompt (retries move it)."),
      max_output: f(tokens, "Maximum tokens in the reply."),
      description: f(str, "What the prompt is for (the generated function's doc comment)."),
      idempotent: f(bool, "Safe to repeat: the same input may be answered from cache or retried freely."),
    },
  },
  Router: {
    fields: {
      tiers: f(list({ type: "record", fields: TIER_TABLE, name: "tier" }), "Ordered tiers, smallest max first.", true),
      default: f(ref("Model"), "The model for prompts larger than every tier's max."),
      fallback: f(ref("Model"), "The model to try when the chosen one fails."),
      on_low_confidence: f(oneOf("escalate", "accept", "fail"), "What to do with a low-confidence answer."),
      confidence_threshold: f(num(0, 1), "Below this confidence, on_low_confidence applies."),
    },
  },
  Evaluation: {
    fields: {
      prompt: f(ref("Prompt"), "The prompt under evaluation.", true),
      cases: f(list({ type: "record", fields: CASE_TABLE, name: "case" }), "Cases: { input: { … }, expect: … }.", true),
      baseline: f({ type: "record", fields: BASELINE_TABLE, name: "baseline" }, "The bar: { min_pass_rate }."),
      model: f(ref("Model"), "Evaluate against this model instead of the prompt's own."),
    },
  },
  Guard: {
    fields: {
      then: f(
        GUARD_ACTION,
        'What happens when it fires: steer/reject/retry/abort("…"), retry or compact (stop = abort).',
        true,
      ),
      description: f(str, "What failure mode the guard detects."),
      detector: f(str, "Which runtime detector implements it (default: the guard's name)."),
      enabled: f(bool, "Turn the guard off without deleting it."),
      escalate: f(
        { type: "record", fields: ESCALATE_TABLE, name: "escalate" },
        "When it keeps firing: { after: n, then: action }.",
      ),
    },
    rest: f(
      {
        type: "oneOf",
        options: [{ type: "number", min: 0 }, duration, share, tokens, chars, bool, str, list({ type: "word" })],
      },
      "Any other field is a setting for the detector: a number, duration, percentage, size, bool, string or list.",
    ),
  },
  Budget: { fields: BUDGET_FIELDS },
  Routing: {
    fields: {
      categories: f(
        { type: "dict", of: { type: "record", fields: ROUTING_CATEGORY_TABLE, name: "category" } },
        "Tool categories (a tool's `category:`) and the signals that select them: { name: { keywords, after } }.",
        true,
      ),
      always: f(words, "Categories offered on every step."),
      fallback: f(words, "Categories offered when nothing else selects any (the first step of a vague task)."),
      continue_phrases: f(list(str), 'A user message that is one of these ("continue", "yes") keeps the previous set.'),
      hold_steps: f(int(0), "Steps a category stays offered after the signal that selected it is gone."),
    },
  },
  Agent: {
    fields: {
      model: f(ref("Model", "Router"), "The model (or router) the agent talks to.", true),
      budget: f(
        { type: "oneOf", options: [ref("Budget"), { type: "record", fields: INLINE_BUDGET_TABLE, name: "budget" }] },
        "A budget by name, or an inline `budget { … }`.",
      ),
      tools: f(list(ref("Tool")), "The tools the agent may call."),
      guards: f(list(ref("Guard")), "The guards that watch the loop."),
      system: f(
        vars("cwd", "project"),
        "The system prompt; {{cwd}} is the project root, {{project}} the project summary (commands, layout, AGENTS.md).",
      ),
      description: f(str, "What the agent is for."),
      routing: f(ref("Routing"), "Which tool schemas each step offers (default: the runtime's fallback routing)."),
      tools_prompt: f(
        vars("tools"),
        "How tools are described when the model has no native tool calling; {{tools}} is one line per tool.",
      ),
      messages: f({ type: "record", fields: MESSAGES_TABLE, name: "messages" }, "The loop's messages: { … }."),
      loop: f({ type: "record", fields: LOOP_TABLE, name: "loop" }, "The loop's limits: { max_format_errors, … }."),
      step_check: f(
        { type: "expr", describe: "a shell command string or project.<command>" },
        "Run when the model marks TODO steps done (todo_write); a failure reopens them and tells the model.",
      ),
      max_turns: f(int(1), "Hard limit on model turns over the whole run."),
      timeout: f(duration, "Hard limit on the whole run."),
    },
  },
};

export const STAGE_TABLE: FieldTable = {
  fields: {
    description: f(str, "What the stage does."),
    prompt: f(ref("Prompt"), "A prompt that drives this stage (instead of the free agent loop)."),
    tools: f(list(ref("Tool")), "Restrict the stage to these tools."),
    guards: f(list(ref("Guard")), "Restrict the stage to these guards."),
    validate: f(
      { type: "expr", describe: "a shell command string or project.<command>" },
      "A check run after each turn of the stage.",
    ),
    max_turns: f(int(1), "Limit on model turns in this stage."),
    timeout: f(duration, "Limit on time in this stage."),
    run: f(
      { type: "expr", describe: "a shell command string or project.<command>" },
      "The stage's action: a command to run (its exit status picks on_pass / on_fail).",
    ),
    next: f({ type: "transition" }, "Where to go when the stage ends (a stage or done)."),
    when: f(
      oneOf("always", "files_changed"),
      "Enter the stage only then: `files_changed` skips it (as passed) when the run changed no file.",
    ),
    on_pass: f({ type: "transition" }, "Where to go when `run` succeeds."),
    on_fail: f(
      { type: "transition" },
      "When `run` fails: a stage, retry(stage, n[, otherwise]), goto(stage), rollback, stop or done.",
    ),
  },
};

/** Transition words that end the run. */
export const TERMINALS: readonly string[] = ["done", "stop", "abort", "rollback"];
