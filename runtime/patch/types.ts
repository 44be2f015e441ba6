/**
 * The patcher's public contract: what `applyEdit` and `applyEdits` take and give back.
 * Results are values, never exceptions: a refusal carries a message written for the model.
 */

/** How an edit was located, from the strictest to the loosest. */
export type EditStrategy =
  | "exact"
  | "line-endings"
  | "trailing-whitespace"
  | "indentation"
  | "tabs"
  | "blank-lines"
  | "line-numbers"
  | "fences"
  | "unicode"
  | "spacing"
  | "elision"
  | "fuzzy"
  | "create";

/** Why an edit was refused. */
export type RefusalReason = "not_found" | "ambiguous" | "no_change" | "invalid";

export interface ApplyEditOptions {
  /** Replace every occurrence instead of demanding a unique one (exact and whitespace-tolerant strategies only). */
  replaceAll?: boolean;
  /**
   * Whether the target file exists. With an empty `oldText`, a file that does not exist is created with `newText`;
   * an existing non-empty file is refused. Defaults to true.
   */
  fileExists?: boolean;
  /** Name shown in messages (e.g. the path). */
  fileName?: string;
}

export interface EditApplied {
  ok: true;
  /** The whole new file content. */
  content: string;
  strategy: EditStrategy;
  /** 1-based line of the file where the (first) replaced region starts. */
  startLine: number;
}

export interface EditRefused {
  ok: false;
  reason: RefusalReason;
  /** Written for the model: where it looked, why it did not match, what to send next. */
  message: string;
}

export type ApplyEditResult = EditApplied | EditRefused;

/** One edit of a batch given to `applyEdits`. */
export interface Edit {
  oldText: string;
  newText: string;
  replaceAll?: boolean;
}

/** Where and how one edit of a batch was applied. */
export interface AppliedEditInfo {
  strategy: EditStrategy;
  startLine: number;
  /** True when the file already held the requested text, so this edit changed nothing. */
  alreadyApplied: boolean;
}

export type ApplyEditsResult = (EditApplied & { edits: AppliedEditInfo[] }) | EditRefused;
