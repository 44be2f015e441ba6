/**
 * hallucinated_tool (quality monitor): a blank or unknown tool name.
 *
 * Thresholds: `suggestions` (how many of the closest real tool names to offer), `maxSteers` (see thresholds.ts).
 * - beforeCall: a call to a name that is blank or not declared is rejected; the detail names the closest real tools
 *   (by edit distance and word overlap) among those still available.
 * - onReply: when the parser already dropped the unknown calls (its diagnostics name them) and nothing usable is left,
 *   there is no call to reject, so the declared message is sent as a steer for the next request instead.
 */
import type { CallRecord, GuardDetector, GuardHit, RunView, TurnRecord } from "../agent/guard-api.js";
import type { GuardAction, GuardSpec } from "../agent/spec.js";
import { closestTools } from "./closest-tools.js";
import { actionFor, num } from "./thresholds.js";

const UNKNOWN_IN_DIAGNOSTIC = /no tool named "([^"]*)"/;

function suggestion(written: string, view: RunView, count: number): string {
  const pool = view.availableTools.length > 0 ? view.availableTools : view.toolNames;
  const closest = closestTools(written, pool, count);
  const what = written.trim() === "" ? "The tool name was blank." : `There is no tool named "${written}".`;
  return closest.length > 0 ? `${what} The closest real tools: ${closest.join(", ")}.` : what;
}

function asSteer(action: GuardAction): GuardAction {
  return action.kind === "reject" ? { kind: "steer", message: action.message } : action;
}

export const hallucinatedTool: GuardDetector = {
  beforeCall(spec: GuardSpec, view: RunView, call: CallRecord): GuardHit | undefined {
    const count = num(spec, "suggestions");
    if (count === undefined) return undefined;
    const unknown = call.name.trim() === "" || !call.known || !view.toolNames.includes(call.name);
    if (!unknown) return undefined;
    return { action: actionFor(spec, view), detail: suggestion(call.name, view, count) };
  },

  onReply(spec: GuardSpec, view: RunView, turn: TurnRecord): GuardHit | undefined {
    const count = num(spec, "suggestions");
    if (count === undefined || turn.calls.length > 0) return undefined;
    const written = turn.parseDiagnostics
      .map((d) => UNKNOWN_IN_DIAGNOSTIC.exec(d)?.[1])
      .filter((n): n is string => n !== undefined);
    if (written.length === 0) return undefined;
    const detail = [...new Set(written)].map((w) => suggestion(w, view, count)).join("\n");
    return { action: actionFor(spec, view, asSteer(spec.then)), detail };
  },
};
