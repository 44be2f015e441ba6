/** `agent` declarations and their stages → generated/agent.ts (AgentSpec constants: the stage machine as data). */
import type { AgentDecl, StageDecl, Value } from "../ast.js";
import type { EmitContext } from "./context.js";
import { bindingName, print, recordOf, type Printable } from "./literal.js";
import type { EmittedModule } from "./module.js";
import { inlineBudgetName } from "./emit-budgets.js";
import { asNames, asNumber, asString } from "./values.js";

/** `messages { … }` keys → AgentMessages keys (runtime/agent/spec.ts). */
const MESSAGE_KEYS: Readonly<Record<string, string>> = {
  format_error: "formatError",
  check_failed: "checkFailed",
  tool_dropped: "toolDropped",
  approval_refused: "approvalRefused",
  resume_follow_up: "resumeFollowUp",
  edited_files_title: "editedFilesTitle",
  empty_reply: "emptyReply",
  stage_skipped: "stageSkipped",
  step_check_failed: "stepCheckFailed",
  tool_timeout: "toolTimeout",
  reply_cut_off: "replyCutOff",
};

/** `loop { … }` keys → LoopLimits keys (numbers in base units: characters, milliseconds). */
const LOOP_KEYS: Readonly<Record<string, string>> = {
  max_format_errors: "maxFormatErrors",
  max_empty_replies: "maxEmptyReplies",
  model_error_retries: "modelErrorRetries",
  guard_retries: "guardRetries",
  retry_temperature_step: "retryTemperatureStep",
  check_output: "checkOutputChars",
  tool_timeout: "toolTimeoutMs",
  project_summary: "projectSummaryChars",
};

/** A map field read through a key table; undefined when the field is absent. */
function keyed(
  value: Value | undefined,
  keys: Readonly<Record<string, string>>,
  read: (v: Value) => Printable,
): Record<string, Printable> | undefined {
  if (value?.kind !== "Map") return undefined;
  const out: Record<string, Printable> = {};
  for (const entry of value.entries) {
    const key = keys[entry.key];
    if (key !== undefined) out[key] = read(entry.value);
  }
  return out;
}

/** A stage without `next:` ends the run when it finishes (the checker's reading too). */
const DONE = "done";

export function emitAgents(ctx: EmitContext): EmittedModule {
  const decls = ctx.declarations("Agent");
  const statements = decls.map(
    (agent) => `export const ${bindingName(agent.name)}: AgentSpec = ${print(agentSpec(ctx, agent))};`,
  );
  statements.push(
    `/** Every declared agent, by name. */\nexport const agents: Readonly<Record<string, AgentSpec>> = ${recordOf(decls.map((a) => a.name))};`,
  );
  return {
    file: "agent.ts",
    sources: decls,
    imports: [{ module: ctx.runtime.agent, names: ["AgentSpec"], typeOnly: true }],
    statements,
  };
}

function agentSpec(ctx: EmitContext, agent: AgentDecl): Record<string, Printable> {
  const f = (name: string): Value | undefined => ctx.field(agent, name)?.value;
  const modelName = asString(f("model")) ?? asString(f("router")) ?? "";
  const isRouter = ctx.lookup("Router", modelName) !== undefined;
  if (!isRouter && !ctx.lookup("Model", modelName)) {
    ctx.report("MS3003", f("model")?.span ?? agent.nameSpan, {
      name: modelName || "(none)",
      expected: "model or router",
    });
  }
  const budgetValue = f("budget");
  const budget = budgetValue?.kind === "Map" ? inlineBudgetName(agent.name) : (asString(budgetValue) ?? "default");
  const stageNames = agent.stages.map((s) => s.name);
  const stages = agent.stages.map((stage) => stageSpec(ctx, stage));
  return {
    name: agent.name,
    model: { kind: isRouter ? "router" : "model", name: modelName },
    budget,
    tools: asNames(f("tools")) ?? [],
    guards: asNames(f("guards")) ?? [],
    stages,
    initialStage: stageNames[0] ?? "done",
    maxTurns: asNumber(f("max_turns")),
    timeoutMs: asNumber(f("timeout")),
    system: asString(f("system")),
    description: asString(f("description")),
    routing: asString(f("routing")),
    toolsPrompt: asString(f("tools_prompt")),
    messages: keyed(f("messages"), MESSAGE_KEYS, asString),
    loop: keyed(f("loop"), LOOP_KEYS, asNumber),
    stepCheck: f("step_check") ? commandOf(ctx, f("step_check") as Value) : undefined,
  };
}

function stageSpec(ctx: EmitContext, stage: StageDecl): Record<string, Printable> {
  const f = (name: string): Value | undefined => ctx.field(stage, name)?.value;
  return {
    name: stage.name,
    action: stageAction(ctx, stage),
    maxTurns: asNumber(f("max_turns")),
    timeoutMs: asNumber(f("timeout")),
    next: asString(f("next")) ?? DONE,
    onPass: asString(f("on_pass")),
    onFail: f("on_fail") ? failureOf(ctx, f("on_fail") as Value) : undefined,
    description: asString(f("description")),
    tools: asNames(f("tools")),
    guards: asNames(f("guards")),
    validate: f("validate") ? commandOf(ctx, f("validate") as Value) : undefined,
    when: asString(f("when")),
  };
}

function stageAction(ctx: EmitContext, stage: StageDecl): Printable {
  const run = ctx.field(stage, "run")?.value;
  if (run) return { kind: "run", command: commandOf(ctx, run) };
  const prompt = asString(ctx.field(stage, "prompt")?.value);
  if (prompt !== undefined) return { kind: "prompt", prompt };
  return { kind: "loop", until: stage.loop?.until.name ?? "done" };
}

/** `project.test_command` → a project command; `"npm run lint"` → a shell command. */
function commandOf(ctx: EmitContext, value: Value): Printable {
  if (value.kind === "String") return { kind: "shell", command: value.value };
  if (value.kind === "Ident" && value.parts[0] === "project" && value.parts.length === 2) {
    return { kind: "project", key: value.parts[1] ?? "" };
  }
  ctx.unsupported(undefined, value, "project.<command> or a shell command string");
  return { kind: "shell", command: "" };
}

/** `retry(act, 2)`, a stage name, `done`, `abort` (and `goto(act)`, `rollback`, `retry(act, 2, abort)`). */
function failureOf(ctx: EmitContext, value: Value): Printable {
  const callee = value.kind === "Call" ? value.callee : value.kind === "Ident" ? value.name : "";
  const args = value.kind === "Call" ? value.args : [];
  if (value.kind === "Ident" && !["done", "abort", "stop", "rollback"].includes(value.name)) {
    return { kind: "goto", stage: value.name };
  }
  switch (callee) {
    case "retry": {
      const otherwise = args[2] ? failureOf(ctx, args[2]) : undefined;
      return { kind: "retry", stage: asString(args[0]) ?? "", times: asNumber(args[1]) ?? 1, otherwise };
    }
    case "goto":
      return { kind: "goto", stage: asString(args[0]) ?? "" };
    case "done":
    case "rollback":
    case "stop":
      return { kind: callee };
    case "abort":
      return { kind: "stop" };
    default:
      ctx.unsupported(undefined, value, "a stage, retry(stage, n), goto(stage), rollback, stop or done");
      return { kind: "stop" };
  }
}
