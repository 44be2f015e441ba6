/**
 * Judging the agent's feedback on the simulator's last reply: did the step get done, and if not, does the feedback
 * carry what the model would need to put it right? "What it needs" is checked by looking for the concrete
 * information in the text (the real lines of the file, the right tool or parameter name, the task itself), never for
 * keywords such as "error" or "try again".
 */
import type { RequestView } from "./conversation.js";
import { driftedParams } from "./perturb/naming.js";
import type { Emission, NoiseKind, ReferenceStep, SimCall, SimTask } from "./types.js";

export interface Judgement {
  /** The reference step was carried out (the agent ran the intended call, and an edit took effect). */
  done: boolean;
  /** The feedback gives what is needed to correct the mistake. */
  actionable: boolean;
  /** A different call the feedback spells out (tool and JSON arguments), e.g. the read a guard asks for first. */
  detour?: SimCall;
}

const squash = (s: string): string =>
  s
    .replace(/\r/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The word appears on its own (not as part of file_path when looking for path). */
export function mentionsWord(text: string, word: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${escape(word)}($|[^A-Za-z0-9_])`).test(text);
}

/** Every non-blank line of `lines` appears in the text (whitespace-insensitive, prefixes such as "12 | " allowed). */
export function showsLines(text: string, lines: string): boolean {
  const hay = squash(text);
  const wanted = lines
    .split("\n")
    .map(squash)
    .filter((l) => l !== "");
  return wanted.length > 0 && wanted.every((l) => hay.includes(l));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.replace(/\r\n/g, "\n") === b.replace(/\r\n/g, "\n");
  return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
}

/** The agent ran the reference call: right tool, every reference argument as written (an edit's texts aside). */
function ranReference(view: RequestView, ref: { tool: string; args: Record<string, unknown> }): boolean {
  if (view.results.length === 0) return false;
  return (view.lastAssistant?.calls ?? []).some(
    (c) =>
      c.name === ref.tool &&
      Object.entries(ref.args).every(
        ([k, v]) => k === "old_text" || k === "new_text" || (k in c.args && sameValue(c.args[k], v)),
      ),
  );
}

/** The first call the feedback spells out as a tool name followed by its JSON arguments, other than `current`. */
export function spelledOutCall(feedback: string, tools: readonly string[], current: SimCall): SimCall | undefined {
  for (const tool of tools) {
    const re = new RegExp(`(^|[^A-Za-z0-9_])${escape(tool)}[^{}\n]{0,24}(\{[^{}]*\})`, "g");
    for (const m of feedback.matchAll(re)) {
      try {
        const args: unknown = JSON.parse(m[2] ?? "");
        if (!args || typeof args !== "object" || Array.isArray(args)) continue;
        const call = { tool, args: args as Record<string, unknown> };
        if (tool !== current.tool || JSON.stringify(call.args) !== JSON.stringify(current.args)) return call;
      } catch {
        // Not JSON: not a call spelled out.
      }
    }
  }
  return undefined;
}

/** An edit took effect: the lines it adds appear in its result (SmallCode shows the edited region). */
function editTookEffect(view: RequestView, args: Record<string, unknown>): boolean {
  const added = String(args["new_text"] ?? args["content"] ?? "");
  const old = new Set(
    String(args["old_text"] ?? "")
      .split("\n")
      .map(squash),
  );
  const fresh = added
    .split("\n")
    .filter((l) => squash(l) !== "" && !old.has(squash(l)))
    .slice(0, 3)
    .join("\n");
  return fresh === "" || showsLines(view.results.join("\n"), fresh);
}

function actionableFor(
  kind: NoiseKind,
  view: RequestView,
  e: Extract<Emission, { kind: "call" }>,
  ref: ReferenceStep,
): boolean {
  if (!("tool" in ref)) return view.feedback.trim() !== "";
  switch (kind) {
    case "param-drift":
      return driftedParams(e.call, ref.args).every((p) => mentionsWord(view.feedback, p));
    case "tool-near-miss":
    case "tool-made-up":
      return mentionsWord(view.feedback, ref.tool);
    case "edit-indent":
    case "edit-elided":
    case "edit-stale":
    case "edit-crlf":
    case "edit-line-numbers":
      return showsLines(view.feedback, String(ref.args["old_text"] ?? ""));
    default:
      return view.feedback.trim() !== "";
  }
}

/** Whether a mistake could have caused the failure: one the agent repaired on its own (a parameter it renamed back,
 * a tool name it resolved) needs no correction, so its feedback is not required to mention it. */
function mattered(kind: NoiseKind, view: RequestView, ref: { tool: string; args: Record<string, unknown> }): boolean {
  const echoed = view.lastAssistant?.calls ?? [];
  const named = echoed.filter((c) => c.name === ref.tool);
  switch (kind) {
    case "think-closed":
      return false;
    case "param-drift":
      return !named.some((c) => Object.keys(ref.args).every((k) => k in c.args));
    case "tool-near-miss":
    case "tool-made-up":
    case "truncated":
    case "think-unclosed":
      return named.length === 0;
    default:
      return true;
  }
}

/** Judges the outcome of the simulator's last reply from this request; `tools` are the names it may call. */
export function judge(last: Emission, view: RequestView, task: SimTask, tools: readonly string[]): Judgement {
  const ref = task.reference[last.step];
  if (last.kind === "say" || last.kind === "detour" || ref === undefined) return { done: true, actionable: true };
  if (last.kind === "habit") {
    if (last.habit === "repeat") return { done: false, actionable: true };
    if (last.habit === "greeting") {
      const head = squash(task.prompt).slice(0, 60);
      return { done: false, actionable: squash(view.feedback).includes(head) };
    }
    return { done: false, actionable: view.feedback.trim() !== "" };
  }
  if (!("tool" in ref)) return { done: true, actionable: true };
  const ran = ranReference(view, ref);
  if (ran && (ref.tool !== "edit_file" || editTookEffect(view, ref.args))) return { done: true, actionable: true };
  const detour = spelledOutCall(view.feedback, tools, ref);
  if (detour) return { done: false, actionable: true, detour };
  const kinds = last.mistakes.filter((k) => mattered(k, view, ref));
  // The reference played faithfully and run: a step the reference expects to fail (a deliberate miss) is done too.
  if (kinds.length === 0)
    return ran ? { done: true, actionable: true } : { done: false, actionable: view.feedback.trim() !== "" };
  return { done: false, actionable: kinds.every((k) => actionableFor(k, view, last, ref)) };
}
