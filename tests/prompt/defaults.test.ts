/** createPromptRuntime: the disk cache and trace file land under the project's .smallcode/. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reply, startLlmServer, type LlmServer } from "../../bench/server/index.js";
import { summarize_history } from "../../generated/prompts.js";
import { createPromptRuntime } from "../../runtime/prompt/index.js";

let server: LlmServer;
let root: string;
beforeAll(async () => {
  server = await startLlmServer();
  root = await mkdtemp(join(tmpdir(), "prompt-runtime-"));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

it("caches on disk across runtimes and writes spans to .smallcode/traces", async () => {
  server.enqueue(reply().text("- summary").stop());
  const env = { SMALLCODE_BASE_URL: server.baseUrl };
  const first = createPromptRuntime({
    projectRoot: root,
    env,
    trace: true,
    traceId: "t1",
    client: { retry: { maxAttempts: 1 } },
  });
  expect(await summarize_history({ transcript: "abc" }, first)).toMatchObject({ ok: true, cached: false });
  await first.tracer?.flush();
  const second = createPromptRuntime({ projectRoot: root, env });
  expect(await summarize_history({ transcript: "abc" }, second)).toMatchObject({
    ok: true,
    value: "- summary",
    cached: true,
  });
  expect(server.chatRequests).toHaveLength(1);
  expect(await readdir(join(root, ".smallcode", "cache", "prompts"))).toHaveLength(1);
  const spans = (await readFile(join(root, ".smallcode", "traces", "t1.jsonl"), "utf8")).trim().split("\n");
  expect(spans.map((l) => (JSON.parse(l) as { name: string }).name)).toEqual([
    "model qwen3:8b",
    "prompt summarize_history",
  ]);
});
