import { describe, expect, it } from "vitest";
import { guards } from "../../generated/guards.js";
import { defaultGuardRegistry } from "../../runtime/guards/index.js";
import { HEALTHY, turn, view } from "./builder.js";

// Every declared guard, at every hook, replayed over a healthy run turn by turn: none may fire.
describe("every detector stays quiet on a healthy run", () => {
  // Disabled declarations (retry_temperature only carries numbers for the loop) have no detector.
  for (const declared of guards.filter((g) => g.enabled)) {
    it(declared.name, () => {
      const spec = declared;
      const detector = defaultGuardRegistry[spec.detector];
      expect(detector, `no detector registered for ${spec.detector}`).toBeDefined();
      if (!detector) return;
      const fired: string[] = [];
      for (let n = 1; n <= HEALTHY.length; n++) {
        const v = view({
          turns: HEALTHY.slice(0, n - 1),
          existing: ["calc.js", "test.js"],
          filesRead: n > 1 ? ["calc.js"] : [],
          tokensUsed: n * 2000,
          elapsedMs: n * 3000,
        });
        const current = turn(n, HEALTHY[n - 1]);
        if (detector.beforeTurn?.(spec, v)) fired.push(`beforeTurn@${n}`);
        if (detector.onReply?.(spec, v, current)) fired.push(`onReply@${n}`);
        for (const c of current.calls) {
          const { outcome: _ran, ...notRunYet } = c;
          if (detector.beforeCall?.(spec, v, notRunYet)) fired.push(`beforeCall@${n}`);
          if (detector.afterCall?.(spec, v, c)) fired.push(`afterCall@${n}`);
        }
        const avail = detector.toolAvailability?.(spec, v);
        if (avail && (avail.demote.length > 0 || avail.drop.length > 0)) fired.push(`availability@${n}`);
      }
      expect(fired).toEqual([]);
    });
  }
});
