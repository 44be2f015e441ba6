/**
 * greeting_regression: the model has lost the task and greets the user or asks what to do.
 *
 * Thresholds: `minTurn` (earlier turns are never judged: a greeting on turn 1 is odd but not a regression),
 * `patterns` (phrases as words joined by `_`, e.g. `how_can_i_help`, matched case-insensitively across punctuation).
 * Fires on a reply without tool calls whose text contains one of the phrases; the detail re-injects the task.
 */
import type { GuardDetector, GuardHit, RunView, TurnRecord } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { actionFor, num, words } from "./thresholds.js";

function flatten(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

export const greetingRegression: GuardDetector = {
  onReply(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined {
    const minTurn = num(spec, "minTurn");
    if (minTurn === undefined || turn.turn < minTurn || turn.calls.length > 0) return undefined;
    const text = flatten(turn.text);
    const hit = words(spec, "patterns").find((p) =>
      text.includes(
        ` ${p
          .toLowerCase()
          .split(/[_\s]+/)
          .join(" ")} `,
      ),
    );
    if (hit === undefined) return undefined;
    return { action: actionFor(spec, view), detail: `The task:\n${view.task}` };
  },
};
