/** runEvaluation over real HTTP: per-case verdicts and the baseline. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import {
  pooledClients,
  runEvaluation,
  runPrompt,
  type EvaluationSpec,
  type PromptFunction,
  type PromptSpec,
} from "../../runtime/prompt/index.js";

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(async () => {
  await server.close();
});

type P = { transcript: string };
const summarize: PromptSpec<P, string> = {
  name: "summarize",
  params: ["transcript"],
  template: "Summarize: {{transcript}}",
  model: {
    kind: "model",
    model: {
      name: "M",
      provider: "openai_compat",
      model: "m",
      endpoint: "http://127.0.0.1:9/v1",
      contextWindow: 4000,
      maxOutput: 200,
    },
  },
  output: "text",
  schema: z.string(),
  returns: "text",
  validate: [],
  constraints: [],
  onInvalid: "fail",
};
const prompts: Record<string, PromptFunction> = {
  summarize: ((params: P, rt) => runPrompt(summarize, params, rt)) as PromptFunction,
};

const evaluation: EvaluationSpec = {
  name: "summary_quality",
  prompt: "summarize",
  cases: [
    { input: { transcript: "fixed the off-by-one" }, expect: { kind: "contains", text: "off-by-one" } },
    { input: { transcript: "nothing" }, expect: { kind: "not_contains", text: "fixed" } },
    { input: { transcript: "ok" }, expect: { kind: "equals", value: "ok" } },
    { input: { transcript: "x" }, expect: { kind: "matches", pattern: "^\\d+$" } },
  ],
  baseline: { minPassRate: 0.75 },
};

it("scores each case and compares the pass rate with the baseline", async () => {
  server.enqueue(
    reply().text("Fixed the off-by-one in the loop.").stop(),
    reply().text("I fixed nothing").stop(),
    reply().text(" ok ").stop(),
    reply().httpError(400),
  );
  const runtime = { clientFor: pooledClients({ baseUrl: server.baseUrl, retry: { maxAttempts: 1 } }) };
  const report = await runEvaluation(evaluation, prompts, runtime);
  expect(report.cases.map((c) => c.passed)).toEqual([true, false, true, false]);
  expect(report).toMatchObject({ passed: 2, total: 4, passRate: 0.5, ok: false });
  expect(report.cases[3]?.got).toMatch(/^model_error: /);
  const missing = await runEvaluation({ ...evaluation, prompt: "nope" }, prompts, runtime);
  expect(missing.cases[0]?.got).toBe("no prompt named nope");
});
