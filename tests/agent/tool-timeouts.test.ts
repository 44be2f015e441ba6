/**
 * Time limits of tool calls: the bash parameter the model sees (`timeout`, seconds) is the one the tool reads, a
 * declared `timeout` (ToolSpec.timeoutMs) stops a shell-backed tool, and an in-process tool past its limit is answered
 * with the agent's `tool_timeout` message. Real shell, real temp directory.
 */
import { afterEach, describe, expect, it } from "vitest";
import { tools } from "../../generated/tools.js";
import { ToolRunner } from "../../runtime/agent/tool-runner.js";
import { openCoreToolSession, type CoreToolSession } from "../../runtime/tools/impl/setup.js";
import type { ToolSpec } from "../../runtime/tools/types.js";
import { tempProject, type Fixture } from "./deterministic.js";

let fx: Fixture | undefined;
let session: CoreToolSession | undefined;
afterEach(async () => {
  await session?.close();
  fx?.cleanup();
  session = undefined;
});

const bash = tools.find((t) => t.name === "bash")!;
const MESSAGE = "TIMEOUT-NOTE {{tool}} after {{seconds}} s";

async function runner(specs: ToolSpec[], impls?: ConstructorParameters<typeof ToolRunner>[2]): Promise<ToolRunner> {
  fx = tempProject({ "a.txt": "a\n" });
  session = await openCoreToolSession({ root: fx.dir });
  return new ToolRunner(new Map(specs.map((s) => [s.name, s])), session.ctx, impls, {
    defaultMs: 60_000,
    message: MESSAGE,
  });
}

describe("tool time limits", () => {
  it("the declared bash parameter is `timeout` in seconds, and the tool stops the command after it", async () => {
    const properties = bash.parameters["properties"] as Record<string, unknown>;
    expect(Object.keys(properties)).toContain("timeout");
    expect(Object.keys(properties)).not.toContain("timeout_ms");
    const r = await runner([bash]);
    const started = Date.now();
    const outcome = await r.run("bash", { command: "sleep 6; echo late", timeout: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toContain("[timed out]");
    expect(outcome.output).not.toContain("late");
    // Without a timeout of its own, a quick command is unaffected by the declared limit.
    expect((await r.run("bash", { command: "echo quick" })).output).toContain("quick");
  });

  it("a shell-backed tool's declared timeout stops it", async () => {
    const slow: ToolSpec = { ...bash, name: "slow_check", shell: "sleep 6; echo finished", timeoutMs: 1000 };
    const r = await runner([slow]);
    const started = Date.now();
    const outcome = await r.run("slow_check", {});
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.ok).toBe(false);
    expect(outcome.output).not.toContain("finished");
  });

  it("an in-process tool past its declared timeout is answered with the agent's tool_timeout message", async () => {
    const spec: ToolSpec = { ...bash, name: "stuck", timeoutMs: 300 };
    const never = () => new Promise<never>(() => undefined);
    const r = await runner([spec], { stuck: never });
    const outcome = await r.run("stuck", {});
    expect(outcome).toMatchObject({ ok: false, output: "TIMEOUT-NOTE stuck after 1 s", data: { timedOut: true } });
  });
});
