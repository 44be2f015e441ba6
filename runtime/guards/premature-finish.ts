/**
 * premature_finish: a reply with no tool call that would finish the task with the work not done. Small models often
 * announce the step instead of taking it ("I'll read the file first.", "Let me look at src/app.ts", "Next I will edit
 * it:"), or stop with prose while the task asked for a change and nothing has been changed.
 *
 * Thresholds:
 * - `announce`: phrases (words joined by `_`: `let_me`, `i_ll`, `next_i_will`) that, at the start of a sentence,
 *   announce an action instead of reporting a result;
 * - `lead_ins`: phrases skipped at the start of a sentence before judging it ("ok", "now", "please", "can_you");
 * - `closings`: phrases that mark a sentence as a courtesy ("let me know", "feel free"), never judged as announcing;
 * - `trailing_colon` (a flag): a reply ending in a colon, with nothing after it, announces too;
 * - `change_words`: words that make the task ask for a change when a sentence or clause starts with one (after
 *   lead-ins), as an imperative does (fix, add, rename …);
 * - `no_change`: phrases with which the model says explicitly that no change is needed;
 * - `max_in_a_row`: replies without a tool call in a row (this one included) the guard may stop; after that it lets
 *   the finish through, so a model that insists still ends.
 * Fires on a reply without calls or parse problems when (a) it announces, or (b) the task asks for a change, no file
 * was changed and no command ran in this run, and the reply does not say that no change is needed.
 */
import type { GuardDetector, GuardHit, RunView, TurnRecord } from "../agent/guard-api.js";
import type { GuardSpec } from "../agent/spec.js";
import { commandRan, filesTouched, pastCalls } from "./history.js";
import { actionFor, num, words } from "./thresholds.js";

/** Lower case words separated by single spaces, padded with one space each side (so " x " matches whole words). */
function flatten(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’']/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

const phrase = (p: string): string =>
  ` ${p
    .toLowerCase()
    .split(/[_\s]+/)
    .join(" ")} `;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?:;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A flattened sentence without its lead-in phrases ("ok", "now", "please", "can you"), keeping at least one word. */
function withoutLeadIns(spec: GuardSpec, flat: string): string {
  const leadIns = words(spec, "leadIns").map(phrase);
  let start = flat;
  for (let again = true; again;) {
    again = false;
    for (const l of leadIns) {
      if (start.startsWith(l) && start.length > l.length) {
        start = start.slice(l.length - 1);
        again = true;
      }
    }
  }
  return start;
}

/** The sentence that announces an action (or the reply, for a trailing colon), if any. */
export function announcement(spec: GuardSpec, text: string): string | undefined {
  const announce = words(spec, "announce").map(phrase);
  const closings = words(spec, "closings").map(phrase);
  for (const s of sentences(text)) {
    const flat = flatten(s);
    if (closings.some((c) => flat.includes(c))) continue;
    const start = withoutLeadIns(spec, flat);
    if (announce.some((a) => start.startsWith(a))) return s;
  }
  const trimmed = text.trimEnd();
  return spec.thresholds["trailingColon"] === true && trimmed.endsWith(":") ? trimmed : undefined;
}

/**
 * The task asks for a change: one of its sentences or clauses starts (after lead-ins such as "please", "can you")
 * with a declared change word, as an imperative does. "Fix the bug." and "Can you add a flag?" ask; "What does add
 * do?" does not.
 */
export function asksForChange(spec: GuardSpec, task: string): boolean {
  const verbs = words(spec, "changeWords").map(phrase);
  return task
    .split(/[.!?:;\n]+|,\s*(?:then|and)\s+/i)
    .map((clause) => withoutLeadIns(spec, flatten(clause)))
    .some((start) => verbs.some((v) => start.startsWith(v)));
}

/** The run has changed a file or run a command so far. */
function actedSoFar(view: RunView): boolean {
  return pastCalls(view).some((c) => filesTouched(c).length > 0 || commandRan(c));
}

/** Replies without a tool call in a row, ending with this one. */
function finishesInARow(view: RunView): number {
  let n = 1;
  for (let i = view.turns.length - 1; i >= 0; i--) {
    const t = view.turns[i];
    if (!t || t.calls.length > 0) break;
    n++;
  }
  return n;
}

function short(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 120 ? `${one.slice(0, 117)}…` : one;
}

export const prematureFinish: GuardDetector = {
  onReply(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined {
    if (turn.calls.length > 0 || turn.parseDiagnostics.length > 0 || turn.text.trim() === "") return undefined;
    const limit = num(spec, "maxInARow");
    if (limit === undefined || finishesInARow(view) > limit) return undefined;
    const said = announcement(spec, turn.text);
    if (said !== undefined) {
      return {
        action: actionFor(spec, view),
        detail: `Your reply announced a step ("${short(said)}") but made no tool call, so nothing happened.`,
      };
    }
    if (!asksForChange(spec, view.task) || actedSoFar(view)) return undefined;
    const flat = flatten(turn.text);
    if (words(spec, "noChange").some((p) => flat.includes(phrase(p)))) return undefined;
    return {
      action: actionFor(spec, view),
      detail: "The task asks for a change, and no file has been changed and no command run yet.",
    };
  },
};
