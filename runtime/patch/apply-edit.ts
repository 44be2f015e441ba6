/** `applyEdit` and `applyEdits`: the patcher's entry points. */
import { applySplices, parseDoc, splicesOverlap, type Doc, type Splice } from "./document.js";
import { noChangeMessage } from "./messages.js";
import { unfenceNewFile } from "./new-artefacts.js";
import { planEdit } from "./plan.js";
import type {
  AppliedEditInfo,
  ApplyEditOptions,
  ApplyEditResult,
  ApplyEditsResult,
  Edit,
  EditRefused,
  EditStrategy,
} from "./types.js";
import { STRATEGY_ORDER } from "./strategies.js";

function createOrEmpty(content: string, newText: string, options: ApplyEditOptions): ApplyEditResult {
  const exists = options.fileExists ?? true;
  if (exists && content.length > 0) {
    return {
      ok: false,
      reason: "invalid",
      message:
        "Edit not applied: oldText is empty, but the file already exists and is not empty. To change it, quote the " +
        "lines to replace in oldText; to replace the whole file, use write_file.",
    };
  }
  if (newText === "") {
    return { ok: false, reason: "no_change", message: "No change: oldText and newText are both empty." };
  }
  return { ok: true, content: unfenceNewFile(newText, options.fileName ?? ""), strategy: "create", startLine: 1 };
}

/**
 * Replaces oldText by newText in content, locating oldText by the strictest strategy that finds it exactly once.
 * Never throws; a refusal explains itself to the model.
 */
export function applyEdit(
  content: string,
  oldText: string,
  newText: string,
  options: ApplyEditOptions = {},
): ApplyEditResult {
  if (oldText === "") return createOrEmpty(content, newText, options);
  if (options.fileExists === false) {
    return {
      ok: false,
      reason: "invalid",
      message:
        "Edit not applied: the file does not exist. To create it, send an empty oldText with the whole content as newText.",
    };
  }
  const doc = parseDoc(content);
  const where = options.fileName ?? "the file";
  const plan = planEdit(doc, oldText, newText, { replaceAll: options.replaceAll ?? false, where });
  if (!plan.ok) return plan;
  if (plan.unchanged) return unchangedRefusal(doc, plan.startLine, newText);
  return { ok: true, content: applySplices(doc, plan.splices), strategy: plan.strategy, startLine: plan.startLine };
}

function unchangedRefusal(doc: Doc, startLine: number, newText: string): EditRefused {
  const count = Math.max(1, newText.replace(/\r?\n$/, "").split(/\r?\n/).length);
  return { ok: false, reason: "no_change", message: noChangeMessage(doc, startLine - 1, count, false) };
}

function loosest(strategies: EditStrategy[]): EditStrategy {
  return strategies.reduce<EditStrategy>(
    (a, b) => (STRATEGY_ORDER.indexOf(b) > STRATEGY_ORDER.indexOf(a) ? b : a),
    strategies[0] ?? "exact",
  );
}

/**
 * Applies several edits to one file, all or none. Each is located in the ORIGINAL content, so the order of the
 * edits does not matter; edits that touch the same text are refused. Edits whose text is already in place are
 * reported as alreadyApplied and change nothing.
 */
export function applyEdits(content: string, edits: readonly Edit[], options: ApplyEditOptions = {}): ApplyEditsResult {
  if (edits.length === 0) return { ok: false, reason: "invalid", message: "Edit not applied: no edits were given." };
  if (edits.length === 1 && edits[0]?.oldText === "") {
    const r = applyEdit(content, "", edits[0].newText, options);
    return r.ok ? { ...r, edits: [{ strategy: r.strategy, startLine: 1, alreadyApplied: false }] } : r;
  }
  const doc = parseDoc(content);
  const all: Array<{ splices: Splice[]; index: number }> = [];
  const infos: AppliedEditInfo[] = [];
  for (const [index, edit] of edits.entries()) {
    const label = `Edit ${index + 1} of ${edits.length}`;
    if (edit.oldText === "") {
      return {
        ok: false,
        reason: "invalid",
        message: `${label}: oldText is empty; quote the lines to replace. No edit was applied.`,
      };
    }
    const where = options.fileName ?? "the file";
    const plan = planEdit(doc, edit.oldText, edit.newText, { replaceAll: edit.replaceAll ?? false, where });
    if (!plan.ok) {
      if (plan.reason === "no_change") {
        infos.push({ strategy: "exact", startLine: 0, alreadyApplied: true });
        continue;
      }
      return {
        ...plan,
        message: `${label}: ${plan.message}\nNo edit was applied; fix this one and send them all again.`,
      };
    }
    infos.push({ strategy: plan.strategy, startLine: plan.startLine, alreadyApplied: plan.unchanged });
    const clash = all.find((other) => other.splices.some((a) => plan.splices.some((b) => splicesOverlap(a, b))));
    if (clash) {
      return {
        ok: false,
        reason: "invalid",
        message:
          `${label} overlaps edit ${clash.index + 1} (both change the text near line ${plan.startLine}). ` +
          `No edit was applied. Merge them into one edit, or make them touch separate lines.`,
      };
    }
    all.push({ splices: plan.splices, index });
  }
  const next = applySplices(
    doc,
    all.flatMap((a) => a.splices),
  );
  if (next === content)
    return { ok: false, reason: "no_change", message: "No change: every edit's text is already in place." };
  const used = infos.filter((i) => !i.alreadyApplied);
  return {
    ok: true,
    content: next,
    strategy: loosest(used.map((i) => i.strategy)),
    startLine: Math.min(...used.map((i) => i.startLine)),
    edits: infos,
  };
}
