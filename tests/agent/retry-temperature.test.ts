import { afterEach, describe, expect, it } from "vitest";
import type { GuardDetector } from "../../runtime/agent/guard-api.js";
import type { GuardSpec } from "../../runtime/agent/spec.js";
import {
  DeterministicClient,
  LOOP_ONLY,
  makeAgent,
  say,
  tempProject,
  testBundle,
  type Fixture,
} from "./deterministic.js";

let fx: Fixture;
afterEach(() => fx?.cleanup());

const again: GuardSpec = { name: "again", detector: "again", enabled: true, thresholds: {}, then: { kind: "retry" } };
const schedule: GuardSpec = {
  name: "retry_temperature",
  detector: "retry_temperature",
  enabled: false,
  thresholds: { lowerFactor: 0.5, step: 0.3, max: 1.2 },
  then: { kind: "retry" },
};

/** Re-asks the first two replies, then lets the third through; returns the temperatures the model was asked at. */
async function temperatures(guards: GuardSpec[]): Promise<number[]> {
  fx = tempProject({});
  let fired = 0;
  const detector: GuardDetector = { onReply: (s) => (fired++ < 2 ? { action: s.then } : undefined) };
  const client = new DeterministicClient([say("hello!"), say("hello again!"), say("The answer.")]);
  const { agent } = makeAgent(client, fx.dir, { bundle: testBundle(LOOP_ONLY, guards), registry: { again: detector } });
  const result = await agent.run("task");
  expect(result.text).toBe("The answer.");
  return client.requests.map((r) => r.temperature ?? Number.NaN);
}

describe("adaptive retry temperature", () => {
  it("follows the declared retry_temperature schedule: the first re-ask cooler, the next warmer", async () => {
    const [first, second, third] = await temperatures([again, schedule]);
    expect(second).toBeLessThan(first!);
    expect(third).toBeGreaterThan(first!);
  });

  it("without a declared schedule, each re-ask is warmer by the loop's step", async () => {
    const [first, second, third] = await temperatures([again]);
    expect(second).toBeGreaterThan(first!);
    expect(third).toBeGreaterThan(second!);
  });
});
