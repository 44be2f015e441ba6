/**
 * repetition: the model repeats the same text or the same calls over and over.
 *
 * Thresholds: `window` (turns looked at, the current one included), `maxRepeats` (how many times something may occur
 * in that window before the guard fires), `minChars` (shorter text is ignored: "Done." twice is not a loop).
 * Only turns since the last change to a file count: "edit, run the tests, edit, run the tests" is progress, not a loop.
 * Fires on a reply when any of these holds:
 * - the reply's text ends in one chunk of at least `minChars` repeated `maxRepeats` times (a decoding loop);
 * - a line or sentence of at least `minChars` occurs `maxRepeats` times over the window's texts;
 * - the reply makes exactly the same calls as `maxRepeats − 1` earlier replies in the window.
 */
import type { GuardDetector, GuardHit, RunView, TurnRecord } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { callSignature, filesTouched, turnsSince } from "./history.js";
import { repeatedSegments, snippet, tailLoop } from "./text-repeat.js";
import { actionFor, num } from "./thresholds.js";

function textLoop(turn: TurnRecord, window: readonly TurnRecord[], minChars: number, maxRepeats: number) {
  const tail = tailLoop(turn.text, minChars, maxRepeats);
  if (tail) return `Your reply repeats "${snippet(tail.chunk)}" ${tail.repeats} times.`;
  const seg = repeatedSegments(
    turn.text,
    window.map((t) => t.text),
    minChars,
  );
  if (seg && seg.count >= maxRepeats) return `You wrote "${snippet(seg.segment)}" ${seg.count} times recently.`;
  return undefined;
}

function callLoop(turn: TurnRecord, window: readonly TurnRecord[], maxRepeats: number): string | undefined {
  const signature = callSignature(turn);
  if (signature === "") return undefined;
  const count = 1 + window.filter((t) => callSignature(t) === signature).length;
  if (count < maxRepeats) return undefined;
  const names = [...new Set(turn.calls.map((c) => c.name))].join(", ");
  return `You made the same ${names} call${turn.calls.length > 1 ? "s" : ""} ${count} times with the same arguments.`;
}

/** The turns after the latest one that changed a file. */
function sinceLastChange(turns: readonly TurnRecord[]): readonly TurnRecord[] {
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i]?.calls.some((c) => filesTouched(c).length > 0)) return turns.slice(i + 1);
  }
  return turns;
}

export const repetition: GuardDetector = {
  onReply(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined {
    const size = num(spec, "window");
    const maxRepeats = num(spec, "maxRepeats");
    if (size === undefined || maxRepeats === undefined) return undefined;
    const window = sinceLastChange(turnsSince(view, turn.turn - size + 1).filter((t) => t.turn < turn.turn));
    const minChars = num(spec, "minChars");
    const detail =
      (minChars !== undefined ? textLoop(turn, window, minChars, maxRepeats) : undefined) ??
      callLoop(turn, window, maxRepeats);
    return detail === undefined ? undefined : { action: actionFor(spec, view), detail };
  },
};
