/** The patch-first editing engine: locate a model's edit safely, or refuse with a message it can act on. */
export { applyEdit, applyEdits } from "./apply-edit.js";
export { STRATEGY_ORDER } from "./strategies.js";
export type {
  AppliedEditInfo,
  ApplyEditOptions,
  ApplyEditResult,
  ApplyEditsResult,
  Edit,
  EditApplied,
  EditRefused,
  EditStrategy,
  RefusalReason,
} from "./types.js";
